import { createElement } from '@lwc/engine-dom';
import LoadState from 'c/loadState';
import { READY, firstNotReady, loadStatus, messageStatus } from 'c/ldsUtils';
import { queryDeep, resetDom, visibleText } from 'test-utils';

const TEXTS = { loadingText: 'Laden…', noAccessText: 'Geen toegang.', errorText: 'Mislukt' };

function render(status) {
    const element = createElement('c-load-state', { is: LoadState });
    element.status = status;
    document.body.appendChild(element);
    return element;
}

describe('c-load-state', () => {
    afterEach(() => {
        resetDom();
    });

    it('shows a lightning-spinner that announces what loads', async () => {
        const element = render(loadStatus({ ...TEXTS, loaded: false }));
        expect(queryDeep(element, 'lightning-spinner').alternativeText).toBe('Laden…');
        expect(visibleText(element)).toBe('Laden…');
        await expect(element).toBeAccessible();
    });

    it('says in words when the user may not see a part, instead of an error', async () => {
        const element = render(loadStatus({ ...TEXTS, loaded: false, error: { status: 403, body: [] } }));
        expect(visibleText(element)).toBe('Geen toegang.');
        expect(queryDeep(element, 'c-error-panel')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('shows any other failure through the error panel, with its details', async () => {
        const error = { status: 500, body: [{ message: 'Kapot' }] };
        const element = render(loadStatus({ ...TEXTS, loaded: true, error }));
        const panel = queryDeep(element, 'c-error-panel');
        expect(panel.friendlyMessage).toBe('Mislukt');
        expect(panel.errors).toEqual(error);
        await expect(element).toBeAccessible();
    });

    it('shows its content once ready', () => {
        expect(loadStatus({ ...TEXTS, loaded: true })).toBe(READY);
        const element = render(READY);
        expect(queryDeep(element, 'slot')).not.toBeNull();
    });

    it('waits for the first part that is not ready', () => {
        const loading = loadStatus({ ...TEXTS, loaded: false });
        expect(firstNotReady(READY, loading, messageStatus('Leeg'))).toBe(loading);
        expect(firstNotReady(READY, messageStatus('Leeg')).text).toBe('Leeg');
        expect(firstNotReady(READY, READY)).toBe(READY);
    });
});
