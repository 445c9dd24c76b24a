import LOCALE from '@salesforce/i18n/locale';
import { customerTypeOrder, isDowngrade, isVisitOverdue, nextVisitDue, stepUpType } from 'c/segmentRules';
import { LABELS, countLabel, formatLabel } from 'c/segmentationLabels';
import { customerTypeBadge } from 'c/segmentationView';
import { WORKLIST_LABELS } from 'c/worklistLabels';
import { FOLLOW_UP_REASONS } from './followUpReasons';

/**
 * The "Mijn installateurs" worklist: which brand details of the running user's installers each section asks the
 * GraphQL API for, and how an answer becomes the rows a person reads. Every rule comes from c/segmentRules; the
 * filters only narrow what the server sends, and each row is worded from the rules' own results.
 */

/** The sections, most urgent first: overdue visits, recent downgrades, the smallest steps up. */
export const SECTION_KEYS = Object.freeze(['overdue', 'downgrades', 'gaps']);

const DAY_MS = 24 * 60 * 60 * 1000;
const dayNumber = (isoDate) => Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS;

/** YYYY-MM-DD plus a number of days (negative goes back). */
export function addDays(isoDate, days) {
    return new Date((dayNumber(isoDate) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from one YYYY-MM-DD to a later one. */
export function daysBetween(from, to) {
    return Math.round(dayNumber(to) - dayNumber(from));
}

const dateFormat = new Intl.DateTimeFormat(LOCALE, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC'
});

/** A date inside a sentence, as lightning-formatted-date-time would show it alone (c-calendar-date). */
function formatDate(isoDate) {
    return dateFormat.format(new Date(dayNumber(isoDate) * DAY_MS));
}

/** Every (before, after) pair of Type klant values that the rules call a downgrade. */
export function downgradePairs(config) {
    const types = customerTypeOrder(config);
    return types.flatMap((from) =>
        types.filter((to) => isDowngrade(from, to, config)).map((to) => [from, to])
    );
}

/**
 * The where filter of each section (Brand_Detail__c_Filter), for the installers the user owns. The overdue
 * filter is the list view "Bezoek te laat" (due before today, or never visited); downgrades are the pairs the
 * rules call one, changed in the last `recentDays` days; the steps up are the unlocked brand details for which
 * the nightly run stored VG boilers to a higher type (VG_Units_To_Next_Type__c: blank at the top type and
 * without potential). GraphQL operators: eq, ne, lt, gte, gt, in, and, or (GraphQL API Developer Guide,
 * "Field Operators" and "Boolean Operators"); a parent is filtered as a nested object ("Parent and Child
 * Relationship Filters"); a Date field is compared with { value: 'YYYY-MM-DD' }.
 * @param {{config: object, userId: string, today: string, recentDays: number}} context
 */
export function sectionFilters({ config, userId, today, recentDays }) {
    const mine = { Account__r: { OwnerId: { eq: userId } } };
    return {
        overdue: {
            and: [
                mine,
                {
                    or: [
                        { Next_Visit_Due__c: { lt: { value: today } } },
                        { Last_Visit_Date__c: { eq: null } }
                    ]
                }
            ]
        },
        downgrades: {
            and: [
                mine,
                { Customer_Type_Changed_On__c: { gte: { value: addDays(today, -recentDays) } } },
                {
                    or: downgradePairs(config).map(([from, to]) => ({
                        Previous_Customer_Type__c: { eq: from },
                        Customer_Type__c: { eq: to }
                    }))
                }
            ]
        },
        gaps: {
            and: [
                mine,
                { Classification_Locked__c: { eq: false } },
                { VG_Units_To_Next_Type__c: { ne: null } }
            ]
        }
    };
}

/**
 * The variables of the worklist query: each section's filter and the cursor its current page starts after.
 * @param {{config: object, userId: string, today: string, recentDays: number, pageSize: number, cursors: Record<string, string | null>}} context
 */
export function worklistVariables(context) {
    const filters = sectionFilters(context);
    return {
        pageSize: context.pageSize,
        overdueWhere: filters.overdue,
        overdueAfter: context.cursors.overdue ?? null,
        downgradeWhere: filters.downgrades,
        downgradeAfter: context.cursors.downgrades ?? null,
        gapWhere: filters.gaps,
        gapAfter: context.cursors.gaps ?? null
    };
}

const valueOf = (node, field) => node?.[field]?.value ?? null;
const shownOf = (node, field) => node?.[field]?.displayValue ?? valueOf(node, field);

/** One GraphQL Brand_Detail__c node as plain values (picklists with their label in the user's language). */
function readNode(node) {
    return {
        id: node.Id,
        name: valueOf(node, 'Name'),
        customerType: valueOf(node, 'Customer_Type__c'),
        customerTypeLabel: shownOf(node, 'Customer_Type__c'),
        previousTypeLabel: shownOf(node, 'Previous_Customer_Type__c'),
        changedOn: valueOf(node, 'Customer_Type_Changed_On__c'),
        valueType: valueOf(node, 'Value_Type__c'),
        valueTypeLabel: shownOf(node, 'Value_Type__c'),
        total: valueOf(node, 'Boiler_Potential__c'),
        unitsToNextType: valueOf(node, 'VG_Units_To_Next_Type__c'),
        lastVisitDate: valueOf(node, 'Last_Visit_Date__c'),
        tasks: (node.Tasks?.edges ?? []).map(({ node: task }) => ({
            id: task.Id,
            subject: valueOf(task, 'Subject'),
            dueDate: valueOf(task, 'ActivityDate'),
            reason: valueOf(task, 'Follow_Up_Reason__c')
        }))
    };
}

/** Why an overdue row is on the list, by the rules and the current last visit. */
function overdueReason(detail, { config, today }) {
    if (!detail.lastVisitDate) {
        return { text: LABELS.neverVisited, iconName: 'utility:warning', late: true };
    }
    const due = nextVisitDue(detail.lastVisitDate, detail.valueType, config);
    if (due === null) {
        return { text: LABELS.visitOverdue, iconName: 'utility:warning', late: true };
    }
    if (!isVisitOverdue(due, today)) {
        // Visited since the nightly run wrote the due date: the next run takes it off the list.
        return { text: WORKLIST_LABELS.visitRecorded, iconName: 'utility:success', late: false };
    }
    const days = daysBetween(due, today);
    return {
        text: countLabel(days, WORKLIST_LABELS.daysLateOne, WORKLIST_LABELS.daysLateMany),
        iconName: 'utility:warning',
        late: true
    };
}

function downgradeReason(detail) {
    return {
        text: formatLabel(
            WORKLIST_LABELS.downgrade,
            detail.previousTypeLabel ?? '',
            detail.customerTypeLabel ?? '',
            detail.changedOn ? formatDate(detail.changedOn) : ''
        ),
        iconName: 'utility:arrowdown',
        late: false
    };
}

/** The VG boilers to the next type up as the nightly run stored them, and the type they reach by the rules. */
function gapReason(detail, { config, picklist }) {
    const type = stepUpType(detail.customerType, detail.total ?? 0, config);
    if (detail.unitsToNextType === null || type === null) {
        return null;
    }
    return {
        text: countLabel(
            detail.unitsToNextType,
            LABELS.moveUpOne,
            LABELS.moveUpMany,
            picklist.customerType(type)
        ),
        iconName: 'utility:trending',
        late: false
    };
}

const REASONS = { overdue: overdueReason, downgrades: downgradeReason, gaps: gapReason };

/** The reason whose open follow-up task a row links to; the steps up link to any. */
const TASK_REASON = {
    overdue: FOLLOW_UP_REASONS.visitDue,
    downgrades: FOLLOW_UP_REASONS.customerTypeDropped,
    gaps: null
};

function followUpTask(detail, sectionKey) {
    const wanted = TASK_REASON[sectionKey];
    const task = detail.tasks.find((candidate) => wanted === null || candidate.reason === wanted);
    return task
        ? {
              id: task.id,
              subject: task.subject ?? WORKLIST_LABELS.task,
              dueText: task.dueDate ? formatLabel(WORKLIST_LABELS.taskDue, formatDate(task.dueDate)) : null
          }
        : null;
}

function buildRow(node, sectionKey, context) {
    const detail = readNode(node);
    const reason = REASONS[sectionKey](detail, context);
    return {
        key: `${sectionKey}-${detail.id}`,
        id: detail.id,
        name: detail.name ?? detail.id,
        badge: customerTypeBadge(detail.customerType, detail.customerTypeLabel, context.config),
        valueTypeText: detail.valueTypeLabel ?? LABELS.notClassified,
        reason,
        task: followUpTask(detail, sectionKey)
    };
}

function heading(sectionKey, count, recentDays) {
    switch (sectionKey) {
        case 'overdue':
            return formatLabel(WORKLIST_LABELS.overdueHeading, count);
        case 'downgrades':
            return formatLabel(WORKLIST_LABELS.downgradeHeading, recentDays, count);
        default:
            return formatLabel(WORKLIST_LABELS.gapHeading, count);
    }
}

/**
 * The sections that have rows, as c-worklist-section shows them.
 * @param {object} data the GraphQL answer (data.uiapi.query.overdue / downgrades / gaps)
 * @param {{config: object, today: string, recentDays: number, pageSize: number, pages: Record<string, number>, picklist: {customerType: Function}}} context
 */
export function buildSections(data, context) {
    const connections = data?.uiapi?.query ?? {};
    return SECTION_KEYS.map((key) => {
        const connection = connections[key];
        const count = connection?.totalCount ?? 0;
        const rows = (connection?.edges ?? []).map(({ node }) => buildRow(node, key, context));
        const page = context.pages[key] ?? 1;
        const title = heading(key, count, context.recentDays);
        return {
            key,
            title,
            rows,
            pagerLabel: formatLabel(WORKLIST_LABELS.pager, title),
            pageText: formatLabel(
                WORKLIST_LABELS.page,
                page,
                Math.max(1, Math.ceil(count / context.pageSize))
            ),
            hasPrevious: page > 1,
            hasNext: connection?.pageInfo?.hasNextPage === true,
            endCursor: connection?.pageInfo?.endCursor ?? null
        };
    }).filter((section) => section.rows.length > 0);
}
