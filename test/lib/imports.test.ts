import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../scripts/lib/paths.ts';

/** The modules of the scripts (type-only imports included: they tie the modules' designs together too). */
function importGraph(root: string): Map<string, string[]> {
    const graph = new Map<string, string[]>();
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) =>
        file.endsWith('.ts')
    );
    for (const file of files) {
        const from = path.join(root, file);
        const text = readFileSync(from, 'utf8');
        const targets = [...text.matchAll(/^(?:import|export)\b[^;]*?from\s+'(\.[^']+\.ts)'/gms)].map(
            (match) => path.resolve(path.dirname(from), match[1]!)
        );
        graph.set(from, targets);
    }
    return graph;
}

/** One import cycle, as the modules on it, or undefined. */
function findCycle(graph: Map<string, string[]>): string[] | undefined {
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (module: string): string[] | undefined => {
        if (state.get(module) === 'done') return undefined;
        if (state.get(module) === 'open') return stack.slice(stack.indexOf(module));
        state.set(module, 'open');
        stack.push(module);
        for (const next of graph.get(module) ?? []) {
            const cycle = visit(next);
            if (cycle) return cycle;
        }
        stack.pop();
        state.set(module, 'done');
        return undefined;
    };
    for (const module of graph.keys()) {
        const cycle = visit(module);
        if (cycle) return cycle;
    }
    return undefined;
}

test('the command has no import cycle', () => {
    const root = path.join(REPO_ROOT, 'scripts/lib');
    const graph = importGraph(root);
    assert.ok(graph.size > 30, 'the modules were found');
    const cycle = findCycle(graph)?.map((module) => path.relative(root, module));
    assert.equal(cycle, undefined, `import cycle: ${cycle?.join(' -> ')}`);
});

test('the commands never import dev-only code (the stand-in, the synthetic generator)', () => {
    const root = path.join(REPO_ROOT, 'scripts/lib');
    const dev = path.join(REPO_ROOT, 'scripts/dev') + path.sep;
    const intoDev = [...importGraph(root)].flatMap(([module, targets]) =>
        targets.filter((target) => target.startsWith(dev)).map((target) => `${module} -> ${target}`)
    );
    assert.deepEqual(intoDev, []);
});

test('the cycle finder finds a cycle', () => {
    const graph = new Map([
        ['a', ['b']],
        ['b', ['c']],
        ['c', ['a']],
        ['d', ['a']]
    ]);
    assert.deepEqual(findCycle(graph), ['a', 'b', 'c']);
    assert.equal(findCycle(new Map([['a', ['b']]])), undefined);
});
