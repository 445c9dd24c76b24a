import { fixtureAdapter } from '../fixtures.js';

/** lightning/uiObjectInfoApi for the preview. */
export const getObjectInfos = fixtureAdapter('getObjectInfos', ['objectApiNames']);
export const getPicklistValuesByRecordType = fixtureAdapter('getPicklistValuesByRecordType', [
    'objectApiName',
    'recordTypeId'
]);
