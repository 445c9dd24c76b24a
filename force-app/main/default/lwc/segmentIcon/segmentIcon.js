import { LightningElement, api } from 'lwc';

/**
 * Line glyphs drawn for this package on a 24 x 24 grid. Inline paths instead of the SLDS sprite or
 * lightning-icon: they render the same on a record page, in the mobile app and in the local preview, and need
 * no icon files. Every icon is decorative (aria-hidden); the text next to it carries the meaning.
 */
const PATHS = Object.freeze({
    'win-back': 'M4 4v5h5 M4.6 9A8 8 0 1 1 4 13',
    get: 'M12 5v14 M5 12h14',
    grow: 'M3 17l6-6 4 4 8-8 M15 7h6v6',
    keep: 'M4 12.5l5 5L20 6.5',
    lock: 'M6 11h12v9H6z M8.5 11V8a3.5 3.5 0 0 1 7 0v3',
    warning: 'M12 3.5L2.5 20h19z M12 10v4.5 M12 17v.5',
    estimate: 'M4 9.5c2.7-2.7 5.3 1.3 8 0s5.3-2.7 8 0 M4 15.5c2.7-2.7 5.3 1.3 8 0s5.3-2.7 8 0',
    info: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z M12 11v6 M12 7.5v.5',
    error: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z M8.5 8.5l7 7 M15.5 8.5l-7 7',
    history: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z M12 7v5l3.5 2'
});

export default class SegmentIcon extends LightningElement {
    /** One of the PATHS keys. */
    @api name;

    get path() {
        return PATHS[this.name] ?? '';
    }
}
