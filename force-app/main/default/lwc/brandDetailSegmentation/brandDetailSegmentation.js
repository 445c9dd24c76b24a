import { LightningElement, api, wire } from 'lwc';
import { getRecord, getFieldValue } from 'lightning/uiRecordApi';
import { getRelatedListRecords } from 'lightning/uiRelatedListApi';
import { getObjectInfos } from 'lightning/uiObjectInfoApi';
import { isNoAccessError } from 'c/ldsUtils';
import { loadSegmentationConfig } from 'c/segmentationConfigLoader';
import { LABELS, formatLabel } from 'c/segmentationLabels';
import {
    BD_ACCOUNT,
    BRAND_DETAIL_OBJECT,
    BRAND_DETAIL_OPTIONAL_FIELDS,
    POTENTIAL_OBJECT,
    POTENTIALS_RELATED_LIST,
    buildPotentialGroups,
    buildStatus,
    buildSummary,
    canReadPotential,
    fieldLabels,
    readBrandDetail,
    readPotentialRows,
    todayInUserTimeZone
} from 'c/segmentationView';

/**
 * Merkgegevens record page: the classification of this brand detail, what would change it, and the
 * installer's potential per product group and brand.
 */
export default class BrandDetailSegmentation extends LightningElement {
    @api recordId;

    labels = LABELS;

    config;
    configError;

    record;
    recordError;
    /** Set only once the brand detail has arrived: the potential wire waits for it. */
    accountId;

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

    @wire(getRecord, {
        recordId: '$recordId',
        fields: [BD_ACCOUNT],
        optionalFields: BRAND_DETAIL_OPTIONAL_FIELDS
    })
    wiredBrandDetail({ data, error }) {
        if (data) {
            this.record = data;
            this.recordError = undefined;
            this.accountId = getFieldValue(data, BD_ACCOUNT) ?? undefined;
        } else if (error) {
            this.record = undefined;
            this.recordError = error;
        }
    }

    @wire(getRelatedListRecords, {
        parentRecordId: '$accountId',
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
    @wire(getObjectInfos, { objectApiNames: [BRAND_DETAIL_OBJECT, POTENTIAL_OBJECT] })
    wiredObjectInfos({ data }) {
        if (data) {
            this.objectInfos = data;
        }
    }

    get detail() {
        return this.record ? readBrandDetail(this.record) : null;
    }

    get fieldLabels() {
        return fieldLabels(this.objectInfos);
    }

    get title() {
        const brand = this.detail?.brandLabel;
        return brand ? formatLabel(LABELS.brandPanelTitle, brand) : LABELS.panelTitle;
    }

    get hasNoRecordAccess() {
        return isNoAccessError(this.recordError);
    }

    get hasRecordError() {
        return Boolean(this.recordError);
    }

    get hasConfigError() {
        return Boolean(this.configError);
    }

    get isLoading() {
        return !this.record || !this.config;
    }

    get hasNoFieldAccess() {
        return !this.detail?.canReadClassification;
    }

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

    get summary() {
        return buildSummary(
            this.detail,
            { ready: this.potentialState === 'ready', rows: this.potentialRows },
            this.config
        );
    }

    get status() {
        return buildStatus(this.detail, this.config, todayInUserTimeZone());
    }

    get potentialGroups() {
        return buildPotentialGroups(this.potentialRows, this.config);
    }
}
