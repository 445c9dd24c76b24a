/** The objects the reclassification reads, in the order it reads them: installers, their potential, their brand details. */
export const READ_OBJECTS = ['Account', 'Potential__c', 'Brand_Detail__c'] as const;

export type ObjectName = (typeof READ_OBJECTS)[number];

/** A number per object read. */
export type ObjectCounts = Record<ObjectName, number>;

/** Zero for every object: the start of a count. */
export function zeroCounts(): ObjectCounts {
    return { Account: 0, Potential__c: 0, Brand_Detail__c: 0 };
}
