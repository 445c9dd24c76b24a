import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { nearestOption } from '../../scripts/lib/argv.ts';
import { HELP } from '../../scripts/lib/reclassify/cli.ts';
import { EXIT_CODES } from '../../scripts/lib/exitCodes.ts';
import { runCommand } from '../helpers/csvOrg.ts';

test('--help lists every exit code with its text, from exitCodes.ts', async () => {
    const help = await runCommand(['--help']);
    assert.equal(help.exitCode, 0);
    assert.equal(help.stdout, HELP);
    const listed = HELP.slice(HELP.indexOf('\nExit codes:\n')).replace(/\n {5}/g, ' ');
    for (const { code, text } of Object.values(EXIT_CODES)) {
        assert.ok(listed.includes(`\n  ${code}  ${text}\n`), `exit code ${code}`);
    }
    for (const line of HELP.split('\n')) assert.ok(line.length <= 120, `a help line fits: ${line}`);
});

test('an unknown option names the nearest known one; a stray argument says where options go', async () => {
    const typo = await runCommand(['--target-org', 'prod', '--dry-runn']);
    assert.equal(typo.exitCode, EXIT_CODES.refused.code);
    assert.match(
        typo.stderr,
        /^Refused: unknown option --dry-runn; did you mean --dry-run\? \(all options: npm run reclassify -- --help\)/
    );
    assert.equal(typo.stderr.split('\n').length, 2, 'one line');
    // `npm run reclassify --target-org prod` without the lone --: npm keeps the option, the command sees "prod".
    const stray = await runCommand(['prod']);
    assert.match(
        stray.stderr,
        /^Refused: unexpected argument "prod": npm passes options on only after a lone --/
    );
    const json = await runCommand(['--fulll', '--json']);
    assert.match(JSON.parse(json.stdout).outcome.reason, /did you mean --full\?/);
});

test('the nearest option: a prefix, or a few letters off; nothing when nothing is close', () => {
    const known = [
        'target-org',
        'dry-run',
        'full',
        'from-csv',
        'force-estimate',
        'no-estimate',
        'reestimate'
    ];
    assert.equal(nearestOption('--target', known), 'target-org');
    assert.equal(nearestOption('--dryrun', known), 'dry-run');
    assert.equal(nearestOption('--from-cvs', known), 'from-csv');
    assert.equal(nearestOption('--re-estimate', known), 'reestimate');
    assert.equal(nearestOption('--Full', known), 'full');
    assert.equal(nearestOption('--f', known), undefined, 'a prefix of several is no suggestion');
    assert.equal(nearestOption('--xyzzy', known), undefined);
});

test('an --out that cannot be a folder is refused in one line that promises no report', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'out-file-'));
    try {
        const file = path.join(dir, 'not-a-folder');
        await writeFile(file, '');
        const result = await runCommand(['--from-csv', 'data/csv', '--out', path.join(file, 'run')]);
        assert.equal(result.exitCode, EXIT_CODES.refused.code);
        assert.equal(result.stdout, '');
        assert.match(result.stderr, /^Refused: cannot write into --out .*not-a-folder\/run: ENOTDIR/);
        assert.equal(result.stderr.split('\n').length, 2, 'one line, no stack trace');
        assert.doesNotMatch(result.stderr, /report/);
    } finally {
        await rm(dir, { recursive: true, force: true });
    }
});
