/* global document, Node */
/**
 * Helpers shared by every component test (mapped as `test-utils` in jest.config.js), so that no test file
 * carries its own copy.
 */
import { getRecord } from 'lightning/uiRecordApi';
import { getRelatedListRecords } from 'lightning/uiRelatedListApi';
import { getObjectInfos, getPicklistValuesByRecordType } from 'lightning/uiObjectInfoApi';
import { graphql } from 'lightning/graphql';

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

/** Registers, inside a describe, an empty document and cleared mocks after each test. */
export function cleanUpAfterEach() {
    afterEach(() => {
        resetDom();
        jest.clearAllMocks();
    });
}

/**
 * Registers, inside a describe, what a component test with the segmentation config needs around each test: the
 * static resource served and the clock stopped at `now`; afterwards an empty document and cleared mocks.
 * @param {object} config the segmentation config the static resource serves
 * @param {number} now Date.now() during each test
 */
export function withConfigAndClock(config, now) {
    let nowSpy;
    beforeEach(() => {
        mockConfigFetch({ body: config });
        nowSpy = jest.spyOn(Date, 'now').mockReturnValue(now);
    });
    afterEach(() => nowSpy.mockRestore());
    cleanUpAfterEach();
}

/** Opens the details of the component's error panel and returns the panel's text. */
export async function openErrorDetails(element) {
    const panel = queryDeep(element, 'c-error-panel');
    queryDeep(panel, 'button').click();
    await flushPromises();
    return visibleText(panel);
}

/** The installer (Account) of every panel fixture. */
export const INSTALLER_ID = '001AA00000KlntA1AA';

function emitPart(adapter, part, filter) {
    if (part?.error) {
        adapter.emitError(part.error, filter);
    } else if (part?.data) {
        adapter.emit(part.data, filter);
    }
}

/**
 * Emits what a segmentation panel reads of its installer, each part to its own wire: `{data}` answers,
 * `{error}` fails, a missing part stays loading. One part at a time, as the server would answer: a part of the
 * panel that shows only once the account has arrived (the potential table) has its wire listening by then.
 * @param {{account?: object, brandDetails?: object, potentials?: object, objectInfos?: object, picklists?: object}} parts
 */
export async function emitInstaller({ account, brandDetails, potentials, objectInfos, picklists }) {
    const steps = [
        () => emitPart(getRecord, account, (config) => config.recordId === INSTALLER_ID),
        () =>
            emitPart(
                getRelatedListRecords,
                brandDetails,
                (config) => config.relatedListId === 'Brand_Details__r'
            ),
        () =>
            emitPart(getRelatedListRecords, potentials, (config) => config.relatedListId === 'Potentials__r'),
        () => emitPart(getObjectInfos, objectInfos),
        // The picklist wire waits for the record type id from the object info.
        () => emitPart(getPicklistValuesByRecordType, picklists)
    ];
    for (const step of steps) {
        step();
        await flushPromises();
    }
}

const LWC = '../../main/default/lwc';

/**
 * The fixtures of one installer scenario (Keep, Grow, Get, WinBack, Locked, Estimate, NoPotential) as
 * emitInstaller parts: its Account, its brand details, its potential, the object info and the picklist labels.
 * @param {string} name
 */
export function installerScenario(name) {
    const panelData = (file) => require(`${LWC}/segmentationPanel/__tests__/data/${file}.json`);
    return {
        account: { data: panelData(`getRecord${name}`) },
        brandDetails: { data: panelData(`getRelatedListRecordsBrandDetails${name}`) },
        potentials: {
            data: require(`${LWC}/potentialTable/__tests__/data/getRelatedListRecords${name}.json`)
        },
        objectInfos: { data: panelData('getObjectInfos') },
        picklists: { data: panelData('getPicklistValuesByRecordType') }
    };
}

/**
 * Emits a whole GraphQL answer to the lightning/graphql wire. The stub's emit and emitErrors send data or errors;
 * a GraphQL answer can carry both (data for what worked, errors for the part that failed), so this calls the
 * test adapter's own emit with the answer as it is.
 * @param {{data?: object, errors?: object[]}} answer
 */
export function emitGraphQLAnswer(answer) {
    Object.getPrototypeOf(graphql).emit.call(graphql, answer);
}
