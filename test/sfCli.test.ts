import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../scripts/lib/paths.ts';
import { z } from 'zod';
import { deploy } from '../scripts/lib/deploy/command.ts';
import { EXIT_CODES } from '../scripts/lib/exitCodes.ts';
import { runSfJson, SF_ENV, SF_PACKAGE_DIR, SfAnswerError, sfResult } from '../scripts/lib/sfCli.ts';

/**
 * The project's own Salesforce CLI, offline: it converts force-app, and every command and flag that
 * `npm run deploy -- --dry-run` and the docs name exists in it, as its own --help says.
 */
const run = promisify(execFile);
const SF = path.join(REPO_ROOT, 'node_modules/.bin/sf');

let home = '';
/** An environment that keeps sf's state (config, logs, caches, logins) in a scratch home: the machine stays as it was. */
async function scratchEnv(): Promise<NodeJS.ProcessEnv> {
    home ||= await mkdtemp(path.join(os.tmpdir(), 'sf-home-'));
    return {
        PATH: `${path.dirname(SF)}${path.delimiter}${process.env.PATH ?? ''}`,
        HOME: home,
        XDG_CONFIG_HOME: path.join(home, '.config'),
        XDG_CACHE_HOME: path.join(home, '.cache'),
        XDG_DATA_HOME: path.join(home, '.local/share'),
        ...SF_ENV
    };
}

async function sf(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
        const { stdout, stderr } = await run(SF, args, {
            cwd: REPO_ROOT,
            env: await scratchEnv(),
            maxBuffer: 32 * 1024 * 1024
        });
        return { code: 0, stdout, stderr };
    } catch (error) {
        const failed = error as { code?: number; stdout?: string; stderr?: string };
        return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
    }
}

test.after(() => (home ? rm(home, { recursive: true, force: true }) : undefined));

test('the pinned CLI is the one in node_modules', async () => {
    const pinned = (
        JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
            devDependencies: Record<string, string>;
        }
    ).devDependencies['@salesforce/cli'];
    const installed = (
        JSON.parse(await readFile(path.join(SF_PACKAGE_DIR, 'package.json'), 'utf8')) as { version: string }
    ).version;
    assert.equal(installed, pinned);
    assert.match(
        (await sf(['--version'])).stdout,
        new RegExp(`^@salesforce/cli/${String(pinned).replace(/\./g, '\\.')} `)
    );
});

test("the deploy's sf runner reads the real CLI's --json answers: a result, and an error with its message", async () => {
    const env = await scratchEnv();
    const listed = sfResult(
        await runSfJson(['org', 'list', '--json'], env),
        z.object({ other: z.array(z.unknown()) })
    );
    assert.deepEqual(listed.other, [], 'a scratch home knows no orgs');
    const unknown = await runSfJson(['org', 'display', 'user', '--target-org', 'no-such-org', '--json'], env);
    assert.notEqual(unknown.code, 0);
    assert.throws(
        () => sfResult(unknown, z.object({ username: z.string() })),
        (error: Error) => error instanceof SfAnswerError && /no-such-org/.test(error.message)
    );
});

test("npm run deploy runs the project's sf and stops at the first step when the org is unknown", async () => {
    let stdout = '';
    let stderr = '';
    const code = await deploy(['--target-org', 'no-such-org'], await scratchEnv(), {
        stdout: (text) => (stdout += text),
        stderr: (text) => (stderr += text)
    });
    assert.equal(code, EXIT_CODES.failed.code, stdout);
    assert.match(stdout, /\[1\/3\] Deploy force-app/);
    assert.match(stderr, /Failed: "Deploy force-app" ended with exit code [1-9]/);
    assert.doesNotMatch(stdout, /\[2\/3\]/, 'nothing after the failed step');
});

