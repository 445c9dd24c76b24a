/**
 * lightning/navigation for tests: like the sfdx-lwc-jest stub, but it records every Navigate and GenerateUrl
 * call in jest mocks (cleared by jest.clearAllMocks) so that a test can check where a link leads.
 */
import { createTestWireAdapter } from '@salesforce/wire-service-jest-util';

export const CurrentPageReference = createTestWireAdapter(jest.fn());

const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');

export const mockNavigate = jest.fn();
/** The URL Lightning Experience gives a record page or a record's related list. */
function urlOf({ attributes }) {
    return attributes.relationshipApiName
        ? `/lightning/r/${attributes.recordId}/related/${attributes.relationshipApiName}/view`
        : `/lightning/r/${attributes.objectApiName}/${attributes.recordId}/view`;
}

export const mockGenerateUrl = jest.fn((pageReference) => Promise.resolve(urlOf(pageReference)));

export const NavigationMixin = (Base) =>
    class extends Base {
        [Navigate](pageReference, replace) {
            mockNavigate(pageReference, replace);
        }

        [GenerateUrl](pageReference) {
            return mockGenerateUrl(pageReference);
        }
    };
NavigationMixin.Navigate = Navigate;
NavigationMixin.GenerateUrl = GenerateUrl;
