import {
    isDowngrade,
    nextVisitDue,
    sharePercent,
    vgUnitsToTypeChange,
    wholePercentFromStored,
    wholeSharePercent,
    type SegmentationConfig
} from '../../../force-app/main/default/lwc/segmentRules/segmentRules.js';
import {
    FOLLOW_UP_KEY_FIELD,
    FOLLOW_UP_REASON_FIELD,
    FOLLOW_UP_REASONS,
    FOLLOW_UP_TASK_FIELDS,
    followUpKey,
    NEVER_VISITED,
    type FollowUpReason
} from '../followUpTasks.ts';

/**
 * Which follow-up tasks a night wants, and what they say (issue 17, DESIGN §6; the choices are explained in
 * docs/follow-up-tasks.md). Pure: the rules module decides cadence and type order, this module only words and
 * dates the task. Whether a wanted task is created depends on the tasks already there: see verdictOf.
 */

/** A new task as the run inserts it: one value per field of FOLLOW_UP_TASK_FIELDS. */
export type FollowUpTask = Record<(typeof FOLLOW_UP_TASK_FIELDS)[number], string> & {
    [FOLLOW_UP_REASON_FIELD]: FollowUpReason;
};

/** The brand detail a task is about, and who gets it (the account's owner). */
export type FollowUpAbout = {
    brandDetailId: string;
    accountName: string | null;
    brand: string | null;
    ownerId: string;
};

export type VisitFacts = {
    lastVisitDate: string | null;
    /** The klanttype whose cadence applies (Value_Type__c as it stands after tonight). */
    valueType: string;
};

export type DropFacts = VisitFacts & {
    /** Type klant as stored before tonight, and as the run writes it. */
    from: string | null;
    to: string | null;
    /** VG_Potential_Share__c as stored before tonight (percent units), null when it was blank. */
    storedSharePercent: number | null;
    /** The installer's boiler potential tonight: VG units and all brands' units. */
    vg: number;
    total: number;
};

/** Subject is a 255-character field (Task, Object Reference). */
const SUBJECT_MAX = 255;
const DAY_MS = 86_400_000;
const DUTCH_DATE = new Intl.DateTimeFormat('nl-NL', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC'
});

function dutchDate(date: string): string {
    return DUTCH_DATE.format(new Date(`${date}T00:00:00Z`));
}

