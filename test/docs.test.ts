import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../scripts/lib/paths.ts';

/** What a fresh clone has: the tracked files (nothing under out/, node_modules or a sibling folder). */
const TRACKED = new Set(execFileSync('git', ['ls-files'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\n'));
const DOCS = [...TRACKED].filter(
    (file) => file.endsWith('.md') && !file.startsWith('node_modules/') && !file.startsWith('force-app/')
);
const SCRIPTS = Object.keys(
    (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: object }).scripts
);

/** Markdown links and images that point at a file: [text](target) and ![alt](target), without a URL scheme. */
function fileLinks(markdown: string): string[] {
    return [...markdown.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)]
        .map((match) => match[1]!)
        .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('#'));
}

test('the README and every doc link only to files a fresh clone has, inside the repository', () => {
    assert.ok(DOCS.includes('README.md') && DOCS.includes('docs/domain.md'));
    const broken: string[] = [];
    for (const doc of DOCS) {
        const text = readFileSync(path.join(REPO_ROOT, doc), 'utf8');
        for (const target of fileLinks(text)) {
            const file = path.normalize(path.join(path.dirname(doc), target.split('#')[0]!));
            const isFolder = [...TRACKED].some((tracked) => tracked.startsWith(`${file}/`));
            if (file.startsWith('..') || (!TRACKED.has(file) && !isFolder)) broken.push(`${doc}: ${target}`);
        }
        for (const outside of text.match(/\.\.\/shared\b|\/work\/[\w/.-]+|DESIGN\.md|STYLE\.md/g) ?? [])
            broken.push(`${doc}: names ${outside}, which is not in the repository`);
    }
    assert.deepEqual(broken, []);
});

test('every `npm run` the README and the docs name is a script of package.json', () => {
    const unknown: string[] = [];
    for (const doc of DOCS) {
        const text = readFileSync(path.join(REPO_ROOT, doc), 'utf8');
        for (const [, name] of text.matchAll(/npm run ([\w:-]+)/g))
            if (!SCRIPTS.includes(name!)) unknown.push(`${doc}: npm run ${name}`);
    }
    assert.deepEqual(unknown, []);
});