test('sf project convert source turns force-app into Metadata API format', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'sf-convert-'));
    try {
        const result = await sf([
            'project',
            'convert',
            'source',
            '--source-dir',
            'force-app',
            '--output-dir',
            out
        ]);
        assert.equal(result.code, 0, result.stderr);
        const manifest = await readFile(path.join(out, 'package.xml'), 'utf8');
        for (const type of [
            'CustomObject',
            'FlexiPage',
            'PermissionSet',
            'Report',
            'Dashboard',
            'LightningComponentBundle'
        ]) {
            assert.match(manifest, new RegExp(`<name>${type}</name>`), `${type} in package.xml`);
        }
        assert.ok(existsSync(path.join(out, 'flexipages/Installateur_Record_Page.flexipage')));
        assert.ok(existsSync(path.join(out, 'objects/Brand_Detail__c.object')));
    } finally {
        await rm(out, { recursive: true, force: true });
    }
});

/** Shell words of one command line: quotes group, a backslash escapes, # starts a comment. */
function words(line: string): string[] {
    const found: string[] = [];
    let word: string | undefined;
    for (let i = 0; i < line.length; i++) {
        const char = line[i]!;
        if (char === "'" || char === '"') {
            const end = line.indexOf(char, i + 1);
            word = (word ?? '') + line.slice(i + 1, end < 0 ? undefined : end);
            i = end < 0 ? line.length : end;
        } else if (char === '\\') {
            word = (word ?? '') + (line[++i] ?? '');
        } else if (/\s/.test(char)) {
            if (word !== undefined) found.push(word);
            word = undefined;
        } else if (char === '#' && word === undefined) {
            break;
        } else {
            word = (word ?? '') + char;
        }
    }
    return word === undefined ? found : [...found, word];
}

type Invocation = { where: string; argv: string[] };

/** `npx sf …` and `sf …` lines (continuations joined) in the fenced shell blocks of a Markdown file. */
function commandsInMarkdown(file: string, text: string): Invocation[] {
    const invocations: Invocation[] = [];
    const blocks = text.matchAll(/^ *```(?:sh|bash|shell|console)?\n([\s\S]*?)^ *```/gm);
    for (const [, block = ''] of blocks) {
        const lines = block.replace(/\\\n\s*/g, ' ').split('\n');
        for (const line of lines.map((l) => l.trim())) {
            const argv = words(line);
            if (argv[0] === 'sf' || (argv[0] === 'npx' && argv[1] === 'sf'))
                invocations.push({ where: `${file}: ${line}`, argv });
        }
    }
    return invocations;
}

async function documentation(): Promise<{ file: string; text: string }[]> {
    const docs = (await readdir(path.join(REPO_ROOT, 'docs'), { recursive: true }))
        .filter((name) => name.endsWith('.md'))
        .map((name) => path.join('docs', name));
    return Promise.all(
        ['README.md', 'data/README.md', ...docs].map(async (file) => ({
            file,
            text: await readFile(path.join(REPO_ROOT, file), 'utf8')
        }))
    );
}

type Flags = Map<string, 'option' | 'boolean'>;

/** The flags a command's --help lists (long names and short letters), with whether they take a value. */
function flagsInHelp(help: string): Flags {
    const flags: Flags = new Map();
    let inFlags = false;
    for (const line of help.split('\n')) {
        if (/^[A-Z][A-Z ]*$/.test(line)) inFlags = line.endsWith('FLAGS');
        const flag = inFlags && /^\s+(?:-(\w), )?--(\[no-\])?([a-z][\w-]*)(=\S+)?/.exec(line);
        if (!flag) continue;
        const [, short, negatable, name = '', value] = flag;
        const kind = value ? 'option' : 'boolean';
        flags.set(`--${name}`, kind);
        if (short) flags.set(`-${short}`, kind);
        if (negatable) flags.set(`--no-${name}`, 'boolean');
    }
    return flags;
}

const helpCache = new Map<string, Promise<{ code: number; stdout: string; stderr: string }>>();

