import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Preloaded into every script, org and browser test process (`node --import`, see package.json): the process
 * gets a temp folder of its own as TMPDIR, removed when it exits, so the run locks and kept run states the command
 * writes under $TMPDIR/klantsegmentatie-locks, and every scratch folder, go with it.
 */
const dir = mkdtempSync(path.join(os.tmpdir(), 'klantsegmentatie-test-'));
process.env.TMPDIR = dir;
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