function daysBetween(from: string, to: string): number {
    return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

function boilers(units: number): string {
    return `${units} ${units === 1 ? 'VG-ketel' : 'VG-ketels'}`;
}

/**
 * A task is due when the next visit is due by the cadence, and never before the night it is made: a visit that
 * is overdue already is due today. (A closed task whose due date is a year old is archived, and the run's query
 * would no longer see it; see docs/follow-up-tasks.md.)
 */
export function followUpDueDate(nextDue: string | null, today: string): string {
    return nextDue !== null && nextDue > today ? nextDue : today;
}

/** Dutch percent with a decimal comma: 4,76%. */
function exactPercent(percent: number): string {
    return `${percent.toFixed(2).replace('.', ',')}%`;
}

/**
 * "VG-aandeel 80% → 55%" in whole percent as the panels show it; to two decimals when the whole percents are
 * the same (5,00% → 4,76% rather than 5% → 5%); "VG-aandeel nu 55%" when no share was stored before.
 */
function shareMove(storedPercent: number | null, vg: number, total: number): string {
    const after = wholeSharePercent(vg, total);
    const before = wholePercentFromStored(storedPercent);
    if (storedPercent === null || before === null) return `VG-aandeel nu ${after}%`;
    if (before !== after) return `VG-aandeel ${before}% → ${after}%`;
    return `VG-aandeel ${exactPercent(storedPercent)} → ${exactPercent(sharePercent(vg, total) ?? 0)}`;
}

function cadenceOf(valueType: string, config: SegmentationConfig): { days: number; strategy: string } {
    const cadence = config.valueTypes[valueType];
    if (!cadence) throw new Error(`segmentationConfig: no cadence for klanttype ${valueType}`);
    return { days: cadence.visitEveryDays, strategy: cadence.strategy };
}

/** The installer and brand a task is about, as its subject names them: "De heer R. Loon (Vaillant)". */
function who(about: FollowUpAbout): string {
    return `${about.accountName ?? 'Installateur'}${about.brand ? ` (${about.brand})` : ''}`;
}

function task(
    about: FollowUpAbout,
    reason: FollowUpReason,
    occasion: string,
    text: { subject: string; description: string[]; dueDate: string }
): FollowUpTask {
    return {
        OwnerId: about.ownerId,
        WhatId: about.brandDetailId,
        Subject: text.subject.slice(0, SUBJECT_MAX),
        Description: text.description.join('\n'),
        ActivityDate: text.dueDate,
        [FOLLOW_UP_KEY_FIELD]: followUpKey(about.brandDetailId, reason, occasion),
        [FOLLOW_UP_REASON_FIELD]: reason
    };
}

/**
 * The visit task, when the visit is due tonight by the klanttype's cadence (or the brand detail was never
 * visited); undefined while it is not due yet. Its occasion is the due date, so the task for one due date is
 * made once: after a visit is logged, the next due date is a new occasion.
 */
export function visitFollowUp(
    about: FollowUpAbout,
    visit: VisitFacts,
    config: SegmentationConfig,
    today: string
): FollowUpTask | undefined {
    const due = nextVisitDue(visit.lastVisitDate, visit.valueType, config);
    if (due !== null && due > today) return undefined;
    const { days, strategy } = cadenceOf(visit.valueType, config);
    const cadence = `${visit.valueType} (${strategy}): elke ${days} dagen`;
    const when =
        visit.lastVisitDate === null || due === null
            ? `nog nooit bezocht; ${cadence}.`
            : `laatste bezoek ${dutchDate(visit.lastVisitDate)} (${daysBetween(visit.lastVisitDate, today)} dagen geleden); ${cadence}, dus uiterlijk ${dutchDate(due)}.`;
    return task(about, FOLLOW_UP_REASONS.visitDue, due ?? NEVER_VISITED, {
        subject: `Bezoek ${who(about)}: ${visit.valueType}, elke ${days} dagen`,
        description: [
            `Bezoek aan de beurt: ${when}`,
            'Leg het bezoek vast in Laatste bezoekdatum op de merkgegevens en sluit deze taak; de nachtelijke herclassificatie maakt een nieuwe taak zodra het volgende bezoek aan de beurt is.'
        ],
        dueDate: followUpDueDate(due, today)
    });
}

/**
 * The task for a drop of Type klant tonight (Keep → Grow, Grow → Get, anything → Win-back: the rules module's
 * isDowngrade); undefined for any other move. Its occasion is tonight, the date the drop is written
 * (Customer_Type_Changed_On__c); it is due by the next visit.
 */
export function dropFollowUp(
    about: FollowUpAbout,
    drop: DropFacts,
    config: SegmentationConfig,
    today: string
): FollowUpTask | undefined {
    const { from, to } = drop;
    if (from === null || to === null || !isDowngrade(from, to, config)) return undefined;
    const share = shareMove(drop.storedSharePercent, drop.vg, drop.total);
    const move = vgUnitsToTypeChange(drop.vg, drop.total, config);
    const back = move?.direction === 'up' ? `, nog ${boilers(move.units)} tot ${move.type}` : '';
    const due = nextVisitDue(drop.lastVisitDate, drop.valueType, config);
    const dueDate = followUpDueDate(due, today);
    const { days } = cadenceOf(drop.valueType, config);
    return task(about, FOLLOW_UP_REASONS.customerTypeDropped, today, {
        subject: `Type klant gedaald: ${who(about)}, ${from} → ${to}`,
        description: [
            `${from} → ${to}: ${share}${back}.`,
            `VG ${drop.vg} van ${drop.total} ketels.`,
            dueDate === today
                ? `Bespreek het bij het volgende bezoek: dat is aan de beurt (${drop.valueType}: elke ${days} dagen).`
                : `Bespreek het bij het volgende bezoek, uiterlijk ${dutchDate(dueDate)} (${drop.valueType}: elke ${days} dagen).`
        ],
        dueDate
    });
}

/**
 * What the tasks already in the org say about one wanted task, as bits (a night can want a million tasks): a task
 * with the wanted key, open or closed (a person closed it: that occasion was dealt with), and an open task of the
 * same brand detail and reason for another occasion.
 */
export const EXISTS = { sameKeyOpen: 1, sameKeyClosed: 2, otherOpen: 4 } as const;

/** Adds one existing task (of the wanted task's brand detail and reason) to what is known of the wanted one. */
export function noteExisting(
    known: number,
    wantedKey: string,
    found: { key: string; isClosed: boolean }
): number {
    if (found.key === wantedKey) return known | (found.isClosed ? EXISTS.sameKeyClosed : EXISTS.sameKeyOpen);
    return found.isClosed ? known : known | EXISTS.otherOpen;
}

export type Verdict = 'create' | 'alreadyOpen' | 'alreadyClosed';

/**
 * At most one open task per brand detail and reason, and never a second task for one occasion: an open task
 * (for this occasion or an older one) means already open; a closed one for this occasion means a person dealt
 * with it; otherwise the task is created.
 */
export function verdictOf(known: number): Verdict {
    if ((known & (EXISTS.sameKeyOpen | EXISTS.otherOpen)) !== 0) return 'alreadyOpen';
    return (known & EXISTS.sameKeyClosed) !== 0 ? 'alreadyClosed' : 'create';
}
