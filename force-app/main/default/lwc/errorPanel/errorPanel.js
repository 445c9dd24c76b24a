import { LightningElement, api } from 'lwc';
import { reduceErrors } from 'c/ldsUtils';
import { LABELS } from 'c/segmentationLabels';

/**
 * The package's one error panel: a friendly message, with the technical messages behind a toggle so that a
 * person can pass them on to the administrator.
 */
export default class ErrorPanel extends LightningElement {
    /** One error or a list of errors of any shape reduceErrors knows. */
    @api errors;
    /** What went wrong, in words for the user. */
    @api friendlyMessage = LABELS.loadError;

    showDetails = false;

    get messages() {
        return reduceErrors(this.errors).map((text, index) => ({ key: `${index}`, text }));
    }

    get hasMessages() {
        return this.messages.length > 0;
    }

    get toggleLabel() {
        return this.showDetails ? LABELS.hideDetails : LABELS.showDetails;
    }

    get ariaExpanded() {
        return this.showDetails ? 'true' : 'false';
    }

    handleToggle() {
        this.showDetails = !this.showDetails;
    }
}
