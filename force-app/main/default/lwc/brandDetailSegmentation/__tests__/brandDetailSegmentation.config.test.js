import { createElement } from '@lwc/engine-dom';
import BrandDetailSegmentation from 'c/brandDetailSegmentation';
import { getRecord } from 'lightning/uiRecordApi';
import {
    cleanUpAfterEach,
    flushPromises,
    mockConfigFetch,
    openErrorDetails,
    queryDeep,
    visibleText
} from 'test-utils';

/*
 * The config is cached per page once it loaded, so these cases, which each fail to load it, live in their own
 * file (own module registry) apart from the tests that need a loaded config.
 */

const mockGetRecord = require('./data/getRecordGrow.json');

async function renderPanel() {
    const element = createElement('c-brand-detail-segmentation', { is: BrandDetailSegmentation });
    element.recordId = 'a01AA00000MrkVlAAA';
    document.body.appendChild(element);
    await flushPromises();
    getRecord.emit(mockGetRecord, (wireConfig) => wireConfig.recordId === 'a01AA00000MrkVlAAA');
    await flushPromises();
    return element;
}

describe('c-brand-detail-segmentation without a usable config', () => {
    cleanUpAfterEach();

    it('says the static resource is missing when it cannot be fetched', async () => {
        const fetchMock = mockConfigFetch({ status: 404 });
        const element = await renderPanel();

        expect(fetchMock).toHaveBeenCalledWith('/resource/segmentationConfig', expect.anything());
        expect(visibleText(element)).toContain(
            'De segmentatie-instellingen (statische resource segmentationConfig) ontbreken of zijn ongeldig.'
        );
        expect(queryDeep(element, 'lightning-badge')).toBeNull();
        expect(await openErrorDetails(element)).toContain('Laden mislukt: HTTP 404');
        await expect(element).toBeAccessible();
    });
});
