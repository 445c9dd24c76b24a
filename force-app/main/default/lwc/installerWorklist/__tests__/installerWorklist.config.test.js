import { createElement } from '@lwc/engine-dom';
import InstallerWorklist from 'c/installerWorklist';
import { graphql } from 'lightning/graphql';
import { flushPromises, mockConfigFetch, queryDeep, resetDom, visibleText } from 'test-utils';

// Kept apart from the other tests: a loaded config is cached for the page (here: the test file).
describe('c-installer-worklist without a usable config', () => {
    afterEach(() => {
        resetDom();
        jest.clearAllMocks();
    });

    it('says the static resource is missing, and asks the server nothing without it', async () => {
        mockConfigFetch({ status: 404 });
        const element = createElement('c-installer-worklist', { is: InstallerWorklist });
        document.body.appendChild(element);
        await flushPromises();

        const panel = queryDeep(element, 'c-error-panel');
        expect(visibleText(panel)).toContain(
            'De segmentatie-instellingen (statische resource segmentationConfig)'
        );
        queryDeep(panel, 'button').click();
        await flushPromises();
        expect(visibleText(panel)).toContain('Laden mislukt: HTTP 404');
        expect(graphql.getLastConfig()).toEqual({ query: undefined, variables: undefined });
        await expect(element).toBeAccessible();
    });
});
