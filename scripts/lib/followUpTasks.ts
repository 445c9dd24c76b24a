/**
 * The follow-up Tasks of the nightly run (issue 17, DESIGN §6): the package-owned Activity fields that recognise
 * them, the meaning of their reasons, the fields a new task gets and the field permissions that takes. One place
 * for the command that creates the tasks, the worklist that links to them and the permission sets (checked in
 * test/access.test.ts). Why the fields look like this, with sources: docs/follow-up-tasks.md.
 */

/**
 * `<Brand_Detail__c Id>|<reason>|<occasion>`: the run's own task for a brand detail, reason and occasion, never
 * the subject text.
 */
export const FOLLOW_UP_KEY_FIELD = 'Follow_Up_Key__c';
/** Why the run created the task; a restricted picklist, empty on every task the package did not create. */
export const FOLLOW_UP_REASON_FIELD = 'Follow_Up_Reason__c';

/** What each value of the Follow_Up_Reason__c picklist means (the values are the metadata's, test/access.test.ts). */
export const FOLLOW_UP_REASONS = {
    /** The visit became due by the klanttype's cadence. */
    visitDue: 'Bezoek gepland',
    /** Type klant dropped: Keep → Grow, Grow → Get, anything → Win-back. */
    customerTypeDropped: 'Type klant gedaald'
} as const;

export type FollowUpReason = (typeof FOLLOW_UP_REASONS)[keyof typeof FOLLOW_UP_REASONS];

/** The occasion of a visit task for a brand detail that was never visited: it has no due date to name. */
export const NEVER_VISITED = 'nooit-bezocht';

/**
 * The Follow_Up_Key__c value of the task for this brand detail (its 18-character Id, as the API returns it),
 * reason and occasion: the due date of a visit (YYYY-MM-DD, or NEVER_VISITED), the date Type klant dropped. A
 * task a person closed keeps its key, so the run knows that occasion was dealt with (docs/follow-up-tasks.md).
 */
export function followUpKey(brandDetailId: string, reason: string, occasion: string): string {
    return `${brandDetailId}|${reason}|${occasion}`;
}

/** The occasion a key names (what follows its last `|`). */
export function followUpOccasion(key: string): string {
    return key.slice(key.lastIndexOf('|') + 1);
}

/**
 * The Task fields the run sets when it creates a follow-up task: the account owner, the brand detail it is about,
 * the Dutch subject and description, the due date and the two package fields. The run only ever creates tasks;
 * a task a person closed or edited is never written again.
 */
export const FOLLOW_UP_TASK_FIELDS = [
    'OwnerId',
    'WhatId',
    'Subject',
    'Description',
    'ActivityDate',
    FOLLOW_UP_KEY_FIELD,
    FOLLOW_UP_REASON_FIELD
] as const;

/**
 * Where a permission set grants field-level security on a Task field. A custom activity field is declared once on
 * Activity but permitted as Task.X and Event.X, which share it; so are the standard fields both objects have.
 * Fields absent here (OwnerId, Subject) are required fields without field-level security.
 */
const PERMITTED_ON: Readonly<Record<string, readonly ('Task' | 'Event')[]>> = {
    WhatId: ['Task', 'Event'],
    Description: ['Task', 'Event'],
    ActivityDate: ['Task'],
    [FOLLOW_UP_KEY_FIELD]: ['Task', 'Event'],
    [FOLLOW_UP_REASON_FIELD]: ['Task', 'Event']
};

/** The `<field>` names of the field permissions for these Task fields, e.g. Task.Follow_Up_Key__c. */
export function taskFieldPermissions(fields: readonly string[]): string[] {
    return fields.flatMap((field) => (PERMITTED_ON[field] ?? []).map((object) => `${object}.${field}`));
}
