import { LightningElement, api } from 'lwc';
import { READY } from 'c/ldsUtils';

/**
 * The one status ladder of the segmentation panels: a spinner while a part loads, a plain message when the
 * user may not see it (or there is nothing yet), the error panel when it failed, and otherwise its content
 * (the default slot). The status comes from loadStatus / messageStatus / firstNotReady in c/ldsUtils.
 */
export default class LoadState extends LightningElement {
    /** {state: 'ready' | 'loading' | 'message' | 'error', text, errors} */
    @api status = READY;

    get isLoading() {
        return this.status?.state === 'loading';
    }

    get isMessage() {
        return this.status?.state === 'message';
    }

    get isError() {
        return this.status?.state === 'error';
    }
}
