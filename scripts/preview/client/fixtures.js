/**
 * The responses of this preview page, keyed by wire adapter, from the jest fixtures (inlined by the build into
 * window.__PREVIEW__). A stub adapter answers a config with the first response whose `match` it satisfies, after
 * a short delay like a server round trip; without one it never answers, which is the loading state.
 */
const RESPONSE_DELAY_MS = 30;

function matches(match, config) {
    return Object.entries(match ?? {}).every(([key, value]) => config?.[key] === value);
}

export function respond(adapterName, config, callback) {
    const responses = window.__PREVIEW__?.adapters?.[adapterName] ?? [];
    const response = responses.find((candidate) => matches(candidate.match, config));
    if (!response) {
        return;
    }
    setTimeout(() => {
        callback(
            response.error
                ? { data: undefined, error: response.error }
                : { data: response.data, error: undefined }
        );
    }, RESPONSE_DELAY_MS);
}

/**
 * A wire adapter class (the LWC wire protocol) that answers from the fixtures. Like Lightning Data Service,
 * it does nothing until every listed parameter has a value.
 * @param {string} adapterName
 * @param {string[]} requiredParams
 * @param {{matchOn?: (config: object) => object, answer?: (response: {data: any, error: any}) => object}} shape
 *   what a fixture's `match` is compared with (the config by default), and the value the component gets
 *   ({data, error} by default)
 */
export function fixtureAdapter(adapterName, requiredParams, shape = {}) {
    const { matchOn = (config) => config, answer = (response) => response } = shape;
    return class FixtureAdapter {
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
            if (requiredParams.some((param) => config?.[param] === undefined || config?.[param] === null)) {
                return;
            }
            respond(adapterName, matchOn(config), (value) => {
                if (this.connected) {
                    this.dataCallback(answer(value));
                }
            });
        }
    };
}
