import { LightningElement, api, wire } from 'lwc';
import { getRecord } from 'lightning/uiRecordApi';
import { getRelatedListRecords } from 'lightning/uiRelatedListApi';
import { getObjectInfos, getPicklistValuesByRecordType } from 'lightning/uiObjectInfoApi';
import { loadStatus } from 'c/ldsUtils';
import { loadSegmentationConfig } from 'c/segmentationConfigLoader';
import { LABELS } from 'c/segmentationLabels';
import {
    ACCOUNT_OBJECT,
    ACCOUNT_OPTIONAL_FIELDS,
    ACC_NAME,
    BRAND_DETAIL_OBJECT,
    BRAND_DETAILS_RELATED_LIST,
    POTENTIAL_OBJECT,
    defaultRecordTypeId,
    fieldLabels,
    picklistLabels,
    readBrandDetail,
    readInstaller
} from 'c/installerRecords';
import { currentClassification, sortBrandDetails } from 'c/segmentationView';

/**
 * What both segmentation panels load, once: the config, the installer (Account) with its inputs, all its brand
 * details, the field labels and the picklist labels in the user's language. A panel extends this class and sets
 * `accountId` (the brand detail panel once its record has arrived; the account panel is the account). The
 * potential comes from c-potential-table, which owns its wire and reports the rows it read.
 */
export default class SegmentationPanel extends LightningElement {
    @api recordId;

    labels = LABELS;

    config;
    configError;

    account;
    accountError;

    brandDetailRecords;
    brandDetailError;

    objectInfos;
    picklists;

    /** Potential rows from c-potential-table; null while unknown (loading, failed or not readable). */
    potentialRows = null;

    connectedCallback() {
        loadSegmentationConfig()
            .then((config) => {
                this.config = config;
                this.configError = undefined;
            })
            .catch((error) => {
                this.configError = error;
            });
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

    // Labels only: until they arrive, or if they fail, the panel uses its own labels and the stored values.
    @wire(getObjectInfos, { objectApiNames: [ACCOUNT_OBJECT, BRAND_DETAIL_OBJECT, POTENTIAL_OBJECT] })
    wiredObjectInfos({ data }) {
        this.objectInfos = data ?? this.objectInfos;
    }

    @wire(getPicklistValuesByRecordType, {
        objectApiName: BRAND_DETAIL_OBJECT,
        recordTypeId: '$brandDetailRecordTypeId'
    })
    wiredPicklists({ data }) {
        this.picklists = data ?? this.picklists;
    }

    /** Waits for the object info: the picklist wire does nothing while this is undefined. */
    get brandDetailRecordTypeId() {
        return defaultRecordTypeId(this.objectInfos, BRAND_DETAIL_OBJECT);
    }

    get fieldLabels() {
        return fieldLabels(this.objectInfos);
    }

    get picklist() {
        return picklistLabels(this.picklists);
    }

    /** The config: loading until it arrives, an error panel when the static resource cannot be read. */
    get configStatus() {
        return loadStatus({
            error: this.configError,
            loaded: Boolean(this.config),
            loadingText: LABELS.loading,
            errorText: LABELS.configError
        });
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
