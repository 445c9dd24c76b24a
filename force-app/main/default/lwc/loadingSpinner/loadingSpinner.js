import { LightningElement, api } from 'lwc';

export default class LoadingSpinner extends LightningElement {
    /** What is loading, shown next to the spinner and announced by screen readers. */
    @api label;
}
