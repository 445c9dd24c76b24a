import { createElement } from '@lwc/engine-dom';
import InstallerWorklist from 'c/installerWorklist';
import { graphql } from 'lightning/graphql';
import { cleanUpAfterEach, flushPromises, mockConfigFetch, openErrorDetails, visibleText } from 'test-utils';

// Kept apart from the other tests: a loaded config is cached for the page (here: the test file).
describe('c-installer-worklist without a usable config', () => {
    cleanUpAfterEach();

    it('says the static resource is missing, and asks the server nothing without it', async () => {
        mockConfigFetch({ status: 404 });
        const element = createElement('c-installer-worklist', { is: InstallerWorklist });
        document.body.appendChild(element);
        await flushPromises();

        expect(visibleText(element)).toContain(
            'De segmentatie-instellingen (statische resource segmentationConfig)'
        );
        expect(await openErrorDetails(element)).toContain('Laden mislukt: HTTP 404');
        expect(graphql.getLastConfig()).toEqual({ query: undefined, variables: undefined });
        await expect(element).toBeAccessible();
    });
});
