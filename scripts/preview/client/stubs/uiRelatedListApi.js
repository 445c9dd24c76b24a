import { fixtureAdapter } from '../fixtures.js';

/** lightning/uiRelatedListApi for the preview. */
export const getRelatedListRecords = fixtureAdapter('getRelatedListRecords', [
    'parentRecordId',
    'relatedListId'
]);
