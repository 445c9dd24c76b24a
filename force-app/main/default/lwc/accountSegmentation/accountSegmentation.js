import CURRENCY from '@salesforce/i18n/currency';
import SegmentationPanel from 'c/segmentationPanel';
import { firstNotReady, loadStatus, messageStatus, READY } from 'c/ldsUtils';
import { LABELS } from 'c/segmentationLabels';
import { buildAccountInputs } from 'c/installerRecords';
import { buildStatus, buildSummary, leadingBrandDetail, todayInUserTimeZone } from 'c/segmentationView';

/**
 * Installateur (Account) record page: the installer's VG classification, each VG brand detail with its
 * visits and history, the inputs the classification uses, and the potential per product group and brand.
 */
export default class AccountSegmentation extends SegmentationPanel {
    /** Revenue in the user's currency (the package's org keeps one currency). */
    currencyCode = CURRENCY;

    /** The installer is this record. */
    get accountId() {
        return this.recordId;
    }

    get status() {
        const account = loadStatus({
            error: this.accountError,
            loaded: Boolean(this.account),
            loadingText: LABELS.loading,
            noAccessText: LABELS.noAccessRecord,
            errorText: LABELS.loadError
        });
        return firstNotReady(account, this.configStatus);
    }

    /** The classification lives on the brand details: their own ladder inside the panel. */
    get brandDetailsStatus() {
        const list = loadStatus({
            error: this.brandDetailError,
            loaded: Boolean(this.brandDetailRecords),
            loadingText: LABELS.loading,
            noAccessText: LABELS.noAccessBrandDetails,
            errorText: LABELS.brandDetailsLoadError
        });
        const details = this.details;
        let content = READY;
        if (details.length === 0) {
            content = messageStatus(LABELS.brandDetailsEmpty);
        } else if (!details.some((detail) => detail.canReadClassification)) {
            content = messageStatus(LABELS.noAccessFields);
        }
        return firstNotReady(list, content);
    }

    get summary() {
        const leading = leadingBrandDetail(this.details);
        return leading && this.config
            ? buildSummary(leading, this.current, this.config, this.picklist)
            : null;
    }

    get visitStatuses() {
        const today = todayInUserTimeZone();
        return this.config ? this.details.map((detail) => buildStatus(detail, this.config, today)) : [];
    }

    get inputs() {
        return this.account ? buildAccountInputs(this.account, this.fieldLabels) : [];
    }

    get inputsStatus() {
        return this.inputs.length > 0 ? READY : messageStatus(LABELS.noAccessInputs);
    }
}
