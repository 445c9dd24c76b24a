/**
 * lightning/navigation for tests: like the sfdx-lwc-jest stub, but it records every Navigate and GenerateUrl
 * call in jest mocks (cleared by jest.clearAllMocks) so that a test can check where a link leads.
 */
import { createTestWireAdapter } from '@salesforce/wire-service-jest-util';

export const CurrentPageReference = createTestWireAdapter(jest.fn());

const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');

export const mockNavigate = jest.fn();
export const mockGenerateUrl = jest.fn((pageReference) =>
    Promise.resolve(
        `/lightning/r/${pageReference.attributes.recordId}/related/${pageReference.attributes.relationshipApiName}/view`
    )
);

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
