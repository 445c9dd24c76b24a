import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatSummary, type RunReport } from '../../scripts/lib/reclassify/report.ts';
import { busyNightReport, refusedNightReport, unchangedNightReport } from '../helpers/reportFixture.ts';

/** The summary printed at the end of a run tells the same story as report.html, without its contradictions. */
let busy: RunReport;
let quiet: RunReport;
let refused: RunReport;

before(async () => {
    [busy, quiet, refused] = await Promise.all([
        busyNightReport(),
        unchangedNightReport(),
        refusedNightReport()
    ]);
});

test('the type changes it lists are changed records only, no more than it says changed', () => {
    const summary = formatSummary(busy);
    const changed = Number(/Brand details: (\d+) changed/.exec(summary)?.[1]);
    const moves = [...summary.matchAll(/^ {2}\S.* -> .*: (\d+)$/gm)].map((match) => Number(match[1]));
    assert.ok(moves.length > 0);
    assert.ok(moves.reduce((a, b) => a + b, 0) <= changed, summary);
    assert.match(summary, /^Type klant changes \(old -> new; locked and held records keep theirs\):$/m);
});

test('an unchanged night shows the distribution it keeps, no empty transitions, and why it is ok', () => {
    const summary = formatSummary(quiet);
    assert.match(summary, /^Nothing read or written: nothing changed in the org since the complete run of /m);
    assert.match(summary, /^Type klant \(as the last complete run left it\):$/m);
    assert.doesNotMatch(summary, /before|changes \(old -> new/);
    assert.match(
        summary,
        /^Result: ok — nothing changed since the last complete run, so nothing was read or written$/m
    );
});

test('a night refused before it read prints no tables of zeros', () => {
    const summary = formatSummary(refused);
    assert.match(summary, /^Nothing read or written: the run stopped before it read anything\.$/m);
    assert.doesNotMatch(summary, /Type klant|Segment|Estimate/);
    assert.match(summary, /^Result: refused — /m);
});
