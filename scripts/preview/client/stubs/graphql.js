import { respond } from '../fixtures.js';

/**
 * lightning/graphql for the preview: `gql` keeps the query text, and the wire answers from the fixtures, matched
 * on the query's variables (a page of a section is its cursor). Like Lightning Data Service it asks nothing
 * while the query is undefined, and it answers as GraphQL does: `data`, or `errors`.
 */
export function gql(strings, ...values) {
    return strings.reduce((text, part, index) => text + part + (values[index] ?? ''), '');
}

export class graphql {
    constructor(dataCallback) {
        this.dataCallback = dataCallback;
        this.connected = false;
    }

    connect() {
        this.connected = true;
    }

    disconnect() {
        this.connected = false;
    }

    update(config) {
        if (!config?.query) {
            return;
        }
        respond('graphql', config.variables, ({ data, error }) => {
            if (this.connected) {
                this.dataCallback({ data, errors: error });
            }
        });
    }
}
