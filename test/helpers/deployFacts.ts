import type { PlanFacts } from '../../scripts/lib/deploy/plan.ts';

/** A Brand_Detail__c object file, as force-app has it (shortened). */
export const BRAND_DETAIL_XML = `<?xml version="1.0" encoding="UTF-8" ?>
<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">
    <deploymentStatus>Deployed</deploymentStatus>
    <label>Merkgegevens</label>
    <pluralLabel>Merkgegevens</pluralLabel>
    <sharingModel>ControlledByParent</sharingModel>
</CustomObject>
`;

/** What the deploy plan knows about a project with both record pages and the sample data, fixed for tests. */
export const FACTS: PlanFacts = {
    pagesInSource: ['Merkgegevens_Record_Page', 'Installateur_Record_Page'],
    pagesActivatedInSource: [],
    brandDetailObjectXml: BRAND_DETAIL_XML,
    activationDir: '/tmp/activation',
    sampleAccount: { Name: "De heer R. Loon's", BillingCity: 'Apeldoorn' }
};

export const OPTIONS = {
    targetOrg: 'vg-sandbox',
    withSampleData: false,
    activatePages: false,
    dryRun: false
};
export const ORG = ['--target-org', 'vg-sandbox'];
