import { LightningElement, api } from 'lwc';
import { LABELS } from 'c/segmentationLabels';

/**
 * The stored classification of an installer (type klant, segment, VG share, boiler potential, how the
 * potential was found, klanttype) with the explanation, and what would change it from the current potential.
 */
export default class SegmentationSummary extends LightningElement {
    /** View model from buildSummary; null while the panel loads (the summary is not shown then). */
    @api summary;
    /** Field labels from fieldLabels(). */
    @api fieldLabels = {};

    labels = LABELS;

    get hasMoves() {
        return (this.summary?.moves ?? []).length > 0;
    }

    get hasValueTypeDetails() {
        return Boolean(this.summary?.strategyText || this.summary?.cadenceText);
    }

    get valueTypeDetails() {
        return [this.summary?.strategyText, this.summary?.cadenceText].filter(Boolean).join(' · ');
    }
}
