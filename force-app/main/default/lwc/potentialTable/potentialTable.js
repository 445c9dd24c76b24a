import { LightningElement, api } from 'lwc';
import { LABELS } from 'c/segmentationLabels';

/**
 * The potential per product group and brand, with the source of each row. The panel decides the state
 * (its related list wire); this component words it.
 */
export default class PotentialTable extends LightningElement {
    /** 'loading' | 'noAccess' | 'error' | 'ready' */
    @api state = 'loading';
    /** Groups from buildPotentialGroups. */
    @api groups = [];
    /** The related list error, when state is 'error'. */
    @api errors;
    /** Column labels from fieldLabels(). */
    @api fieldLabels = {};

    labels = LABELS;

    get isLoading() {
        return this.state === 'loading';
    }

    get isNoAccess() {
        return this.state === 'noAccess';
    }

    get isError() {
        return this.state === 'error';
    }

    get isEmpty() {
        return (this.groups ?? []).every((group) => group.isEmpty);
    }
}
