import { LightningElement, api } from 'lwc';

/**
 * A Date field (YYYY-MM-DD, a day without a time zone) as lightning-formatted-date-time shows it in the user's
 * locale, read in UTC so that no time zone moves it to the day before.
 */
export default class CalendarDate extends LightningElement {
    /** YYYY-MM-DD */
    @api value;
}
