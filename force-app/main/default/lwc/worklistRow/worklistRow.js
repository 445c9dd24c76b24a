import { LightningElement, api } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import { WORKLIST_LABELS } from 'c/worklistLabels';

const recordPage = (recordId, objectApiName) => ({
    type: 'standard__recordPage',
    attributes: { recordId, objectApiName, actionName: 'view' }
});

/**
 * One installer on the worklist: its brand detail (a link), Type klant, klanttype, why it is listed, and a link
 * to its open follow-up task.
 */
export default class WorklistRow extends NavigationMixin(LightningElement) {
    labels = WORKLIST_LABELS;
    recordUrl;
    taskUrl;
    _row;

    /** View model of one row from buildSections (c/worklistView). */
    @api
    get row() {
        return this._row;
    }

    set row(value) {
        this._row = value;
        // Real hrefs keep the links usable with the keyboard, middle-click and "open in new tab".
        this[NavigationMixin.GenerateUrl](this.recordPageReference).then((url) => {
            this.recordUrl = url;
        });
        if (value.task) {
            this[NavigationMixin.GenerateUrl](this.taskPageReference).then((url) => {
                this.taskUrl = url;
            });
        }
    }

    get recordPageReference() {
        return recordPage(this._row.id, 'Brand_Detail__c');
    }

    get taskPageReference() {
        return recordPage(this._row.task.id, 'Task');
    }

    get reasonClass() {
        return this._row.reason?.late ? 'reason reason_late' : 'reason';
    }

    get reasonIconVariant() {
        return this._row.reason?.late ? 'warning' : undefined;
    }

    handleRecordClick(event) {
        event.preventDefault();
        this[NavigationMixin.Navigate](this.recordPageReference);
    }

    handleTaskClick(event) {
        event.preventDefault();
        this[NavigationMixin.Navigate](this.taskPageReference);
    }
}
