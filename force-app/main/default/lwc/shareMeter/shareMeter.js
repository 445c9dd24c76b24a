import { LightningElement, api } from 'lwc';

/**
 * The VG share as a bar with the type klant thresholds marked. It is a meter (a value within a known range),
 * not progress, and it says the value and the thresholds in aria-valuetext.
 */
export default class ShareMeter extends LightningElement {
    /** Whole percent 0..100, or null when there is no boiler potential. */
    @api percent;
    /** The field label, as the meter's accessible name. */
    @api label;
    /** The spoken value, e.g. "25% VG-aandeel; grenzen bij 5% en 75%". */
    @api valueText;
    /** Threshold percents to mark on the bar (Grow from, Keep from). */
    @api marks = [];
    /** Shown instead of the bar when there is no share. */
    @api emptyText;

    get hasValue() {
        return this.percent !== null && this.percent !== undefined;
    }

    get clampedPercent() {
        return Math.min(100, Math.max(0, Number(this.percent)));
    }

    get fillStyle() {
        return `width: ${this.clampedPercent}%;`;
    }

    get markList() {
        return (this.marks ?? []).map((percent) => ({
            key: `mark-${percent}`,
            text: `${percent}%`,
            style: `left: ${percent}%;`,
            reached: this.clampedPercent >= percent
        }));
    }
}
