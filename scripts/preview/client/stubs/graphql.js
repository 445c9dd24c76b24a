import { fixtureAdapter } from '../fixtures.js';

/**
 * lightning/graphql for the preview: `gql` keeps the query text, and the wire answers from the fixtures, matched
 * on the query's variables (a page of a section is its cursor). Like Lightning Data Service it asks nothing
 * while the query is undefined, and it answers as GraphQL does: `data`, or `errors`.
 */
export function gql(strings, ...values) {
    return strings.reduce((text, part, index) => text + part + (values[index] ?? ''), '');
}

export const graphql = fixtureAdapter('graphql', ['query'], {
    matchOn: (config) => config.variables,
    answer: ({ data, error }) => ({ data, errors: error })
});
