import { getFieldValue, getFieldDisplayValue } from 'lightning/uiRecordApi';

import ACCOUNT_OBJECT from '@salesforce/schema/Account';
import BRAND_DETAIL_OBJECT from '@salesforce/schema/Brand_Detail__c';
import POTENTIAL_OBJECT from '@salesforce/schema/Potential__c';

import BD_ID from '@salesforce/schema/Brand_Detail__c.Id';
import BD_NAME from '@salesforce/schema/Brand_Detail__c.Name';
import BD_ACCOUNT from '@salesforce/schema/Brand_Detail__c.Account__c';
import BD_BRAND from '@salesforce/schema/Brand_Detail__c.Brand__c';
import BD_CUSTOMER_TYPE from '@salesforce/schema/Brand_Detail__c.Customer_Type__c';
import BD_SEGMENT from '@salesforce/schema/Brand_Detail__c.Potential_Segment__c';
import BD_SHARE from '@salesforce/schema/Brand_Detail__c.VG_Potential_Share__c';
import BD_BOILER_POTENTIAL from '@salesforce/schema/Brand_Detail__c.Boiler_Potential__c';
import BD_POTENTIAL_SOURCE from '@salesforce/schema/Brand_Detail__c.Potential_Source__c';
import BD_GROWTH from '@salesforce/schema/Brand_Detail__c.Potential_Growth__c';
import BD_VALUE_TYPE from '@salesforce/schema/Brand_Detail__c.Value_Type__c';
import BD_LAST_VISIT from '@salesforce/schema/Brand_Detail__c.Last_Visit_Date__c';
import BD_LOCKED from '@salesforce/schema/Brand_Detail__c.Classification_Locked__c';
import BD_EVER_HAD_SHARE from '@salesforce/schema/Brand_Detail__c.VG_Ever_Had_Share__c';
import BD_REASON from '@salesforce/schema/Brand_Detail__c.Classification_Reason__c';
import BD_CLASSIFIED_AT from '@salesforce/schema/Brand_Detail__c.Classified_At__c';
import BD_NEXT_VISIT from '@salesforce/schema/Brand_Detail__c.Next_Visit_Due__c';

import POT_ID from '@salesforce/schema/Potential__c.Id';
import POT_PRODUCT_GROUP from '@salesforce/schema/Potential__c.Product_Group__c';
import POT_BRAND from '@salesforce/schema/Potential__c.Brand__c';
import POT_UNITS from '@salesforce/schema/Potential__c.Units__c';
import POT_SOURCE from '@salesforce/schema/Potential__c.Source__c';

import ACC_NAME from '@salesforce/schema/Account.Name';
import ACC_COMPANY_SIZE from '@salesforce/schema/Account.Company_Size__c';
import ACC_MARKET_TYPE from '@salesforce/schema/Account.Market_Type__c';
import ACC_REVENUE from '@salesforce/schema/Account.Revenue_12M__c';
import ACC_VG_UNITS from '@salesforce/schema/Account.VG_Units_12M__c';

import { LABELS } from 'c/segmentationLabels';

/**
 * What the segmentation panels read of an installer, and how: the objects and fields (optional where a profile
 * may hide them), the related lists, and how a UI API answer (records, object info, picklist values) becomes
 * plain values and labels in the user's language. No rule and no wording of results: those are c/segmentRules
 * and c/segmentationView.
 */

export { ACCOUNT_OBJECT, BRAND_DETAIL_OBJECT, POTENTIAL_OBJECT, BD_ACCOUNT, ACC_NAME };

/** Brand detail fields a profile may hide; read as optional so one hidden field does not empty the panel. */
export const BRAND_DETAIL_OPTIONAL_FIELDS = [
    BD_NAME,
    BD_BRAND,
    BD_CUSTOMER_TYPE,
    BD_SEGMENT,
    BD_SHARE,
    BD_BOILER_POTENTIAL,
    BD_POTENTIAL_SOURCE,
    BD_GROWTH,
    BD_VALUE_TYPE,
    BD_LAST_VISIT,
    BD_LOCKED,
    BD_EVER_HAD_SHARE,
    BD_CLASSIFIED_AT
];

/** The account's inputs: shown on the account page, and read by the rules (revenue, VG boilers bought). */
export const ACCOUNT_OPTIONAL_FIELDS = [ACC_COMPANY_SIZE, ACC_MARKET_TYPE, ACC_REVENUE, ACC_VG_UNITS];

/** The related list adapter takes "Object.Field" strings. */
const qualified = (field) => `${field.objectApiName}.${field.fieldApiName}`;

