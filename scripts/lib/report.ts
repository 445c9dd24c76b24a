import type { RequestCounts } from './org/api.ts';

/** Buckets are the label values; records without a label count under NONE. */
export const NONE = '(geen)';

export type Distribution = Record<string, number>;

export type EstimateSummary =
    | { status: 'skipped'; reason: string }
    | { status: 'refused'; reason: string; trainingInstallers: number }
    | {
          status: 'done';
          estimatedInstallers: number;
          trainingInstallers: number;
          rowsToUpsert: number;
          quality: {
              folds: number;
              heldOutInstallers: number;
              mae: { model: number; baseline: number };
              segmentAccuracy: { model: number; baseline: number };
              typeAccuracy: { model: number; baseline: number };
          };
      };

export type Outcome = { status: 'ok' | 'partial' | 'failed' | 'refused'; exitCode: number; reason: string };

/** report.json: what the run read, decided and wrote. Its shape is snapshotted in the tests. */
export type RunReport = {
    reportVersion: 1;
    source: { kind: 'org' | 'csv'; label: string };
    dryRun: boolean;
    configFile: string;
    startedAt: string;
    finishedAt: string;
    durationMs: number;
    records: {
        accountsRead: number;
        potentialsRead: number;
        brandDetailsRead: number;
        rejected: number;
        changed: number;
        unchanged: number;
        locked: number;
        lockedWouldChange: number;
        written: number;
        failed: number;
        potentialsToUpsert: number;
        /** Of those, rows new to the org (no earlier row with their key). */
        potentialsNew: number;
        potentialsWritten: number;
    };
    /** Whether the org was read in full and why, or found unchanged since the last complete run (no reads). */
    changeCheck: { readInFull: boolean; reason: string };
    estimate: EstimateSummary;
    before: { customerType: Distribution; segment: Distribution };
    after: { customerType: Distribution; segment: Distribution };
    /** old Type klant -> new Type klant -> brand details (locked records by what they would become). */
    transitions: Record<string, Distribution>;
    /** Type klant -> segment -> brand details, after the run (the heat map). */
    typeBySegment: Record<string, Distribution>;
    /** Brand details whose type went down in this run (first MAX_LISTED; downgradeCount has them all). */
    downgrades: {
        id: string;
        accountId: string;
        accountName: string | null;
        brand: string | null;
        from: string;
        to: string;
    }[];
    downgradeCount: number;
    /** The org's address, so a report can link to each record; null for CSV runs. */
    instanceUrl: string | null;
    api: { requests: number; byKind: RequestCounts; dailyMax: number | null; dailyRemaining: number | null };
    jobs: { object: string; id: string; state: string }[];
    files: {
        brandDetailUpdates: string;
        potentialUpserts: string;
        errors: string;
        report: string;
        html: string;
    };
    outcome: Outcome;
};

/** Downgrades listed by name in the report; the count covers all of them. */
export const MAX_LISTED = 1000;

export function increment(distribution: Distribution, key: string | null): void {
    const bucket = key ?? NONE;
    distribution[bucket] = (distribution[bucket] ?? 0) + 1;
}

export function incrementTransition(
    transitions: Record<string, Distribution>,
    from: string | null,
    to: string | null
): void {
    increment((transitions[from ?? NONE] ??= {}), to);
}

const pad = (text: string, width: number) => text.padEnd(width);

function table(rows: string[][]): string {
    const widths =
        rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
    return rows
        .map((row) =>
            row
                .map((cellText, column) => pad(cellText, widths[column] ?? 0))
                .join('  ')
                .trimEnd()
        )
        .join('\n');
}

/** The human summary printed at the end of a run (the JSON is report.json itself). */
export function formatSummary(report: RunReport, typeOrder: string[], segmentOrder: string[]): string {
    const { records, api } = report;
    const types = [...typeOrder, NONE];
    const lines = [
        `Klantsegmentatie ${report.dryRun ? '(dry run: nothing written) ' : ''}— ${report.source.label}`,
        report.changeCheck.readInFull
            ? `Read: ${records.accountsRead} installers, ${records.potentialsRead} potential rows, ${records.brandDetailsRead} brand details; rejected ${records.rejected} (read in full: ${report.changeCheck.reason}).`
            : `Nothing read or written: ${report.changeCheck.reason}.`,
        `Brand details: ${records.changed} changed, ${records.unchanged} unchanged, ${records.locked} locked (${records.lockedWouldChange} would change); written ${records.written}, failed ${records.failed}.`,
        `Estimated potential rows: ${records.potentialsToUpsert} to upsert, ${records.potentialsWritten} written.`,
        '',
        'Type klant (before -> after):',
        table([
            ['', ...types],
            ['before', ...types.map((type) => String(report.before.customerType[type] ?? 0))],
            ['after', ...types.map((type) => String(report.after.customerType[type] ?? 0))]
        ]),
        '',
        'Segment (after):',
        table([
            [...segmentOrder, NONE],
            [...segmentOrder, NONE].map((segment) => String(report.after.segment[segment] ?? 0))
        ]),
        '',
        'Transitions (old -> new, changed only):',
        ...Object.entries(report.transitions).flatMap(([from, to]) =>
            Object.entries(to)
                .filter(([target]) => target !== from)
                .map(([target, count]) => `  ${from} -> ${target}: ${count}`)
        )
    ];
    if (report.estimate.status === 'done') {
        const { quality } = report.estimate;
        lines.push(
            '',
            `Estimate: ${report.estimate.estimatedInstallers} installers estimated from ${report.estimate.trainingInstallers} entered by sales; ${quality.folds}-fold held-out check on ${quality.heldOutInstallers}:`,
            `  mean absolute error ${quality.mae.model.toFixed(1)} boilers (baseline median per company size ${quality.mae.baseline.toFixed(1)})`,
            `  segment right ${(quality.segmentAccuracy.model * 100).toFixed(1)}% (baseline ${(quality.segmentAccuracy.baseline * 100).toFixed(1)}%), type right ${(quality.typeAccuracy.model * 100).toFixed(1)}% (baseline ${(quality.typeAccuracy.baseline * 100).toFixed(1)}%)`
        );
    } else {
        lines.push('', `Estimate ${report.estimate.status}: ${report.estimate.reason}`);
    }
    if (report.source.kind === 'org') {
        lines.push(
            '',
            `API requests: ${api.requests} (${Object.entries(api.byKind)
                .map(([kind, count]) => `${kind} ${count}`)
                .join(
                    ', '
                )}); daily remaining ${api.dailyRemaining ?? 'unknown'} of ${api.dailyMax ?? 'unknown'}.`
        );
    }
    lines.push(
        '',
        `Result: ${report.outcome.status} — ${report.outcome.reason}`,
        `Reports: ${report.files.html} (open in a browser), ${report.files.report}; errors: ${report.files.errors}`
    );
    return lines.join('\n');
}
