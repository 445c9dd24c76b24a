import { createElement } from '@lwc/engine-dom';
import PotentialTable from 'c/potentialTable';
import { queryDeep, resetDom, visibleText } from 'test-utils';

function render(props) {
    const element = createElement('c-potential-table', { is: PotentialTable });
    Object.assign(element, { fieldLabels: { brand: 'Merk', units: 'Aantal', source: 'Bron' }, ...props });
    document.body.appendChild(element);
    return element;
}

describe('c-potential-table', () => {
    afterEach(() => {
        resetDom();
    });

    it('announces that it is loading', async () => {
        const element = render({ state: 'loading' });
        expect(visibleText(element)).toBe('Potentie laden…');
        expect(queryDeep(element, '[role="status"]')).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    it('shows a failed load through the error panel', async () => {
        const element = render({ state: 'error', errors: { body: [{ message: 'Kapot' }] } });
        expect(visibleText(element)).toContain('De potentie kon niet worden geladen');
        await expect(element).toBeAccessible();
    });

    it('shows the empty state when no group has rows', async () => {
        const element = render({
            state: 'ready',
            groups: [{ key: 'Ketels', name: 'Ketels', isEmpty: true, rows: [] }]
        });
        expect(visibleText(element)).toContain('Nog geen potentie ingevuld.');
        expect(element.shadowRoot.querySelector('table')).toBeNull();
        await expect(element).toBeAccessible();
    });
});
