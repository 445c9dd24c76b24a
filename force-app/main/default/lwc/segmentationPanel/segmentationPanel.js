import { api, wire } from 'lwc';
import { getRecord } from 'lightning/uiRecordApi';
import { getRelatedListRecords } from 'lightning/uiRelatedListApi';
import SegmentationBase from 'c/segmentationBase';
import { LABELS } from 'c/segmentationLabels';
import {
    ACCOUNT_OBJECT,
    ACCOUNT_OPTIONAL_FIELDS,
    ACC_NAME,
    BRAND_DETAIL_OBJECT,
    BRAND_DETAILS_RELATED_LIST,
    POTENTIAL_OBJECT,
    fieldLabels,
    readBrandDetail,
    readInstaller
} from 'c/installerRecords';
import { currentClassification, sortBrandDetails } from 'c/segmentationView';

const PANEL_OBJECTS = Object.freeze([ACCOUNT_OBJECT, BRAND_DETAIL_OBJECT, POTENTIAL_OBJECT]);

/**
 * What both segmentation panels load, once: besides the config and the labels (c/segmentationBase), the installer
 * (Account) with its inputs and all its brand details, and the field labels of the three objects. A panel
 * extends this class and sets `accountId` (the brand detail panel once its record has arrived; the account panel is the account). The
 * potential comes from c-potential-table, which owns its wire and reports the rows it read.
 */
export default class SegmentationPanel extends SegmentationBase {
    @api recordId;

    labels = LABELS;

    account;
    accountError;

    brandDetailRecords;
    brandDetailError;

    /** Potential rows from c-potential-table; null while unknown (loading, failed or not readable). */
    potentialRows = null;

    get labelObjects() {
        return PANEL_OBJECTS;
    }

    @wire(getRecord, { recordId: '$accountId', fields: [ACC_NAME], optionalFields: ACCOUNT_OPTIONAL_FIELDS })
    wiredAccount({ data, error }) {
        this.account = data;
        this.accountError = error;
    }

    @wire(getRelatedListRecords, {
        parentRecordId: '$accountId',
        relatedListId: BRAND_DETAILS_RELATED_LIST.relatedListId,
        fields: BRAND_DETAILS_RELATED_LIST.fields,
        optionalFields: BRAND_DETAILS_RELATED_LIST.optionalFields
    })
    wiredBrandDetails({ data, error }) {
        this.brandDetailRecords = data?.records;
        this.brandDetailError = error;
    }

    get fieldLabels() {
        return fieldLabels(this.objectInfos);
    }

    /** The installer's brand details in the config's brand order. */
    get details() {
        const details = (this.brandDetailRecords ?? []).map((record) => readBrandDetail(record));
        return this.config ? sortBrandDetails(details, this.config) : details;
    }

    /** What tonight's run computes for this installer; null until the account, its brand details and potential are read. */
    get current() {
        const installer =
            this.account && this.brandDetailRecords ? readInstaller(this.account, this.details) : null;
        return installer && this.potentialRows && this.config
            ? currentClassification(installer, this.potentialRows, this.config)
            : null;
    }

    handlePotentialChange(event) {
        this.potentialRows = event.detail.rows;
    }
}
