import { EXIT_CODES } from '../../scripts/lib/exitCodes.ts';
import {
    countedBrandDetails,
    MAX_LISTED,
    type Distribution,
    type RunReport
} from '../../scripts/lib/reclassify/report.ts';

const sum = (values: Iterable<number>) => [...values].reduce((total, value) => total + value, 0);
const total = (distribution: Distribution) => sum(Object.values(distribution));

/** Row sums (by the outer key) and column sums (by the inner key) of a table of counts. */
function margins(table: Record<string, Distribution>): { rows: Distribution; columns: Distribution } {
    const rows: Distribution = {};
    const columns: Distribution = {};
    for (const [row, cells] of Object.entries(table)) {
        for (const [column, count] of Object.entries(cells)) {
            rows[row] = (rows[row] ?? 0) + count;
            columns[column] = (columns[column] ?? 0) + count;
        }
    }
    return { rows, columns };
}

/** Two distributions with the same count under every key (a missing key counts 0). */
function sameCounts(a: Distribution, b: Distribution): boolean {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => (a[key] ?? 0) === (b[key] ?? 0));
}

/**
 * Every way the numbers of one report can contradict each other, as sentences (none: the report is consistent).
 * The report shows these numbers side by side (the key figures, the heat map, the transitions, the downgrades,
 * the estimate), so a reader would see any of these contradictions at a glance.
 */
export function contradictions(report: RunReport): string[] {
    const found: string[] = [];
    const expect = (holds: boolean, what: string) => {
        if (!holds) found.push(what);
    };
    const { records, transitions, typeBySegment, before, after } = report;
    const counted = countedBrandDetails(report);
    const unchangedNight = !report.changeCheck.readInFull;

    expect(EXIT_CODES[report.outcome.status].code === report.outcome.exitCode, 'the exit code is its status');
    expect(
        records.rejected === sum(Object.values(records.rejectedByObject)),
        'rejected = the sum per object'
    );
    expect(records.lockedWouldChange <= records.locked, 'locked that would change <= locked');
    expect(records.written <= records.changed, 'written <= changed');
    if (report.dryRun || report.source.kind === 'csv')
        expect(records.written + records.potentialsWritten === 0, 'a dry run or a CSV run writes nothing');
    expect(report.held.length === Math.min(records.heldInstallers, MAX_LISTED), 'held installers listed');
    expect(report.safetyStop.clears <= report.safetyStop.classified, 'the stop clears <= classified');

    // The distributions, the heat map and the transitions count the same brand details.
    const shown = total(after.customerType);
    for (const [name, count] of [
        ['before by type', total(before.customerType)],
        ['before by segment', total(before.segment)],
        ['after by segment', total(after.segment)],
        ['the heat map', sum(Object.values(typeBySegment).map(total))]
    ] as const)
        expect(count === shown, `${name} counts ${count} brand details, after by type ${shown}`);
    const heat = margins(typeBySegment);
    expect(sameCounts(heat.rows, after.customerType), 'the heat map rows are after by type');
    expect(sameCounts(heat.columns, after.segment), 'the heat map columns are after by segment');

    if (unchangedNight) {
        expect(counted === 0 && records.written === 0, 'an unchanged night classifies and writes nothing');
        expect(Object.keys(transitions).length === 0, 'an unchanged night has no transitions');
        expect(sameCounts(before.customerType, after.customerType), 'an unchanged night: before = after');
        return found;
    }
    expect(shown === counted, `the tables count ${shown} brand details, the key figures ${counted}`);
    const moves = margins(transitions);
    expect(sameCounts(moves.rows, before.customerType), 'each transition row adds up to before');
    expect(sameCounts(moves.columns, after.customerType), 'each transition column adds up to after');
    const offDiagonal = sum(
        Object.entries(transitions).flatMap(([from, to]) =>
            Object.entries(to).map(([target, count]) => (target === from ? 0 : count))
        )
    );
    expect(offDiagonal <= records.changed, `${offDiagonal} type changes, only ${records.changed} changed`);

    // A downgrade is a step down the configured order of types: the red cells of the transitions.
    const order = report.axes.customerTypes;
    const down = (from: string, to: string) =>
        order.includes(from) && order.includes(to) && order.indexOf(to) < order.indexOf(from);
    const red = sum(
        Object.entries(transitions).flatMap(([from, to]) =>
            Object.entries(to).map(([target, count]) => (down(from, target) ? count : 0))
        )
    );
    expect(red === report.downgradeCount, `${report.downgradeCount} downgrades, ${red} in the transitions`);
    expect(report.downgrades.length === Math.min(report.downgradeCount, MAX_LISTED), 'downgrades listed');
    expect(
        report.downgrades.every((row) => down(row.from, row.to)),
        'every listed downgrade is a step down'
    );

    // A night that classified everything counts every brand detail it read once: classified, locked or held,
    // or rejected.
    if (['ok', 'partial', 'stopped'].includes(report.outcome.status))
        expect(
            records.brandDetailsRead === counted + records.rejectedByObject.Brand_Detail__c,
            `${records.brandDetailsRead} brand details read, ${counted} counted and ${records.rejectedByObject.Brand_Detail__c} rejected`
        );
    if (report.estimate.status === 'done')
        expect(
            report.estimate.rowsToUpsert === records.potentialsToUpsert + records.potentialsToKey,
            'the estimate rows are the rows prepared'
        );
    if (report.source.kind === 'org')
        expect(report.api.requests === sum(Object.values(report.api.byKind)), 'requests = the sum per kind');
    const { tasks } = report;
    expect(tasks.wanted === sum(Object.values(tasks.wantedByReason)), 'tasks wanted = the sum per reason');
    expect(
        tasks.created + tasks.alreadyOpen + tasks.alreadyClosed + tasks.failed <= tasks.wanted,
        'no more tasks created, open, closed or failed than wanted'
    );
    return found;
}
