import { fieldLabels, picklistLabels } from 'c/installerRecords';

describe('labels in the user’s language', () => {
    it('falls back to the package labels for fields the object info does not carry', () => {
        const labels = fieldLabels({
            results: [
                {
                    statusCode: 200,
                    result: { apiName: 'Potential__c', fields: { Units__c: { label: 'Eenheden' } } }
                },
                { statusCode: 403, result: null }
            ]
        });
        expect(labels.units).toBe('Eenheden');
        expect(labels.brand).toBe('Merk');
        expect(labels.valueType).toBe('Klanttype (waarde x potentie)');
    });

    it('words computed values with the picklist labels of the user’s language', () => {
        const english = picklistLabels({
            picklistFieldValues: {
                Customer_Type__c: {
                    values: [
                        { value: 'Grow', label: 'Grow' },
                        { value: 'Keep', label: 'Keep' }
                    ]
                },
                Value_Type__c: { values: [{ value: 'Grote klant', label: 'Large Customer' }] }
            }
        });
        expect(english.valueType('Grote klant')).toBe('Large Customer');
        expect(english.segment('30+')).toBe('30+');
    });
});
