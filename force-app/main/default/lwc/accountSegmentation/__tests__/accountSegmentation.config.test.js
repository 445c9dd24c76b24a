import { createElement } from '@lwc/engine-dom';
import AccountSegmentation from 'c/accountSegmentation';
import { getRecord } from 'lightning/uiRecordApi';
import { cleanUpAfterEach, flushPromises, mockConfigFetch, openErrorDetails, visibleText } from 'test-utils';

// Kept apart from the other tests: a loaded config is cached for the page (here: the test file).
const mockGetRecord = require('../../segmentationPanel/__tests__/data/getRecordGrow.json');

describe('c-account-segmentation without a usable config', () => {
    cleanUpAfterEach();

    it('says the static resource is missing, with the HTTP status in the details', async () => {
        mockConfigFetch({ status: 404 });
        const element = createElement('c-account-segmentation', { is: AccountSegmentation });
        element.recordId = '001AA00000KlntA1AA';
        document.body.appendChild(element);
        await flushPromises();
        getRecord.emit(mockGetRecord);
        await flushPromises();

        expect(visibleText(element)).toContain(
            'De segmentatie-instellingen (statische resource segmentationConfig)'
        );
        expect(await openErrorDetails(element)).toContain('Laden mislukt: HTTP 404');
        await expect(element).toBeAccessible();
    });
});