export const BRAND_DETAILS_RELATED_LIST = Object.freeze({
    relatedListId: 'Brand_Details__r',
    fields: [qualified(BD_ID)],
    optionalFields: BRAND_DETAIL_OPTIONAL_FIELDS.map(qualified)
});

// One account has at most a row per product group and brand (Key__c is unique), far below one page.
export const POTENTIALS_RELATED_LIST = Object.freeze({
    relatedListId: 'Potentials__r',
    fields: [qualified(POT_ID)],
    optionalFields: [POT_PRODUCT_GROUP, POT_BRAND, POT_UNITS, POT_SOURCE].map(qualified),
    pageSize: 100
});

const hasField = (record, field) => Boolean(record?.fields && field.fieldApiName in record.fields);
const shown = (record, field) => getFieldDisplayValue(record, field) ?? getFieldValue(record, field) ?? null;
const valueOf = (record, field) => getFieldValue(record, field) ?? null;

/**
 * The plain values of one Brand_Detail__c record (from getRecord or a related list). Picklists come with the
 * label Lightning Data Service gives in the user's language (displayValue).
 * @param {object} record UI API record
 */
export function readBrandDetail(record) {
    const share = valueOf(record, BD_SHARE);
    return {
        id: record.id,
        name: valueOf(record, BD_NAME),
        brand: valueOf(record, BD_BRAND),
        brandLabel: shown(record, BD_BRAND),
        customerType: valueOf(record, BD_CUSTOMER_TYPE),
        customerTypeLabel: shown(record, BD_CUSTOMER_TYPE),
        segment: valueOf(record, BD_SEGMENT),
        segmentLabel: shown(record, BD_SEGMENT),
        share: share === null ? null : Number(share),
        boilerPotential: valueOf(record, BD_BOILER_POTENTIAL),
        potentialSource: valueOf(record, BD_POTENTIAL_SOURCE),
        potentialSourceLabel: shown(record, BD_POTENTIAL_SOURCE),
        growthLabel: shown(record, BD_GROWTH),
        valueType: valueOf(record, BD_VALUE_TYPE),
        valueTypeLabel: shown(record, BD_VALUE_TYPE),
        lastVisitDate: valueOf(record, BD_LAST_VISIT),
        locked: valueOf(record, BD_LOCKED) === true,
        everHadShare: valueOf(record, BD_EVER_HAD_SHARE) === true,
        classifiedAt: valueOf(record, BD_CLASSIFIED_AT),
        // Without the type field (hidden by field-level security) there is no classification to show.
        canReadClassification: hasField(record, BD_CUSTOMER_TYPE)
    };
}

/**
 * Potential__c records as rule rows plus what the table shows. Rows the user cannot fully read are left out.
 * @param {object[]} records UI API records
 */
export function readPotentialRows(records) {
    return records
        .filter(
            (record) =>
                hasField(record, POT_PRODUCT_GROUP) &&
                hasField(record, POT_BRAND) &&
                hasField(record, POT_UNITS)
        )
        .map((record) => ({
            id: record.id,
            productGroup: valueOf(record, POT_PRODUCT_GROUP),
            productGroupLabel: shown(record, POT_PRODUCT_GROUP),
            brand: valueOf(record, POT_BRAND),
            brandLabel: shown(record, POT_BRAND),
            units: Number(valueOf(record, POT_UNITS) ?? 0),
            source: valueOf(record, POT_SOURCE),
            sourceLabel: shown(record, POT_SOURCE)
        }));
}

/** True when every Potential__c field the table needs is readable (checked on the first record). */
export function canReadPotential(records) {
    const first = records[0];
    return !first || [POT_PRODUCT_GROUP, POT_BRAND, POT_UNITS].every((field) => hasField(first, field));
}

/**
 * The installer as the rules take it, from its Account and all its brand details (VG_Ever_Had_Share__c counts
 * when set on any of them, as in the nightly run); null when the user may not read the account's inputs.
 * @param {object} account UI API Account record
 * @param {ReturnType<typeof readBrandDetail>[]} details
 * @returns {import('../segmentRules/segmentRules.js').InstallerInputs | null}
 */
export function readInstaller(account, details) {
    if (!hasField(account, ACC_REVENUE) || !hasField(account, ACC_VG_UNITS)) {
        return null;
    }
    return {
        revenue12m: valueOf(account, ACC_REVENUE),
        vgUnits12m: valueOf(account, ACC_VG_UNITS),
        everHadShare: details.some((detail) => detail.everHadShare)
    };
}

