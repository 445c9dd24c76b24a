import type { ExitStatus } from '../exitCodes.ts';
import type { ObjectCounts, ObjectName } from '../objects.ts';
import type { RequestCounts } from '../org/api.ts';

/** Buckets are the label values; records without a label count under NONE. */
export const NONE = '(geen)';

export type Distribution = Record<string, number>;

/** The reason of an estimate skipped on request: each report says that in its own words. */
export const NO_ESTIMATE = '--no-estimate';

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

/** How the run ended: the exit code, one line why, and the next step for the admin (empty when ok). */
export type Outcome = { status: ExitStatus; exitCode: number; reason: string; next: string };

/** A held installer: a rejected input row of it keeps all of its records as they are tonight. */
export type HeldInstaller = { accountId: string; accountName: string | null; because: string };

/** The safety stop before any write (see safetyStop.ts). */
export type SafetyStopReport = {
    /** The share (0..1) of classified brand details a run may clear, and by which a record count may fall. */
    limit: number;
    /** --allow-mass-change: the stop reports but does not stop. */
    allowed: boolean;
    /** Brand details carrying a type or segment now, and of those, how many tonight's run would clear. */
    classified: number;
    clears: number;
    /** Objects whose record count fell by more than the limit since the last complete run of this org. */
    shrunk: { object: ObjectName; before: number; now: number }[];
    /** Whether the stop held the writes back, and why (null: it did not). */
    stopped: boolean;
    reason: string | null;
};

/**
 * The follow-up tasks of a night (--create-tasks; docs/follow-up-tasks.md): the tasks its classification wants
 * to exist, and what became of them.
 */
export type FollowUpReport = {
    /** Whether the run was asked to create tasks; when not, every count is 0. */
    requested: boolean;
    /** Tasks wanted tonight (a visit due, a Type klant drop), per Follow_Up_Reason__c. */
    wanted: number;
    wantedByReason: Distribution;
    /** Inserted tonight; open already (this occasion or an older one); closed already for this occasion; refused. */
    created: number;
    alreadyOpen: number;
    alreadyClosed: number;
    failed: number;
    /** The first day a visit not yet due becomes due: a night before it that finds the org unchanged needs no task. */
    nextVisitDue: string | null;
};

/** The follow-up tasks of a night that was not asked to create them (or has not yet). */
export function noFollowUps(): FollowUpReport {
    return {
        requested: false,
        wanted: 0,
        wantedByReason: {},
        created: 0,
        alreadyOpen: 0,
        alreadyClosed: 0,
        failed: 0,
        nextVisitDue: null
    };
}

/** report.json: what the run read, decided and wrote. Its shape is snapshotted in the tests. */
export type RunReport = {
    reportVersion: 2;
    source: { kind: 'org' | 'csv'; label: string };
    dryRun: boolean;
    configFile: string;
    startedAt: string;
    finishedAt: string;
    durationMs: number;
    /** The order of the tables: Type klant from worst to best for VG, and the segments ascending. */
    axes: { customerTypes: string[]; segments: string[] };
    records: {
        accountsRead: number;
        potentialsRead: number;
        brandDetailsRead: number;
        /** Input records rejected (each with its lines in errors.csv), in all and per object. */
        rejected: number;
        rejectedByObject: ObjectCounts;
        /** Installers held because of a rejected row, and their brand details (none of it written). */
        heldInstallers: number;
        held: number;
        changed: number;
        unchanged: number;
        locked: number;
        lockedWouldChange: number;
        written: number;
        failed: number;
        /** Estimate rows in Potential__c.upsert.csv. */
        potentialsToUpsert: number;
        /** Of those, rows new to the org (no earlier row with their key). */
        potentialsNew: number;
        /** Earlier estimate rows without their Key__c, given their key and new units by Id (Potential__c.update.csv). */
        potentialsToKey: number;
        /** Estimate rows written, by upsert and by Id. */
        potentialsWritten: number;
    };
    /** Held installers (first MAX_LISTED; records.heldInstallers has them all). */
    held: HeldInstaller[];
    safetyStop: SafetyStopReport;
    /** Whether the org was read in full and why, or found unchanged since the last complete run (no reads). */
    changeCheck: { readInFull: boolean; reason: string };
    estimate: EstimateSummary;
    before: { customerType: Distribution; segment: Distribution };
    after: { customerType: Distribution; segment: Distribution };
    /**
     * old Type klant -> new Type klant -> brand details. Locked and held records stay on the diagonal (they are not
     * written); records.lockedWouldChange counts the locked ones the rules would change.
     */
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
    tasks: FollowUpReport;
    /** The org's address, so a report can link to each record; null for CSV runs. */
    instanceUrl: string | null;
    api: { requests: number; byKind: RequestCounts; dailyMax: number | null; dailyRemaining: number | null };
    jobs: { object: string; id: string; state: string }[];
    /** The run's files in --out; null for a file the run did not leave (nothing to write, or held back). */
    files: {
        brandDetailUpdates: string | null;
        potentialKeys: string | null;
        potentialUpserts: string | null;
        /** The follow-up tasks wanted tonight, and those of them sent to be created (--create-tasks). */
        followUpsWanted: string | null;
        followUpInserts: string | null;
        errors: string;
        report: string;
        html: string;
    };
    outcome: Outcome;
};

