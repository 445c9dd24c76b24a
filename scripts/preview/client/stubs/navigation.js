/**
 * lightning/navigation for the preview: links get a local URL, and navigating shows where Salesforce would go
 * instead of leaving the page.
 */
const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');

function urlOf(pageReference) {
    const { recordId, objectApiName, relationshipApiName } = pageReference.attributes ?? {};
    return relationshipApiName
        ? `#/lightning/r/${recordId}/related/${relationshipApiName}/view`
        : `#/lightning/r/${objectApiName}/${recordId}/view`;
}

export const NavigationMixin = (Base) =>
    class extends Base {
        [Navigate](pageReference) {
            window.location.hash = urlOf(pageReference).slice(1);
            window.dispatchEvent(new CustomEvent('previewnavigate', { detail: pageReference }));
        }

        [GenerateUrl](pageReference) {
            return Promise.resolve(urlOf(pageReference));
        }
    };
NavigationMixin.Navigate = Navigate;
NavigationMixin.GenerateUrl = GenerateUrl;

export const CurrentPageReference = class {
    constructor(dataCallback) {
        this.dataCallback = dataCallback;
    }

    connect() {}

    disconnect() {}

    update() {}
};