/**
 * The account's inputs to the classification, as label/value rows. A field the user may not see is left out
 * rather than shown as empty; an empty one reads "Niet ingevuld". Numbers go to lightning-formatted-number.
 * @param {object} record UI API Account record
 * @param {ReturnType<typeof fieldLabels>} labels
 */
export function buildAccountInputs(record, labels) {
    const inputs = [
        { key: 'companySize', field: ACC_COMPANY_SIZE, text: shown(record, ACC_COMPANY_SIZE) },
        { key: 'marketType', field: ACC_MARKET_TYPE, text: shown(record, ACC_MARKET_TYPE) },
        { key: 'revenue', field: ACC_REVENUE, number: valueOf(record, ACC_REVENUE), isCurrency: true },
        { key: 'vgUnits12m', field: ACC_VG_UNITS, number: valueOf(record, ACC_VG_UNITS) }
    ];
    return inputs
        .filter((input) => hasField(record, input.field))
        .map(({ key, text = null, number = null, isCurrency = false }) => ({
            key,
            label: labels[key],
            isNumber: number !== null,
            isCurrency: isCurrency && number !== null,
            number,
            text: text ?? LABELS.notFilled
        }));
}

/**
 * Field labels as the org names them (getObjectInfos, in the user's language), falling back to our own labels
 * while they load or when a field is hidden.
 * @param {object | undefined} objectInfos data of the getObjectInfos wire
 */
export function fieldLabels(objectInfos) {
    const infos = {};
    for (const entry of objectInfos?.results ?? []) {
        if (entry?.statusCode === 200 && entry.result) {
            infos[entry.result.apiName] = entry.result.fields ?? {};
        }
    }
    const label = (field, fallback) => infos[field.objectApiName]?.[field.fieldApiName]?.label ?? fallback;
    return Object.freeze({
        customerType: label(BD_CUSTOMER_TYPE, LABELS.fieldCustomerType),
        segment: label(BD_SEGMENT, LABELS.fieldSegment),
        share: label(BD_SHARE, LABELS.fieldShare),
        boilerPotential: label(BD_BOILER_POTENTIAL, LABELS.fieldBoilerPotential),
        potentialSource: label(BD_POTENTIAL_SOURCE, LABELS.fieldPotentialSource),
        growth: label(BD_GROWTH, LABELS.fieldGrowth),
        // The field is called Klanttype; the panel adds which matrix it comes from, as sales calls it.
        valueType: LABELS.fieldValueType,
        nextVisit: label(BD_NEXT_VISIT, LABELS.fieldNextVisit),
        lastVisit: label(BD_LAST_VISIT, LABELS.fieldLastVisit),
        reason: label(BD_REASON, LABELS.fieldReason),
        classifiedAt: label(BD_CLASSIFIED_AT, LABELS.fieldClassifiedAt),
        locked: label(BD_LOCKED, LABELS.fieldLocked),
        companySize: label(ACC_COMPANY_SIZE, LABELS.fieldCompanySize),
        marketType: label(ACC_MARKET_TYPE, LABELS.fieldMarketType),
        revenue: label(ACC_REVENUE, LABELS.fieldRevenue),
        vgUnits12m: label(ACC_VG_UNITS, LABELS.fieldVgUnits12m),
        brand: label(POT_BRAND, LABELS.fieldBrand),
        units: label(POT_UNITS, LABELS.fieldUnits),
        source: label(POT_SOURCE, LABELS.fieldSource)
    });
}

/**
 * The record type whose picklist values a user sees on new records of an object, from getObjectInfos.
 * @param {object | undefined} objectInfos
 * @param {{objectApiName: string}} object
 */
export function defaultRecordTypeId(objectInfos, object) {
    const entry = (objectInfos?.results ?? []).find(
        (candidate) => candidate?.statusCode === 200 && candidate.result?.apiName === object.objectApiName
    );
    return entry?.result.defaultRecordTypeId;
}

/**
 * Labels of computed Brand_Detail__c picklist values (type klant, segment, klanttype) in the user's language,
 * from getPicklistValuesByRecordType; the value itself until they arrive.
 * @param {object | undefined} picklists data of the getPicklistValuesByRecordType wire
 * @returns {{customerType: (value: string) => string, segment: (value: string) => string, valueType: (value: string) => string}}
 */
export function picklistLabels(picklists) {
    const labelIn = (field) => (value) =>
        picklists?.picklistFieldValues?.[field.fieldApiName]?.values?.find((entry) => entry.value === value)
            ?.label ?? value;
    return {
        customerType: labelIn(BD_CUSTOMER_TYPE),
        segment: labelIn(BD_SEGMENT),
        valueType: labelIn(BD_VALUE_TYPE)
    };
}
