import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../scripts/lib/paths.ts';
import type { RunReport } from '../scripts/lib/reclassify/report.ts';
import { contradictions } from './helpers/reportConsistency.ts';

const run = promisify(execFile);

/** `npm run demo` in a folder of its own (never the admin's out/demo): its stdout and the report it wrote. */
async function demo(dir: string, ...args: string[]): Promise<{ stdout: string; report: RunReport }> {
    const { stdout } = await run(
        process.execPath,
        ['--import', 'tsx', 'scripts/demo.ts', '--dir', dir, ...args],
        {
            cwd: REPO_ROOT
        }
    );
    const json = /^Reports: .*, (\S+report\.json); errors:/m.exec(stdout)?.[1];
    assert.ok(json, stdout);
    return { stdout, report: JSON.parse(await readFile(json, 'utf8')) as RunReport };
}

/** The ```text blocks of the README that follow `after`: what it says the demo prints. */
function readmeExcerpt(readme: string, after: string): string[] {
    const start = readme.indexOf(after);
    assert.ok(start >= 0, `the README says "${after}"`);
    const block = /```text\n([\s\S]*?)```/.exec(readme.slice(start))?.[1] ?? '';
    return block.split('\n').filter((line) => line !== '' && line !== '...');
}

/** Times and the stand-in's port differ from run to run; everything else is as printed. */
const steady = (text: string) =>
    text
        .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, '<time>')
        .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>');

/** Every line of the excerpt is a line of the output, in the same order. */
function assertShows(stdout: string, excerpt: string[], which: string): void {
    const lines = steady(stdout).split('\n');
    let at = 0;
    for (const line of excerpt.map(steady)) {
        const found = lines.indexOf(line, at);
        assert.ok(
            found >= 0,
            `${which}: the demo does not print, or not in this order:\n${line}\n\nit printed:\n${stdout}`
        );
        at = found + 1;
    }
}

let dir: string;
let first: { stdout: string; report: RunReport };
let second: { stdout: string; report: RunReport };
let tasksDir: string;
let firstWithTasks: { stdout: string; report: RunReport };
let secondWithTasks: { stdout: string; report: RunReport };

before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'demo-'));
    first = await demo(dir, '--reset');
    second = await demo(dir);
    tasksDir = await mkdtemp(path.join(os.tmpdir(), 'demo-tasks-'));
    firstWithTasks = await demo(tasksDir, '--reset', '--create-tasks');
    secondWithTasks = await demo(tasksDir, '--create-tasks');
});

after(async () => {
    for (const folder of [dir, tasksDir]) if (folder) await rm(folder, { recursive: true, force: true });
});

test("the README's demo excerpts are what the demo prints now, first night and second", async () => {
    const readme = await readFile(path.join(REPO_ROOT, 'README.md'), 'utf8');
    assertShows(first.stdout, readmeExcerpt(readme, 'the first demo ends like this'), 'first night');
    assertShows(second.stdout, readmeExcerpt(readme, 'and the second one like this'), 'second night');
});

test('the second demo is the next night of the same org: the unchanged-night path, nothing read or written', () => {
    assert.equal(first.report.changeCheck.readInFull, true);
    assert.equal(second.report.changeCheck.readInFull, false, second.report.changeCheck.reason);
    assert.deepEqual(Object.keys(second.report.api.byKind).sort(), ['count', 'identity']);
    assert.equal(second.report.records.written + second.report.records.potentialsWritten, 0);
});

test("the demo's reports agree with themselves", () => {
    assert.deepEqual(contradictions(first.report), [], 'first night');
    assert.deepEqual(contradictions(second.report), [], 'second night');
});

/** Which visits are due depends on the day the demo runs: counts and dates are compared by their shape. */
const dayFree = (text: string) => text.replace(/\d{4}-\d\d-\d\d/g, '<date>').replace(/\d+/g, '<n>');

test('with --create-tasks the first demo makes the visit tasks it wants and the next night none', async () => {
    const { tasks } = firstWithTasks.report;
    assert.ok(tasks.wanted > 0, 'visits are due on the sample');
    assert.deepEqual(
        [tasks.created, tasks.alreadyOpen, tasks.alreadyClosed, tasks.failed],
        [tasks.wanted, 0, 0, 0]
    );
    assert.equal(secondWithTasks.report.tasks.created, 0);
    assert.equal(
        secondWithTasks.report.changeCheck.readInFull,
        false,
        secondWithTasks.report.changeCheck.reason
    );
    const readme = await readFile(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const [firstLine, secondLine, ...rest] = readmeExcerpt(
        readme,
        '`npm run demo -- --create-tasks` makes none'
    );
    assert.deepEqual(rest, []);
    assertShows(dayFree(firstWithTasks.stdout), [dayFree(firstLine!)], 'first night with tasks');
    assertShows(dayFree(secondWithTasks.stdout), [dayFree(secondLine!)], 'second night with tasks');
});
