import { LightningElement, api, wire } from 'lwc';
import { getRecord } from 'lightning/uiRecordApi';
import { getRelatedListRecords } from 'lightning/uiRelatedListApi';
import { getObjectInfos } from 'lightning/uiObjectInfoApi';
import { isNoAccessError } from 'c/ldsUtils';
import { loadSegmentationConfig } from 'c/segmentationConfigLoader';
import { LABELS } from 'c/segmentationLabels';
import {
    ACCOUNT_OBJECT,
    ACCOUNT_OPTIONAL_FIELDS,
    ACC_NAME,
    BRAND_DETAIL_OBJECT,
    BRAND_DETAILS_RELATED_LIST,
    POTENTIAL_OBJECT,
    POTENTIALS_RELATED_LIST,
    buildAccountInputs,
    buildPotentialGroups,
    buildStatus,
    buildSummary,
    canReadPotential,
    fieldLabels,
    leadingBrandDetail,
    readBrandDetail,
    readPotentialRows,
    sortBrandDetails,
    todayInUserTimeZone
} from 'c/segmentationView';

/**
 * Installateur (Account) record page: the installer's VG classification, each VG brand detail with its
 * visits and history, the inputs the classification uses, and the potential per product group and brand.
 */
export default class AccountSegmentation extends LightningElement {
    @api recordId;

    labels = LABELS;

    config;
    configError;

    account;
    accountError;

    brandDetailRecords;
    brandDetailError;

    potentialRecords;
    potentialError;

    objectInfos;

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

    @wire(getRecord, { recordId: '$recordId', fields: [ACC_NAME], optionalFields: ACCOUNT_OPTIONAL_FIELDS })
    wiredAccount({ data, error }) {
        if (data) {
            this.account = data;
            this.accountError = undefined;
        } else if (error) {
            this.account = undefined;
            this.accountError = error;
        }
    }

    @wire(getRelatedListRecords, {
        parentRecordId: '$recordId',
        relatedListId: BRAND_DETAILS_RELATED_LIST.relatedListId,
        fields: BRAND_DETAILS_RELATED_LIST.fields,
        optionalFields: BRAND_DETAILS_RELATED_LIST.optionalFields
    })
    wiredBrandDetails({ data, error }) {
        if (data) {
            this.brandDetailRecords = data.records;
            this.brandDetailError = undefined;
        } else if (error) {
            this.brandDetailRecords = undefined;
            this.brandDetailError = error;
        }
    }

    @wire(getRelatedListRecords, {
        parentRecordId: '$recordId',
        relatedListId: POTENTIALS_RELATED_LIST.relatedListId,
        fields: POTENTIALS_RELATED_LIST.fields,
        optionalFields: POTENTIALS_RELATED_LIST.optionalFields,
        pageSize: POTENTIALS_RELATED_LIST.pageSize
    })
    wiredPotentials({ data, error }) {
        if (data) {
            this.potentialRecords = data.records;
            this.potentialError = undefined;
        } else if (error) {
            this.potentialRecords = undefined;
            this.potentialError = error;
        }
    }

    // Field labels only: until they arrive, or if they fail, the panel uses its own labels.
    @wire(getObjectInfos, { objectApiNames: [ACCOUNT_OBJECT, BRAND_DETAIL_OBJECT, POTENTIAL_OBJECT] })
    wiredObjectInfos({ data }) {
        if (data) {
            this.objectInfos = data;
        }
    }

    get fieldLabels() {
        return fieldLabels(this.objectInfos);
    }

    get hasNoAccountAccess() {
        return isNoAccessError(this.accountError);
    }

    get hasAccountError() {
        return Boolean(this.accountError);
    }

    get hasConfigError() {
        return Boolean(this.configError);
    }

    get isLoading() {
        return !this.account || !this.config;
    }

    get inputs() {
        return buildAccountInputs(this.account, this.fieldLabels);
    }

    get hasInputs() {
        return this.inputs.length > 0;
    }

    // --- brand details: the classification lives on them ---

    get brandDetailsLoading() {
        return !this.brandDetailRecords && !this.brandDetailError;
    }

    get hasNoBrandDetailAccess() {
        return isNoAccessError(this.brandDetailError);
    }

    get hasBrandDetailError() {
        return Boolean(this.brandDetailError);
    }

    get details() {
        const details = (this.brandDetailRecords ?? []).map((record) => readBrandDetail(record));
        return sortBrandDetails(details, this.config);
    }

    get hasNoBrandDetails() {
        return this.details.length === 0;
    }

    get hasNoFieldAccess() {
        return !this.details.some((detail) => detail.canReadClassification);
    }

    get summary() {
        return buildSummary(
            leadingBrandDetail(this.details),
            { ready: this.potentialState === 'ready', rows: this.potentialRows },
            this.config
        );
    }

    get statuses() {
        const today = todayInUserTimeZone();
        return this.details.map((detail) => buildStatus(detail, this.config, today));
    }

    // --- potential ---

    /** 'loading' | 'noAccess' | 'error' | 'ready' for c-potential-table. */
    get potentialState() {
        if (this.potentialError) {
            return isNoAccessError(this.potentialError) ? 'noAccess' : 'error';
        }
        if (!this.potentialRecords) {
            return 'loading';
        }
        return canReadPotential(this.potentialRecords) ? 'ready' : 'noAccess';
    }

    get potentialRows() {
        return this.potentialState === 'ready' ? readPotentialRows(this.potentialRecords) : [];
    }

    get potentialGroups() {
        return buildPotentialGroups(this.potentialRows, this.config);
    }
}
