// Synthetic shadow first, as on a Lightning page: the global SLDS stylesheet then reaches into components.
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import BrandDetailSegmentation from 'c/brandDetailSegmentation';
import AccountSegmentation from 'c/accountSegmentation';
import InstallerWorklist from 'c/installerWorklist';

const COMPONENTS = {
    'c-brand-detail-segmentation': BrandDetailSegmentation,
    'c-account-segmentation': AccountSegmentation,
    'c-installer-worklist': InstallerWorklist
};

const preview = window.__PREVIEW__;

// The preview clock: fixtures are dated around this day, so "bezoek te laat" reads the same on any day.
if (preview.now) {
    Date.now = () => preview.now;
}

const element = createElement(preview.tag, { is: COMPONENTS[preview.tag] });
if (preview.recordId) {
    element.recordId = preview.recordId;
}
document.getElementById(preview.region).prepend(element);
