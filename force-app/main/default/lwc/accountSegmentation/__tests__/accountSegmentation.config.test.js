import { createElement } from '@lwc/engine-dom';
import AccountSegmentation from 'c/accountSegmentation';
import { getRecord } from 'lightning/uiRecordApi';
import { flushPromises, mockConfigFetch, queryDeep, resetDom, visibleText } from 'test-utils';

// Kept apart from the other tests: a loaded config is cached for the page (here: the test file).
const mockGetRecord = require('../../segmentationPanel/__tests__/data/getRecordGrow.json');

describe('c-account-segmentation without a usable config', () => {
    afterEach(() => {
        resetDom();
        jest.clearAllMocks();
    });

    it('says the static resource is missing, with the HTTP status in the details', async () => {
        mockConfigFetch({ status: 404 });
        const element = createElement('c-account-segmentation', { is: AccountSegmentation });
        element.recordId = '001AA00000KlntA1AA';
        document.body.appendChild(element);
        await flushPromises();
        getRecord.emit(mockGetRecord);
        await flushPromises();

        const panel = queryDeep(element, 'c-error-panel');
        expect(visibleText(panel)).toContain(
            'De segmentatie-instellingen (statische resource segmentationConfig)'
        );
        queryDeep(panel, 'button').click();
        await flushPromises();
        expect(visibleText(panel)).toContain('Laden mislukt: HTTP 404');
        await expect(element).toBeAccessible();
    });
});
