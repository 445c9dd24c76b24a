import { createElement } from '@lwc/engine-dom';
import ErrorPanel from 'c/errorPanel';
import { flushPromises, resetDom, visibleText } from 'test-utils';

function render(props) {
    const element = createElement('c-error-panel', { is: ErrorPanel });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

describe('c-error-panel', () => {
    afterEach(() => {
        resetDom();
    });

    it('shows the default friendly message without a details toggle when there are no messages', async () => {
        const element = render({});
        expect(visibleText(element)).toBe('De segmentatie kon niet worden geladen');
        expect(element.shadowRoot.querySelector('button')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('shows the details behind a toggle that says whether it is open', async () => {
        const element = render({
            friendlyMessage: 'De potentie kon niet worden geladen',
            errors: [{ body: [{ message: 'Eerste' }] }, new Error('Tweede')]
        });
        const toggle = element.shadowRoot.querySelector('button');
        expect(toggle.textContent.trim()).toBe('Details tonen');
        expect(toggle.getAttribute('aria-expanded')).toBe('false');
        expect(visibleText(element)).not.toContain('Eerste');

        toggle.click();
        await flushPromises();

        expect(toggle.textContent.trim()).toBe('Details verbergen');
        expect(toggle.getAttribute('aria-expanded')).toBe('true');
        expect([...element.shadowRoot.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
            'Eerste',
            'Tweede'
        ]);
        await expect(element).toBeAccessible();
    });
});
