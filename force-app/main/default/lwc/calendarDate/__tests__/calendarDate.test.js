import { createElement } from '@lwc/engine-dom';
import CalendarDate from 'c/calendarDate';
import { resetDom } from 'test-utils';

describe('c-calendar-date', () => {
    afterEach(() => {
        resetDom();
    });

    it('hands the day to lightning-formatted-date-time, read in UTC so that no time zone moves it', async () => {
        const element = createElement('c-calendar-date', { is: CalendarDate });
        element.value = '2025-09-30';
        document.body.appendChild(element);

        const date = element.shadowRoot.querySelector('lightning-formatted-date-time');
        expect([date.value, date.timeZone, date.year, date.month, date.day]).toEqual([
            '2025-09-30',
            'UTC',
            'numeric',
            'short',
            'numeric'
        ]);
        await expect(element).toBeAccessible();
    });
});
