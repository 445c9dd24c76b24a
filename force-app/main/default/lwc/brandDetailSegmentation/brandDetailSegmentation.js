import { wire } from 'lwc';
import { getRecord, getFieldValue } from 'lightning/uiRecordApi';
import SegmentationPanel from 'c/segmentationPanel';
import { firstNotReady, loadStatus, messageStatus, READY } from 'c/ldsUtils';
import { LABELS, formatLabel } from 'c/segmentationLabels';
import { BD_ACCOUNT, BRAND_DETAIL_OPTIONAL_FIELDS, readBrandDetail } from 'c/installerRecords';
import { buildStatus, buildSummary, todayInUserTimeZone } from 'c/segmentationView';

/**
 * Merkgegevens record page: the classification of this brand detail, what would change it, and the
 * installer's potential per product group and brand.
 */
export default class BrandDetailSegmentation extends SegmentationPanel {
    record;
    recordError;
    /** Set once the brand detail has arrived: the installer's wires wait for it. */
    accountId;

    @wire(getRecord, {
        recordId: '$recordId',
        fields: [BD_ACCOUNT],
        optionalFields: BRAND_DETAIL_OPTIONAL_FIELDS
    })
    wiredBrandDetail({ data, error }) {
        this.record = data;
        this.recordError = error;
        if (data) {
            this.accountId = getFieldValue(data, BD_ACCOUNT) ?? undefined;
        }
    }

    get detail() {
        return this.record ? readBrandDetail(this.record) : null;
    }

    get title() {
        const brand = this.detail?.brandLabel;
        return brand ? formatLabel(LABELS.brandPanelTitle, brand) : LABELS.panelTitle;
    }

    get status() {
        const record = loadStatus({
            error: this.recordError,
            loaded: Boolean(this.record),
            loadingText: LABELS.loading,
            noAccessText: LABELS.noAccessRecord,
            errorText: LABELS.loadError
        });
        const fields =
            this.detail?.canReadClassification === false ? messageStatus(LABELS.noAccessFields) : READY;
        return firstNotReady(record, this.configStatus, fields);
    }

    get summary() {
        return this.detail && this.config
            ? buildSummary(this.detail, this.current, this.config, this.picklist)
            : null;
    }

    get visitStatus() {
        return this.detail && this.config
            ? buildStatus(this.detail, this.config, todayInUserTimeZone())
            : null;
    }
}