/** Checks one invocation against the CLI's own help for its command; returns the problems. */
async function checkInvocation({ where, argv }: Invocation): Promise<string[]> {
    const args = argv[0] === 'npx' ? argv.slice(2) : argv.slice(1);
    const firstFlag = args.findIndex((arg) => arg.startsWith('-'));
    const command = firstFlag < 0 ? args : args.slice(0, firstFlag);
    const key = command.join(' ');
    if (!helpCache.has(key)) helpCache.set(key, sf([...command, '--help']));
    const help = await helpCache.get(key)!;
    if (help.code !== 0 || !new RegExp(`^\\s+\\$ sf ${key}( |$)`, 'm').test(help.stdout))
        return [`${where}: "sf ${key}" is not a command of the pinned CLI`];
    const flags = flagsInHelp(help.stdout);
    const problems: string[] = [];
    const rest = firstFlag < 0 ? [] : args.slice(firstFlag);
    for (let i = 0; i < rest.length; i++) {
        const [flag = '', inlineValue] = rest[i]!.split(/=(.*)/s);
        const kind = flags.get(flag);
        if (!flag.startsWith('-')) problems.push(`${where}: unexpected argument "${flag}" to sf ${key}`);
        else if (!kind) {
            problems.push(`${where}: sf ${key} has no flag ${flag}`);
            if (inlineValue === undefined && !(rest[i + 1] ?? '-').startsWith('-')) i++;
        } else if (kind === 'option' && inlineValue === undefined && (rest[i + 1] ?? '-').startsWith('-'))
            problems.push(`${where}: ${flag} of sf ${key} needs a value`);
        else if (kind === 'option' && inlineValue === undefined) i++;
        else if (kind === 'boolean' && inlineValue !== undefined)
            problems.push(`${where}: ${flag} of sf ${key} takes no value`);
    }
    return problems;
}

test('npm run deploy -- --dry-run names only commands and flags of the pinned CLI', async () => {
    const { stdout } = await run(
        'npm',
        [
            'run',
            '--silent',
            'deploy',
            '--',
            '--target-org',
            'ci-org',
            '--dry-run',
            '--with-sample-data',
            '--activate-pages'
        ],
        { cwd: REPO_ROOT, env: { ...process.env, ...SF_ENV } }
    );
    const invocations = stdout
        .split('\n')
        .filter((line) => /^\s+(\$ )?npx sf [a-z]/.test(line))
        .map((line) => line.slice(line.indexOf('npx sf ')))
        .map((line) => ({ where: `dry run: ${line}`, argv: words(line) }));
    const commands = new Set(
        invocations.map(({ argv }) =>
            argv
                .slice(
                    2,
                    argv.findIndex((a) => a.startsWith('-'))
                )
                .join(' ')
        )
    );
    assert.deepEqual([...commands].sort(), [
        'data import tree',
        'data query',
        'org assign permset',
        'org display user',
        'project deploy start'
    ]);
    const problems = (await Promise.all(invocations.map(checkInvocation))).flat();
    assert.deepEqual(problems, []);
});

test("the README and docs run the project's sf (npx sf), with commands and flags of the pinned CLI", async () => {
    const docs = await documentation();
    const invocations = docs.flatMap(({ file, text }) => commandsInMarkdown(file, text));
    assert.ok(
        invocations.length >= 8,
        `the docs show the install and the scheduling (${invocations.length} found)`
    );
    assert.deepEqual(
        invocations.filter(({ argv }) => argv[0] !== 'npx').map(({ where }) => where),
        [],
        'sf from this project (npx sf), not a global one'
    );
    for (const { file, text } of docs) {
        assert.doesNotMatch(
            text,
            /install (--global|-g) @salesforce\/cli/,
            `${file}: no global install of the CLI`
        );
    }
    const problems = (await Promise.all(invocations.map(checkInvocation))).flat();
    assert.deepEqual(problems, []);
});

test('the command check itself: an unknown command, an unknown flag and a missing value are caught', async () => {
    const problems = (
        await Promise.all(
            [
                ['npx', 'sf', 'org', 'assign', 'permsets', '--name', 'X'],
                ['npx', 'sf', 'org', 'assign', 'permset', '--permset-name', 'X'],
                ['npx', 'sf', 'org', 'assign', 'permset', '--name', '--target-org', 'x'],
                ['npx', 'sf', 'project', 'deploy', 'start', '--dry-run=yes']
            ].map((argv, index) => checkInvocation({ where: `case ${index}`, argv }))
        )
    ).flat();
    assert.deepEqual(problems, [
        'case 0: "sf org assign permsets" is not a command of the pinned CLI',
        'case 1: sf org assign permset has no flag --permset-name',
        'case 2: --name of sf org assign permset needs a value',
        'case 3: --dry-run of sf project deploy start takes no value'
    ]);
});
