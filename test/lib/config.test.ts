import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ConfigError, loadConfig, parseConfig } from '../../scripts/lib/config.ts';
import { DEFAULT_CONFIG_FILE } from '../../scripts/lib/paths.ts';
import { readPicklists } from '../../scripts/lib/picklists.ts';

/** The shipped config as plain JSON, to be broken on purpose in every way the schema must catch. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ConfigJson = Record<string, any>;

const shipped = () => JSON.parse(readFileSync(DEFAULT_CONFIG_FILE, 'utf8')) as ConfigJson;

function problemsOf(mutate: (config: ConfigJson) => void): string[] {
    const config = shipped();
    mutate(config);
    try {
        parseConfig(config, 'test.json', readPicklists());
    } catch (error) {
        assert.ok(error instanceof ConfigError);
        return error.problems;
    }
    return [];
}

test('the shipped static resource is a valid config that agrees with the metadata picklists', () => {
    const config = loadConfig(DEFAULT_CONFIG_FILE, readPicklists());
    assert.equal(config.customerTypes.growFromPercent, 5);
    assert.deepEqual(
        config.segments.map((segment) => segment.minUnits),
        [1, 10, 30, 75, 150, 500]
    );
});

test('broken configs are refused with the path and reason of every fault', () => {
    const cases: [string, (config: ConfigJson) => void, RegExp[]][] = [
        [
            'thresholds in the wrong order',
            (c) => (c.customerTypes.keepFromPercent = 4),
            [/^customerTypes\.keepFromPercent: must be above growFromPercent/]
        ],
        [
            'segments not ascending',
            (c) => (c.segments[2].minUnits = 5),
            [/^segments\.2\.minUnits: segments must ascend/]
        ],
        [
            'a segment missing from the bands',
            (c) => (c.potentialBands.Gemiddeld = ['30+']),
            [/segment 75\+ is in no band/]
        ],
        [
            'an unknown klanttype in the matrix',
            (c) => (c.valueTypeMatrix.Hoog.Weinig = 'Topklant'),
            [/^valueTypeMatrix\.Hoog\.Weinig: Topklant is not in valueTypes/]
        ],
        [
            'a brand the org does not know',
            (c) => c.competitorBrands.push('Buderus'),
            [/^competitorBrands: Buderus is not a picklist value/]
        ],
        [
            'a segment name drifted from the metadata',
            (c) => (c.segments[0].name = '1 +'),
            [/^segments: 1 \+ is not a picklist value/, /^potentialBands: segment 1 \+ is in no band/]
        ],
        [
            'a percent with three decimals and a negative cadence',
            (c) => {
                c.customerTypes.growFromPercent = 5.125;
                c.valueTypes['Grote klant'].visitEveryDays = -1;
            },
            [
                /^customerTypes\.growFromPercent: at most two decimals/,
                /^valueTypes\.Grote klant\.visitEveryDays/
            ]
        ],
        ['an unknown key', (c) => (c.extra = true), [/^\(root\): Unrecognized key/i]],
        ['a missing part', (c) => delete c.valueBands, [/^valueBands: /]]
    ];
    for (const [name, mutate, expected] of cases) {
        const problems = problemsOf(mutate);
        for (const pattern of expected) {
            assert.ok(
                problems.some((problem) => pattern.test(problem)),
                `${name}: ${JSON.stringify(problems)}`
            );
        }
    }
    assert.ok(
        problemsOf((c) => {
            c.customerTypes.keepFromPercent = 4;
            c.competitorBrands.push('Buderus');
        }).length >= 2,
        'all faults are reported at once'
    );
});

test('an unreadable config file is refused, not crashed on', () => {
    assert.throws(
        () => loadConfig('/nonexistent/config.json'),
        (error: unknown) => error instanceof ConfigError && /cannot read JSON/.test(error.message)
    );
});
