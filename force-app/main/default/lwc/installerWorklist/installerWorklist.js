import { api, wire } from 'lwc';
import { gql, graphql } from 'lightning/graphql';
import USER_ID from '@salesforce/user/Id';
import { firstNotReady, loadStatus } from 'c/ldsUtils';
import SegmentationBase from 'c/segmentationBase';
import { todayInUserTimeZone } from 'c/segmentationView';
import { SECTION_KEYS, buildSections, worklistVariables } from 'c/worklistView';
import { WORKLIST_LABELS } from 'c/worklistLabels';

/*
 * One GraphQL query (Lightning Data Service, no Apex) with a subquery per section, each filtered, sorted and
 * paged on the server. What this relies on, from Salesforce's GraphQL API Developer Guide:
 * - lightning/graphql supersedes lightning/uiGraphQLApi, which is only for Mobile Offline; it adds dynamic
 *   queries (the query waits here for the config) and `refresh` ("GraphQL API Wire Adapter" comparison).
 * - Objects: those UI API supports, custom objects included; Event and Task (Beta) from API v59.0; up to 10
 *   subqueries a query, 2,000 records each ("GraphQL API Query Limitations"). Task comes in as the child
 *   relationship Tasks of the brand detail, one level deep as the wire adapter allows ("Children and Parent
 *   Relationships", LWC Developer Guide).
 * - Filters: the operators in c/worklistView; orderBy ASC/DESC with nulls FIRST/LAST, several fields in order,
 *   Id last so that pages never overlap; a picklist sorts by its order in Setup ("Order Results"): Value_Type__c
 *   lists the strategic customers first (test/lib/worklist.test.ts holds it). The steps up sort on the count the
 *   nightly run stores, VG_Units_To_Next_Type__c, so their order is exact across pages.
 * - Paging: first/after with pageInfo.endCursor and totalCount (GraphQL Cursor Connections, "Paginate Results").
 * Custom fields are aliased to their own name, as lwc-recipes does, so a field renamed by the org's
 * referential integrity still lands where the component reads it.
 */
const WORKLIST_QUERY = gql`
    query installerWorklist(
        $pageSize: Int
        $overdueWhere: Brand_Detail__c_Filter
        $overdueAfter: String
        $downgradeWhere: Brand_Detail__c_Filter
        $downgradeAfter: String
        $gapWhere: Brand_Detail__c_Filter
        $gapAfter: String
    ) {
        uiapi {
            query {
                overdue: Brand_Detail__c(
                    where: $overdueWhere
                    first: $pageSize
                    after: $overdueAfter
                    orderBy: {
                        Value_Type__c: { order: ASC, nulls: LAST }
                        Next_Visit_Due__c: { order: ASC, nulls: FIRST }
                        Id: { order: ASC }
                    }
                ) {
                    ...worklistPage
                }
                downgrades: Brand_Detail__c(
                    where: $downgradeWhere
                    first: $pageSize
                    after: $downgradeAfter
                    orderBy: {
                        Customer_Type_Changed_On__c: { order: DESC }
                        Value_Type__c: { order: ASC, nulls: LAST }
                        Id: { order: ASC }
                    }
                ) {
                    ...worklistPage
                }
                gaps: Brand_Detail__c(
                    where: $gapWhere
                    first: $pageSize
                    after: $gapAfter
                    orderBy: {
                        VG_Units_To_Next_Type__c: { order: ASC }
                        Value_Type__c: { order: ASC, nulls: LAST }
                        Id: { order: ASC }
                    }
                ) {
                    ...worklistPage
                }
            }
        }
    }

    fragment worklistPage on Brand_Detail__cConnection {
        totalCount
        pageInfo {
            endCursor
            hasNextPage
        }
        edges {
            node {
                Id
                Name {
                    value
                }
                Customer_Type__c: Customer_Type__c {
                    value
                    displayValue
                }
                Previous_Customer_Type__c: Previous_Customer_Type__c {
                    value
                    displayValue
                }
                Customer_Type_Changed_On__c: Customer_Type_Changed_On__c {
                    value
                }
                Value_Type__c: Value_Type__c {
                    value
                    displayValue
                }
                VG_Units_To_Next_Type__c: VG_Units_To_Next_Type__c {
                    value
                }
                Boiler_Potential__c: Boiler_Potential__c {
                    value
                }
                Last_Visit_Date__c: Last_Visit_Date__c {
                    value
                }
                Tasks(
                    where: { IsClosed: { eq: false }, Follow_Up_Reason__c: { ne: null } }
                    first: 5
                    orderBy: { ActivityDate: { order: ASC, nulls: LAST } }
                ) {
                    edges {
                        node {
                            Id
                            Subject {
                                value
                            }
                            ActivityDate {
                                value
                            }
                            Follow_Up_Reason__c: Follow_Up_Reason__c {
                                value
                            }
                        }
                    }
                }
            }
        }
    }
`;

