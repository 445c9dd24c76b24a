/**
 * The values of the Activity field Follow_Up_Reason__c, by what they mean: the same as FOLLOW_UP_REASONS in
 * scripts/lib/followUpTasks.ts, which the nightly run writes (test/worklist.test.ts holds the two together).
 * No imports, so that the script tests can read it too.
 */
export const FOLLOW_UP_REASONS = Object.freeze({
    /** The visit became due by the klanttype's cadence. */
    visitDue: 'Bezoek gepland',
    /** Type klant dropped: Keep → Grow, Grow → Get, anything → Win-back. */
    customerTypeDropped: 'Type klant gedaald'
});
