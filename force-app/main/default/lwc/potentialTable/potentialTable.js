import { LightningElement, api, wire } from 'lwc';
import { getRelatedListRecords } from 'lightning/uiRelatedListApi';
import { firstNotReady, loadStatus, messageStatus, READY } from 'c/ldsUtils';
import { LABELS } from 'c/segmentationLabels';
import { POTENTIALS_RELATED_LIST, canReadPotential, readPotentialRows } from 'c/installerRecords';
import { buildPotentialGroups } from 'c/segmentationView';

/**
 * The installer's potential per product group and brand, with the source of each row. Owns its related list
 * wire, and tells the panel the rows it read (event `potentialchange`, detail `{rows}`; rows is null while
 * they are unknown), so that the panel can say what the current potential gives.
 */
export default class PotentialTable extends LightningElement {
    /** The installer (Account) whose Potentials__r are shown; the wire waits until it is set. */
    @api accountId;
    /** The segmentation config (product groups, VG brands, sources). */
    @api config;
    /** Column labels from fieldLabels(). */
    @api fieldLabels = {};

    labels = LABELS;
    records;
    error;

    @wire(getRelatedListRecords, {
        parentRecordId: '$accountId',
        relatedListId: POTENTIALS_RELATED_LIST.relatedListId,
        fields: POTENTIALS_RELATED_LIST.fields,
        optionalFields: POTENTIALS_RELATED_LIST.optionalFields,
        pageSize: POTENTIALS_RELATED_LIST.pageSize
    })
    wiredPotentials({ data, error }) {
        this.records = data?.records;
        this.error = error;
        this.dispatchEvent(new CustomEvent('potentialchange', { detail: { rows: this.rows } }));
    }

    get readable() {
        return Boolean(this.records) && canReadPotential(this.records);
    }

    /** The rows as the rules take them, or null while unknown. */
    get rows() {
        return this.readable ? readPotentialRows(this.records) : null;
    }

    get status() {
        const list = loadStatus({
            error: this.error,
            loaded: Boolean(this.records && this.config),
            loadingText: LABELS.loadingPotential,
            noAccessText: LABELS.noAccessPotential,
            errorText: LABELS.potentialLoadError
        });
        return firstNotReady(list, this.readable ? READY : messageStatus(LABELS.noAccessPotential));
    }

    get groups() {
        return this.status === READY ? buildPotentialGroups(this.rows, this.config) : [];
    }

    get isEmpty() {
        return this.groups.every((group) => group.isEmpty);
    }
}
