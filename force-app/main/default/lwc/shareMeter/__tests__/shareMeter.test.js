import { createElement } from '@lwc/engine-dom';
import ShareMeter from 'c/shareMeter';
import { resetDom, visibleText } from 'test-utils';

function render(props) {
    const element = createElement('c-share-meter', { is: ShareMeter });
    Object.assign(element, { label: 'VG potentie aandeel', marks: [5, 75], ...props });
    document.body.appendChild(element);
    return element;
}

describe('c-share-meter', () => {
    afterEach(() => {
        resetDom();
    });

    it('is a labelled meter with the value, the spoken text and both thresholds', async () => {
        const element = render({ percent: 25, valueText: '25% VG-aandeel; grenzen bij 5% en 75%' });
        const meter = element.shadowRoot.querySelector('[role="meter"]');

        expect(meter.getAttribute('aria-label')).toBe('VG potentie aandeel');
        expect(meter.getAttribute('aria-valuemin')).toBe('0');
        expect(meter.getAttribute('aria-valuemax')).toBe('100');
        expect(meter.getAttribute('aria-valuenow')).toBe('25');
        expect(meter.getAttribute('aria-valuetext')).toBe('25% VG-aandeel; grenzen bij 5% en 75%');
        expect(element.shadowRoot.querySelector('.meter__fill').style.width).toBe('25%');
        expect(
            [...element.shadowRoot.querySelectorAll('.meter__mark')].map((mark) => mark.style.left)
        ).toEqual(['5%', '75%']);
        await expect(element).toBeAccessible();
    });

    it('never draws outside the bar', () => {
        const element = render({ percent: 140, valueText: 'x' });
        expect(element.shadowRoot.querySelector('.meter__fill').style.width).toBe('100%');
    });

    it('shows the empty text instead of a bar without a share', async () => {
        const element = render({ percent: null, emptyText: 'Geen aandeel: geen ketelpotentie' });
        expect(element.shadowRoot.querySelector('[role="meter"]')).toBeNull();
        expect(visibleText(element)).toBe('Geen aandeel: geen ketelpotentie');
        await expect(element).toBeAccessible();
    });
});
