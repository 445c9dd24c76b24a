/**
 * The one place that turns Lightning Data Service, fetch and JavaScript errors into messages a person can
 * read. Every panel shows errors through c-error-panel, which calls reduceErrors.
 */

/**
 * Messages of one error of any shape we meet: UI API reads (body is an array), DML page and field errors,
 * UI API output errors, network/JS errors and AggregateErrors (the config loader lists every fault).
 * @param {any} error
 * @returns {string[]}
 */
function messagesOf(error) {
    if (Array.isArray(error.errors)) {
        return error.errors.flatMap((inner) => (inner ? messagesOf(inner) : []));
    }
    const body = error.body;
    if (Array.isArray(body)) {
        return body.map((entry) => entry?.message);
    }
    if (body?.pageErrors?.length) {
        return body.pageErrors.map((entry) => entry.message);
    }
    if (body?.fieldErrors && Object.keys(body.fieldErrors).length) {
        return Object.values(body.fieldErrors).flatMap((entries) => entries.map((entry) => entry.message));
    }
    if (body?.output?.errors?.length) {
        return body.output.errors.map((entry) => entry.message);
    }
    if (body?.output?.fieldErrors && Object.keys(body.output.fieldErrors).length) {
        return Object.values(body.output.fieldErrors).flatMap((entries) =>
            entries.map((entry) => entry.message)
        );
    }
    if (typeof body?.message === 'string') {
        return [body.message];
    }
    if (typeof error.message === 'string') {
        return [error.message];
    }
    return [error.statusText];
}

/**
 * Reduces one or more errors to a flat list of non-empty messages.
 * @param {any} errors a single error or an array of them
 * @returns {string[]}
 */
export function reduceErrors(errors) {
    const list = Array.isArray(errors) ? errors : [errors];
    return list
        .filter((error) => Boolean(error))
        .flatMap((error) => messagesOf(error))
        .filter((message) => typeof message === 'string' && message.length > 0);
}

/** UI API error codes that mean "not allowed to see this" rather than "something broke". */
const NO_ACCESS_CODES = new Set(['INSUFFICIENT_ACCESS', 'INSUFFICIENT_PRIVILEGES', 'INVALID_TYPE']);

/**
 * True when an LDS error means the user lacks access (HTTP 403, or a UI API error code for a missing object
 * or record permission), so that the panel can say so instead of showing a failure.
 * @param {any} error
 */
export function isNoAccessError(error) {
    if (!error) {
        return false;
    }
    if (error.status === 403) {
        return true;
    }
    const entries = Array.isArray(error.body) ? error.body : [error.body];
    return entries.some((entry) => NO_ACCESS_CODES.has(entry?.errorCode));
}

/** The status of a part of a panel that has everything it needs: c-load-state shows its content. */
export const READY = Object.freeze({ state: 'ready' });

/**
 * The one status ladder of the panels, as c-load-state shows it: an error (a no-access error in words, any
 * other with its details), then loading, then ready.
 * @param {{error?: any, loaded: boolean, loadingText: string, noAccessText: string, errorText: string}} part
 * @returns {{state: 'ready' | 'loading' | 'message' | 'error', text?: string, errors?: any}}
 */
export function loadStatus({ error, loaded, loadingText, noAccessText, errorText }) {
    if (error) {
        return isNoAccessError(error)
            ? { state: 'message', text: noAccessText }
            : { state: 'error', text: errorText, errors: error };
    }
    return loaded ? READY : { state: 'loading', text: loadingText };
}

/**
 * A plain message instead of the content (no access to the fields, nothing there yet).
 * @param {string} text
 */
export function messageStatus(text) {
    return { state: 'message', text };
}

/**
 * The first status that is not ready, in the order given: what a part waits for or fails on first.
 * @param {...{state: string}} statuses
 */
export function firstNotReady(...statuses) {
    return statuses.find((status) => status.state !== 'ready') ?? READY;
}
