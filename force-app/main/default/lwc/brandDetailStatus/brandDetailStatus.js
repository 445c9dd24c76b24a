import { LightningElement, api } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import { LABELS, formatLabel } from 'c/segmentationLabels';

/**
 * One brand detail's own state: potential growth, last and next visit (late in warning colour, with an icon
 * and the words), whether sales locked the classification, and optionally a link to its field history.
 */
export default class BrandDetailStatus extends NavigationMixin(LightningElement) {
    /** View model from buildStatus. */
    @api status;
    /** Field labels from fieldLabels(). */
    @api fieldLabels = {};
    /** On the account page each brand detail is listed under its brand, with its own type and history link. */
    @api showBrand = false;

    labels = LABELS;
    historyUrl;

    get historyPageReference() {
        // The standard history related list of Brand_Detail__c (field history tracking is on).
        return {
            type: 'standard__recordRelationshipPage',
            attributes: {
                recordId: this.status?.id,
                objectApiName: 'Brand_Detail__c',
                relationshipApiName: 'Histories',
                actionName: 'view'
            }
        };
    }

    connectedCallback() {
        if (this.showBrand && this.status?.id) {
            // A real href keeps the link usable with the keyboard, middle-click and "open in new tab".
            this[NavigationMixin.GenerateUrl](this.historyPageReference).then((url) => {
                this.historyUrl = url;
            });
        }
    }

    get historyLinkText() {
        return formatLabel(LABELS.viewHistory, this.status?.brandText ?? '');
    }

    get nextVisitClass() {
        return this.status?.overdue ? 'fact__value visit visit_overdue' : 'fact__value visit';
    }

    handleHistoryClick(event) {
        event.preventDefault();
        this[NavigationMixin.Navigate](this.historyPageReference);
    }
}
