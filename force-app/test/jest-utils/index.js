/* global document, Node */
/**
 * Helpers shared by every component test (mapped as `test-utils` in jest.config.js), so that no test file
 * carries its own copy.
 */

/**
 * Lets pending promises and the re-render they cause settle. A macrotask turn drains every queued microtask,
 * including chains (fetch -> json -> render) that a single resolved promise would not.
 */
export function flushPromises() {
    return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Removes every rendered component so that the next test starts from an empty document. */
export function resetDom() {
    while (document.body.firstChild) {
        document.body.removeChild(document.body.firstChild);
    }
}

function collectText(node, parts) {
    if (node.nodeType === Node.TEXT_NODE) {
        parts.push(node.textContent);
        return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE && node.nodeType !== Node.DOCUMENT_FRAGMENT_NODE) {
        return;
    }
    if (node.shadowRoot) {
        node.shadowRoot.childNodes.forEach((child) => collectText(child, parts));
    }
    node.childNodes.forEach((child) => collectText(child, parts));
}

/**
 * The text a person reads in a component, through every nested shadow root, with whitespace collapsed.
 * @param {Element} element
 */
export function visibleText(element) {
    const parts = [];
    collectText(element, parts);
    return parts.join(' ').replace(/\s+/g, ' ').trim();
}

function collectMatches(root, selector, found) {
    root.querySelectorAll('*').forEach((node) => {
        if (node.matches(selector)) {
            found.push(node);
        }
        if (node.shadowRoot) {
            collectMatches(node.shadowRoot, selector, found);
        }
    });
}

/**
 * Every element matching a selector anywhere inside a component, across shadow boundaries.
 * @param {Element} element
 * @param {string} selector
 * @returns {Element[]}
 */
export function queryAllDeep(element, selector) {
    const found = [];
    collectMatches(element.shadowRoot ?? element, selector, found);
    return found;
}

/** The first element matching a selector anywhere inside a component, or null. */
export function queryDeep(element, selector) {
    return queryAllDeep(element, selector)[0] ?? null;
}

/**
 * Replaces global fetch for the static resource: `body` is served as JSON, or `status` >= 400 fails.
 * @returns {jest.Mock}
 */
export function mockConfigFetch({ body, status = 200 } = {}) {
    const fetchMock = jest.fn(() =>
        Promise.resolve({
            ok: status < 400,
            status,
            json: () =>
                typeof body === 'string'
                    ? Promise.reject(new SyntaxError('Unexpected token'))
                    : Promise.resolve(body)
        })
    );
    global.fetch = fetchMock;
    return fetchMock;
}