const NO_CURSORS = Object.freeze({ overdue: [], downgrades: [], gaps: [] });
const lastOf = (list) => (list.length > 0 ? list[list.length - 1] : null);

/**
 * "Mijn installateurs": the running user's installers that need action, most urgent first (overdue visits,
 * recent downgrades, the smallest steps to a higher Type klant), each linking to its brand detail and its open
 * follow-up task. For an App page and the Home page. The config and the picklist labels (the type a step up
 * leads to) come from c/segmentationBase.
 */
export default class InstallerWorklist extends SegmentationBase {
    /** Rows per section and page; set in Lightning App Builder. */
    @api pageSize = 5;
    /** How far back a drop of Type klant counts as recent, in days; set in Lightning App Builder. */
    @api recentDays = 30;

    labels = WORKLIST_LABELS;

    worklist;

    /** Per section, the end cursors of the pages before the one shown: its page number is their count + 1. */
    cursors = NO_CURSORS;

    /** Fixed for the life of the component, so that the filters (and the cached answer) stay put. */
    today = todayInUserTimeZone(Date.now());

    get loadingText() {
        return WORKLIST_LABELS.loading;
    }

    /** No query until the config has arrived: the filters come from its Type klant values. */
    get query() {
        return this.config ? WORKLIST_QUERY : undefined;
    }

    get variables() {
        if (!this.config) {
            return undefined;
        }
        return worklistVariables({
            config: this.config,
            userId: USER_ID,
            today: this.today,
            recentDays: this.recentDays,
            pageSize: this.pageSize,
            cursors: Object.fromEntries(SECTION_KEYS.map((key) => [key, lastOf(this.cursors[key])]))
        });
    }

    @wire(graphql, { query: '$query', variables: '$variables' })
    wiredWorklist(result) {
        // While a new page loads the adapter has nothing to say yet: the page shown stays until it has.
        if (result?.data || result?.errors) {
            this.worklist = result;
        }
    }

    get status() {
        const data = this.worklist?.data;
        return firstNotReady(
            this.configStatus,
            loadStatus({
                error: data ? undefined : this.worklist?.errors,
                loaded: Boolean(data),
                loadingText: WORKLIST_LABELS.loading,
                errorText: WORKLIST_LABELS.loadError
            })
        );
    }

    /** GraphQL answers with data and errors when only part of it failed: the rest shows, with the errors. */
    get partialErrors() {
        return this.worklist?.data && this.worklist.errors?.length ? this.worklist.errors : null;
    }

    get sections() {
        if (!this.worklist?.data || !this.config) {
            return [];
        }
        return buildSections(this.worklist.data, {
            config: this.config,
            today: this.today,
            recentDays: this.recentDays,
            pageSize: this.pageSize,
            picklist: this.picklist,
            pages: Object.fromEntries(SECTION_KEYS.map((key) => [key, this.cursors[key].length + 1]))
        });
    }

    get isEmpty() {
        return this.sections.length === 0;
    }

    /** One section a page on (step 1, after the cursor its page ends at) or back (step -1). */
    handlePageChange(event) {
        const { section, step } = event.detail;
        const stack = this.cursors[section];
        if (step < 0) {
            this.cursors = { ...this.cursors, [section]: stack.slice(0, -1) };
            return;
        }
        const shown = this.sections.find((candidate) => candidate.key === section);
        if (shown?.hasNext && shown.endCursor) {
            this.cursors = { ...this.cursors, [section]: [...stack, shown.endCursor] };
        }
    }
}
