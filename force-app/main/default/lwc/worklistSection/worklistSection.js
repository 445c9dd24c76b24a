import { LightningElement, api } from 'lwc';
import { WORKLIST_LABELS } from 'c/worklistLabels';

/**
 * One section of the worklist: its heading with the count, its rows and the buttons to the previous and next
 * page. Paging is the worklist's (it owns the query): this part only asks for it with a `pagechange` event.
 */
export default class WorklistSection extends LightningElement {
    /** View model from buildSections (c/worklistView). */
    @api section;

    labels = WORKLIST_LABELS;

    get headingId() {
        return `worklist-${this.section.key}`;
    }

    get isFirstPage() {
        return !this.section.hasPrevious;
    }

    get isLastPage() {
        return !this.section.hasNext;
    }

    get showPager() {
        return this.section.hasPrevious || this.section.hasNext;
    }

    handlePrevious() {
        this.changePage(-1);
    }

    handleNext() {
        this.changePage(1);
    }

    changePage(step) {
        this.dispatchEvent(new CustomEvent('pagechange', { detail: { section: this.section.key, step } }));
    }
}
