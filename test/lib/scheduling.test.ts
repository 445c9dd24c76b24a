import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EXIT_CODES } from '../../scripts/lib/exitCodes.ts';
import { REPO_ROOT } from '../../scripts/lib/paths.ts';

const read = (file: string) => readFileSync(path.join(REPO_ROOT, file), 'utf8');
const WORKFLOW = read('docs/examples/nightly-reclassify.yml');
const CRONTAB = read('docs/examples/crontab');

/** The SF_* variables the command reads: taken from its source, so the examples cannot drift from it. */
const ENV_READ = new Set(
    [...read('scripts/lib/reclassify/cli.ts').matchAll(/\benv\.(SF_[A-Z_]+)/g)].map((match) => match[1])
);
/** What a scheduler needs: the client credentials flow. */
const SCHEDULER_ENV = ['SF_INSTANCE_URL', 'SF_CLIENT_ID', 'SF_CLIENT_SECRET'];

type Entry = { path: string; key: string; value: string; line: number };

/**
 * Just enough YAML for a workflow file, line by line (no YAML library in the dependencies): block mappings,
 * block sequences ("- "), comments and quoted scalars. Each `key: value` comes out with its full path.
 */
function yamlEntries(text: string): Entry[] {
    const entries: Entry[] = [];
    const stack: { indent: number; path: string }[] = [];
    const counters = new Map<string, number>();
    text.split('\n').forEach((raw, index) => {
        const line = raw.replace(/\s+#.*$/, '');
        if (/^\s*(#|$)/.test(line)) return;
        let indent = line.length - line.trimStart().length;
        let content = line.trim();
        const parentOf = (at: number) => {
            while (stack.length > 0 && stack.at(-1)!.indent >= at) stack.pop();
            return stack.at(-1)?.path ?? '';
        };
        if (content.startsWith('- ')) {
            const parent = parentOf(indent);
            const item = counters.get(parent) ?? 0;
            counters.set(parent, item + 1);
            const itemPath = `${parent}[${item}]`;
            stack.push({ indent, path: itemPath });
            content = content.slice(2).trim();
            indent += 2;
            if (!/^[\w.-]+:(\s|$)/.test(content)) {
                entries.push({ path: itemPath, key: '', value: unquote(content), line: index + 1 });
                return;
            }
        }
        const match = /^([\w.-]+):\s*(.*)$/.exec(content);
        assert.ok(match, `line ${index + 1} is not "key: value": ${raw}`);
        const [, key = '', value = ''] = match;
        const parent = parentOf(indent);
        const entryPath = parent ? `${parent}.${key}` : key;
        if (value === '') {
            stack.push({ indent, path: entryPath });
        } else {
            entries.push({ path: entryPath, key, value: unquote(value), line: index + 1 });
        }
    });
    return entries;
}

function unquote(value: string): string {
    return /^(['"]).*\1$/.test(value) ? value.slice(1, -1) : value;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const CRON_FIELDS = [
    { name: 'minute', min: 0, max: 59, names: [] as string[], offset: 0 },
    { name: 'hour', min: 0, max: 23, names: [], offset: 0 },
    { name: 'day of month', min: 1, max: 31, names: [], offset: 0 },
    { name: 'month', min: 1, max: 12, names: MONTHS, offset: 1 },
    { name: 'day of week', min: 0, max: 7, names: DAYS, offset: 0 }
];

/** Problems with a standard 5-field cron expression (empty when valid). */
function cronProblems(expression: string): string[] {
    const fields = expression.trim().split(/\s+/);
    if (fields.length !== 5) return [`expected 5 fields, found ${fields.length}`];
    const problems: string[] = [];
    fields.forEach((field, index) => {
        const spec = CRON_FIELDS[index]!;
        const value = (text: string) => {
            const named = spec.names.indexOf(text.toLowerCase());
            if (named >= 0) return named + spec.offset;
            return /^\d+$/.test(text) ? Number(text) : Number.NaN;
        };
        for (const item of field.split(',')) {
            const match = /^(\*|([a-z0-9]+)(?:-([a-z0-9]+))?)(?:\/(\d+))?$/i.exec(item);
            if (!match) {
                problems.push(`${spec.name}: "${item}" is not a value, range or step`);
                continue;
            }
            const [, , from, to, step] = match;
            for (const bound of [from, to].filter((text): text is string => text !== undefined)) {
                const number = value(bound);
                if (!(number >= spec.min && number <= spec.max))
                    problems.push(`${spec.name}: ${bound} is outside ${spec.min}-${spec.max}`);
            }
            if (from !== undefined && to !== undefined && value(from) > value(to))
                problems.push(`${spec.name}: range ${item} runs backwards`);
            if (step !== undefined && Number(step) < 1)
                problems.push(`${spec.name}: step ${step} must be at least 1`);
        }
    });
    return problems;
}

test('the cron check itself: valid and invalid expressions', () => {
    for (const valid of ['15 2 * * *', '*/10 1-5 * * mon-fri', '0 0 1,15 jan,jul 0', '30 3 * * 7']) {
        assert.deepEqual(cronProblems(valid), [], valid);
    }
    for (const invalid of [
        '60 2 * * *',
        '15 24 * * *',
        '15 2 * *',
        '15 2 0 * *',
        '15 2 * 13 *',
        '5-1 * * * *',
        '*/0 * * * *',
        '15 2 * * funday'
    ]) {
        assert.ok(cronProblems(invalid).length > 0, invalid);
    }
});

test('the tiny YAML reader gives every key its path', () => {
    const entries = yamlEntries(
        'a:\n  b: 1\n  list:\n    - name: x\n      with:\n        k: "v"\n    - run: y # comment\n'
    );
    assert.deepEqual(
        entries.map((entry) => [entry.path, entry.value]),
        [
            ['a.b', '1'],
            ['a.list[0].name', 'x'],
            ['a.list[0].with.k', 'v'],
            ['a.list[1].run', 'y']
        ]
    );
});

test('the command reads the variables the examples set', () => {
    for (const name of SCHEDULER_ENV)
        assert.ok(ENV_READ.has(name), `scripts/lib/reclassify/cli.ts reads ${name}`);
});

test('workflow: nightly schedule, Node from .nvmrc, npm ci, npm run reclassify, reports uploaded', () => {
    const entries = yamlEntries(WORKFLOW);
    const at = (entryPath: string) => entries.find((entry) => entry.path === entryPath)?.value;
    const cron = at('on.schedule[0].cron');
    assert.ok(cron, 'a schedule');
    assert.deepEqual(cronProblems(cron), [], cron);
    assert.equal(at('permissions.contents'), 'read', 'least privilege for the token');
    const steps = 'jobs.reclassify.steps';
    const step = (test: (entry: Entry) => boolean) => {
        const found = entries.find((entry) => entry.path.startsWith(steps) && test(entry));
        return found ? /^(jobs\.reclassify\.steps\[\d+\])/.exec(found.path)?.[1] : undefined;
    };
    const setupNode = step((entry) => entry.key === 'uses' && entry.value.startsWith('actions/setup-node@'));
    assert.equal(at(`${setupNode}.with.node-version-file`), '.nvmrc');
    assert.ok(
        step((entry) => entry.key === 'run' && /^npm ci\b/.test(entry.value)),
        'npm ci'
    );
    const reclassify = step((entry) => entry.key === 'run' && /^npm run reclassify -- /.test(entry.value));
    assert.ok(reclassify, 'a step runs npm run reclassify');
    const run = at(`${reclassify}.run`) ?? '';
    const out = /--out "?(out\/[^"\s]*)"?/.exec(run)?.[1];
    assert.ok(out, `the reports go under out/: ${run}`);
    const upload = step(
        (entry) => entry.key === 'uses' && entry.value.startsWith('actions/upload-artifact@')
    );
    assert.equal(at(`${upload}.with.path`), 'out/');
    assert.equal(at(`${upload}.if`), 'always()', 'kept also when the run fails');
});

test('workflow: the secrets come from GitHub secrets, under the names the command reads, only where needed', () => {
    const entries = yamlEntries(WORKFLOW);
    const sfEnv = entries.filter((entry) => /\.env\.SF_/.test(entry.path));
    assert.deepEqual(sfEnv.map((entry) => entry.key).sort(), [...SCHEDULER_ENV].sort());
    for (const entry of sfEnv) {
        assert.ok(ENV_READ.has(entry.key), `${entry.key} is read by the command`);
        assert.equal(
            entry.value,
            `\${{ secrets.${entry.key} }}`,
            `${entry.key} comes from secrets (line ${entry.line})`
        );
    }
    const reclassify = entries.find(
        (entry) => entry.key === 'run' && entry.value.startsWith('npm run reclassify')
    );
    const stepOf = (entry: Entry) => /^jobs\.\w+\.steps\[\d+\]/.exec(entry.path)?.[0];
    for (const entry of sfEnv) {
        assert.equal(
            stepOf(entry),
            reclassify && stepOf(reclassify),
            `${entry.key} is given to the reclassify step only`
        );
    }
    for (const entry of entries.filter((e) => /secret|token|password|client_id|key/i.test(e.key))) {
        assert.match(entry.value, /^\$\{\{ secrets\.[A-Z_]+ \}\}$/, `${entry.path} is not hard-coded`);
    }
});

function assertNoSecretLiterals(text: string, file: string) {
    const withoutExpressions = text.replace(/\$\{\{[^}]*\}\}/g, '');
    assert.doesNotMatch(withoutExpressions, /3MVG[\w.]{20,}/, `${file}: a consumer key`);
    assert.doesNotMatch(withoutExpressions, /00D\w{12,15}![\w.]{20,}/, `${file}: an access token`);
    assert.doesNotMatch(withoutExpressions, /\b[A-F0-9]{32,}\b/i, `${file}: a long hex secret`);
    for (const line of text.split('\n').filter((l) => !l.trimStart().startsWith('#'))) {
        assert.doesNotMatch(
            line,
            /\bSF_(CLIENT_SECRET|CLIENT_ID|ACCESS_TOKEN)=\S/,
            `${file}: a secret assigned in: ${line}`
        );
    }
}

test('no example hard-codes a secret', () => {
    assertNoSecretLiterals(WORKFLOW, 'nightly-reclassify.yml');
    assertNoSecretLiterals(CRONTAB, 'crontab');
});

test('crontab: one valid 5-field line that loads the root-only env file and runs npm run reclassify', () => {
    const lines = CRONTAB.split('\n').filter(
        (line) => line.trim() !== '' && !line.trimStart().startsWith('#')
    );
    const variables = lines.filter((line) => /^[A-Z_]+=/.test(line));
    const jobs = lines.filter((line) => !/^[A-Z_]+=/.test(line));
    assert.equal(jobs.length, 1, 'exactly one job');
    for (const variable of variables) {
        assert.doesNotMatch(variable, /^SF_/, 'no Salesforce variable in the crontab itself');
    }
    const fields = jobs[0]!.trim().split(/\s+/);
    const schedule = fields.slice(0, 5).join(' ');
    assert.deepEqual(cronProblems(schedule), [], schedule);
    const command = fields.slice(5).join(' ');
    assert.ok(
        command.includes('npm run reclassify -- --out /var/log/klantsegmentatie/$(date +\\%F)'),
        command
    );
    assert.doesNotMatch(
        command.replace(/\\%/g, ''),
        /%/,
        'every % is escaped (cron ends the command at a bare %)'
    );
    const envFile = /set -a && \. (\/etc\/\S+) && set \+a/.exec(command)?.[1];
    assert.ok(envFile, 'the variables come from a file, exported with set -a');
    assert.ok(
        command.indexOf(envFile) < command.indexOf('npm run reclassify'),
        'loaded before the command runs'
    );
    assert.match(
        CRONTAB,
        new RegExp(`${envFile.replace(/[./]/g, '\\$&')}, owner root, mode 0600`),
        'the file is documented as root-only'
    );
    for (const name of SCHEDULER_ENV) {
        assert.match(CRONTAB, new RegExp(`#\\s+${name}=`), `the env file example names ${name}`);
    }
});

test('docs/scheduling.md explains every exit code the command has', () => {
    const doc = read('docs/scheduling.md');
    for (const [status, { code }] of Object.entries(EXIT_CODES)) {
        assert.match(
            doc,
            new RegExp(`\\|\\s*${code}\\s*\\|\\s*\`${status}\`\\s*\\|`),
            `exit code ${code} (${status})`
        );
    }
    for (const name of SCHEDULER_ENV) assert.ok(doc.includes(`\`${name}\``), name);
    assert.ok(doc.includes('Klantsegmentatie_Integration'));
    assert.match(doc, /Run As/);
});