/** Brand details and installers listed by name in the report; the counts cover all of them. */
export const MAX_LISTED = 1000;

export function increment(distribution: Distribution, key: string | null): void {
    const bucket = key ?? NONE;
    distribution[bucket] = (distribution[bucket] ?? 0) + 1;
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

/** Brand details the run classified or kept as they are (every one it counts in the tables). */
export function countedBrandDetails(report: RunReport): number {
    const { changed, unchanged, locked, held } = report.records;
    return changed + unchanged + locked + held;
}

/** A run that failed or was refused before it classified anything: its tables would only show zeros. */
export function stoppedBeforeClassifying(report: RunReport): boolean {
    const { status } = report.outcome;
    return (status === 'failed' || status === 'refused') && countedBrandDetails(report) === 0;
}

/** What the run read and decided, in a few lines. */
function recordLines(report: RunReport): string[] {
    const { records } = report;
    if (!report.changeCheck.readInFull) return [`Nothing read or written: ${report.changeCheck.reason}.`];
    const rejected = Object.entries(records.rejectedByObject)
        .map(([object, count]) => `${object} ${count}`)
        .join(', ');
    const read = `${records.accountsRead} installers, ${records.potentialsRead} potential rows, ${records.brandDetailsRead} brand details; rejected ${records.rejected} (${rejected})`;
    if (stoppedBeforeClassifying(report))
        return records.accountsRead + records.potentialsRead + records.brandDetailsRead === 0
            ? ['Nothing read or written: the run stopped before it read anything.']
            : [`Nothing classified or written: the run stopped first (read ${read}).`];
    const lines = [`Read: ${read} (read in full: ${report.changeCheck.reason}).`];
    if (records.heldInstallers > 0)
        lines.push(
            `Held: ${records.heldInstallers} installers (${records.held} brand details) with a rejected input row: nothing of them written tonight (errors.csv says which row).`
        );
    lines.push(
        `Brand details: ${records.changed} changed, ${records.unchanged} unchanged, ${records.locked} locked (${records.lockedWouldChange} would change); written ${records.written}, failed ${records.failed}.`,
        `Estimated potential rows: ${records.potentialsToUpsert} to upsert, ${records.potentialsToKey} to give their key; ${records.potentialsWritten} written.`
    );
    const stop = report.safetyStop;
    if (stop.stopped || stop.allowed)
        lines.push(
            `Safety stop${stop.stopped ? '' : ' (let through by --allow-mass-change)'}: ${stop.reason}`
        );
    return lines;
}

/** The follow-up tasks in a line (--create-tasks only). */
function taskLines(report: RunReport): string[] {
    const { tasks } = report;
    if (!tasks.requested) return [];
    const next = tasks.nextVisitDue === null ? '' : `; next visit due ${tasks.nextVisitDue}`;
    if (!report.changeCheck.readInFull) return [`Follow-up tasks: no visit due since that run${next}.`];
    const reasons = Object.entries(tasks.wantedByReason)
        .map(([reason, count]) => `${reason} ${count}`)
        .join(', ');
    return [
        `Follow-up tasks: ${tasks.wanted} wanted${reasons ? ` (${reasons})` : ''}; created ${tasks.created}, already open ${tasks.alreadyOpen}, closed before ${tasks.alreadyClosed}, failed ${tasks.failed}${next}.`
    ];
}

/** Type klant before and after, the segments after, and the type changes (an unchanged night: as it was left). */
function distributionLines(report: RunReport): string[] {
    const types = [...report.axes.customerTypes, NONE];
    const segments = [...report.axes.segments, NONE];
    const row = (label: string, distribution: Distribution) => [
        label,
        ...types.map((type) => String(distribution[type] ?? 0))
    ];
    const segmentTable = (title: string) => [
        '',
        title,
        table([segments, segments.map((segment) => String(report.after.segment[segment] ?? 0))])
    ];
    if (!report.changeCheck.readInFull)
        return [
            '',
            'Type klant (as the last complete run left it):',
            table([['', ...types], row('now', report.after.customerType)]),
            ...segmentTable('Segment:')
        ];
    const moves = Object.entries(report.transitions).flatMap(([from, to]) =>
        Object.entries(to)
            .filter(([target]) => target !== from)
            .map(([target, count]) => `  ${from} -> ${target}: ${count}`)
    );
    return [
        '',
        'Type klant (before -> after):',
        table([
            ['', ...types],
            row('before', report.before.customerType),
            row('after', report.after.customerType)
        ]),
        ...segmentTable('Segment (after):'),
        '',
        'Type klant changes (old -> new; locked and held records keep theirs):',
        ...(moves.length > 0 ? moves : ['  none'])
    ];
}

function estimateLines(estimate: EstimateSummary): string[] {
    if (estimate.status !== 'done') return [`Estimate ${estimate.status}: ${estimate.reason}`];
    const { quality } = estimate;
    const percent = (fraction: number) => `${(fraction * 100).toFixed(1)}%`;
    return [
        `Estimate: ${estimate.estimatedInstallers} installers estimated from ${estimate.trainingInstallers} entered by sales; ${quality.folds}-fold held-out check on ${quality.heldOutInstallers}:`,
        `  mean absolute error ${quality.mae.model.toFixed(1)} boilers (baseline median per company size ${quality.mae.baseline.toFixed(1)})`,
        `  segment right ${percent(quality.segmentAccuracy.model)} (baseline ${percent(quality.segmentAccuracy.baseline)}), type right ${percent(quality.typeAccuracy.model)} (baseline ${percent(quality.typeAccuracy.baseline)})`
    ];
}

/** The human summary printed at the end of a run (the JSON is report.json itself). */
export function formatSummary(report: RunReport): string {
    const { api } = report;
    const lines = [
        `Klantsegmentatie ${report.dryRun ? '(dry run: nothing written) ' : ''}— ${report.source.label}`,
        ...recordLines(report),
        ...taskLines(report)
    ];
    if (!stoppedBeforeClassifying(report))
        lines.push(...distributionLines(report), '', ...estimateLines(report.estimate));
    if (report.source.kind === 'org') {
        const kinds = Object.entries(api.byKind)
            .map(([kind, count]) => `${kind} ${count}`)
            .join(', ');
        lines.push(
            '',
            `API requests: ${api.requests}${kinds === '' ? '' : ` (${kinds})`}; daily remaining ${api.dailyRemaining ?? 'unknown'} of ${api.dailyMax ?? 'unknown'}.`
        );
    }
    lines.push(
        '',
        `Result: ${report.outcome.status} — ${report.outcome.reason}`,
        `Reports: ${report.files.html} (open in a browser), ${report.files.report}; errors: ${report.files.errors}`
    );
    return lines.join('\n');
}
