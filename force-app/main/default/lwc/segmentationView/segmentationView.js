import { getFieldValue, getFieldDisplayValue } from 'lightning/uiRecordApi';
import LOCALE from '@salesforce/i18n/locale';
import TIME_ZONE from '@salesforce/i18n/timeZone';
import CURRENCY from '@salesforce/i18n/currency';

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

import {
    aggregatePotential,
    customerType,
    isVisitOverdue,
    nextSegment,
    nextVisitDue,
    potentialSegment,
    productGroupPotential,
    vgUnitsToTypeChange,
    wholePercentFromStored,
    wholeSharePercent
} from 'c/segmentRules';
import { LABELS, countLabel, formatLabel } from 'c/segmentationLabels';

/**
 * What the two segmentation panels share: which fields they read, how a UI API record becomes plain values,
 * and the view models their child components render. Every rule comes from c/segmentRules; this module only
 * arranges and words the results.
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
    BD_REASON,
    BD_CLASSIFIED_AT
];

export const ACCOUNT_OPTIONAL_FIELDS = [ACC_COMPANY_SIZE, ACC_MARKET_TYPE, ACC_REVENUE];

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

const numberFormat = new Intl.NumberFormat(LOCALE);
const dateFormat = new Intl.DateTimeFormat(LOCALE, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC'
});
const dateTimeFormat = new Intl.DateTimeFormat(LOCALE, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: TIME_ZONE
});

/** @param {number | null} value */
export function formatNumber(value) {
    return value === null || value === undefined ? null : numberFormat.format(value);
}

/** @param {string | null} isoDate YYYY-MM-DD, a calendar date without time zone */
export function formatDate(isoDate) {
    return isoDate ? dateFormat.format(new Date(`${isoDate}T00:00:00Z`)) : null;
}

/**
 * Today's date in the user's Salesforce time zone, as YYYY-MM-DD: a visit due today is not late yet,
 * whatever the browser's clock zone.
 * @param {number} nowMs
 */
export function todayInUserTimeZone(nowMs = Date.now()) {
    const parts = new Intl.DateTimeFormat('en-US', {
        timeZone: TIME_ZONE,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit'
    }).formatToParts(new Date(nowMs));
    const part = (type) => parts.find((candidate) => candidate.type === type)?.value;
    return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * The plain values of one Brand_Detail__c record (from getRecord or a related list).
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
        reason: valueOf(record, BD_REASON),
        classifiedAt: valueOf(record, BD_CLASSIFIED_AT),
        classifiedAtLabel: getFieldDisplayValue(record, BD_CLASSIFIED_AT) ?? null,
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
 * The account's inputs to the classification, as label/value rows. A field the user may not see is left out
 * rather than shown as empty; an empty one reads "Niet ingevuld".
 * @param {object} record UI API Account record
 * @param {ReturnType<typeof fieldLabels>} labels
 */
export function buildAccountInputs(record, labels) {
    const revenue = valueOf(record, ACC_REVENUE);
    const currency = new Intl.NumberFormat(LOCALE, {
        style: 'currency',
        currency: CURRENCY,
        maximumFractionDigits: 0
    });
    const inputs = [
        { key: 'companySize', field: ACC_COMPANY_SIZE, text: shown(record, ACC_COMPANY_SIZE) },
        { key: 'marketType', field: ACC_MARKET_TYPE, text: shown(record, ACC_MARKET_TYPE) },
        {
            key: 'revenue',
            field: ACC_REVENUE,
            text:
                getFieldDisplayValue(record, ACC_REVENUE) ??
                (revenue === null ? null : currency.format(revenue))
        }
    ];
    return inputs
        .filter((input) => hasField(record, input.field))
        .map((input) => ({ key: input.key, label: labels[input.key], text: input.text ?? LABELS.notFilled }));
}

/**
 * Field labels as the org names them (getObjectInfos), falling back to our own labels while they load or
 * when a field is hidden.
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
        brand: label(POT_BRAND, LABELS.fieldBrand),
        units: label(POT_UNITS, LABELS.fieldUnits),
        source: label(POT_SOURCE, LABELS.fieldSource)
    });
}

/** The badge style of a type klant, keyed on the config's names so a renamed type keeps its colour. */
export function customerTypeVariant(type, config) {
    const types = config.customerTypes;
    const variants = {
        [types.winBack]: 'win-back',
        [types.get]: 'get',
        [types.grow]: 'grow',
        [types.keep]: 'keep'
    };
    return variants[type] ?? 'none';
}

/** Brand details in the config's brand order (Vaillant before AWB). */
export function sortBrandDetails(details, config) {
    const rank = (brand) => {
        const index = config.vgBrands.indexOf(brand);
        return index === -1 ? config.vgBrands.length : index;
    };
    return [...details].sort((a, b) => rank(a.brand) - rank(b.brand));
}

/**
 * The brand detail whose classification stands for the installer: the package writes the same VG-level values
 * on every unlocked one, while a locked one may carry a type set by hand.
 */
export function leadingBrandDetail(sortedDetails) {
    return sortedDetails.find((detail) => !detail.locked) ?? sortedDetails[0] ?? null;
}

function movesFor(potential, config) {
    const { vg, total } = potential;
    if (total <= 0) {
        return [];
    }
    const moves = [];
    const change = vgUnitsToTypeChange(vg, total, config);
    if (change) {
        const text =
            change.direction === 'up'
                ? countLabel(change.units, LABELS.moveUpOne, LABELS.moveUpMany, change.type)
                : countLabel(change.units, LABELS.moveDownOne, LABELS.moveDownMany, change.type);
        moves.push({ key: 'type', text, direction: change.direction });
    }
    const next = nextSegment(total, config);
    moves.push(
        next
            ? {
                  key: 'segment',
                  text: countLabel(next.unitsNeeded, LABELS.segmentUpOne, LABELS.segmentUpMany, next.segment),
                  direction: 'up'
              }
            : {
                  key: 'segment',
                  text: formatLabel(LABELS.segmentTop, potentialSegment(total, config)),
                  direction: 'top'
              }
    );
    return moves;
}

/**
 * Note when the stored classification no longer matches the current potential (sales changed it today).
 * everHadShare as stored is what tonight's run will use, plus any VG units now in the potential.
 */
function outdatedNote(detail, potential, config) {
    const type = customerType(potential.vg, potential.total, detail.everHadShare || potential.vg > 0, config);
    const segment = potentialSegment(potential.total, config);
    if (type === detail.customerType && segment === detail.segment) {
        return null;
    }
    return formatLabel(
        detail.locked ? LABELS.outdatedLocked : LABELS.outdated,
        type ?? LABELS.noCustomerType,
        segment ?? LABELS.noSegment
    );
}

/**
 * The summary of a classification, as c-segmentation-summary shows it.
 * @param {ReturnType<typeof readBrandDetail>} detail the brand detail whose stored values are shown
 * @param {{ready: boolean, rows: object[]}} potential the installer's potential rows, when loaded and readable
 * @param {object} config checked segmentation config
 */
export function buildSummary(detail, potential, config) {
    const types = config.customerTypes;
    const sharePercent = wholePercentFromStored(detail.share);
    const cadence = config.valueTypes[detail.valueType];
    const isEstimate = detail.potentialSource === config.potentialSourceLabels.estimated;
    const current = potential.ready ? aggregatePotential(potential.rows, config) : null;
    return {
        type: detail.customerType
            ? { label: detail.customerTypeLabel, variant: customerTypeVariant(detail.customerType, config) }
            : null,
        segmentText: detail.segmentLabel ?? LABELS.noSegment,
        share: {
            percent: sharePercent,
            text: sharePercent === null ? LABELS.noShare : `${sharePercent}%`,
            valueText:
                sharePercent === null
                    ? LABELS.noShare
                    : formatLabel(
                          LABELS.shareValueText,
                          sharePercent,
                          types.growFromPercent,
                          types.keepFromPercent
                      ),
            marks: [types.growFromPercent, types.keepFromPercent]
        },
        boilerPotentialText:
            detail.boilerPotential === null
                ? LABELS.notClassified
                : countLabel(
                      detail.boilerPotential,
                      LABELS.unitsOne,
                      LABELS.units,
                      formatNumber(detail.boilerPotential)
                  ),
        potentialSourceText: detail.potentialSourceLabel ?? LABELS.notClassified,
        isEstimate,
        // The headline tag marks an estimated potential; with no boiler potential there is nothing estimated yet.
        showEstimateTag: isEstimate && Number(detail.boilerPotential) > 0,
        valueTypeText: detail.valueTypeLabel ?? LABELS.notClassified,
        strategyText: cadence ? formatLabel(LABELS.strategy, cadence.strategy) : null,
        cadenceText: cadence ? formatLabel(LABELS.visitCadence, cadence.visitEveryDays) : null,
        reason: detail.reason,
        classifiedAtText:
            detail.classifiedAtLabel ??
            (detail.classifiedAt
                ? dateTimeFormat.format(new Date(detail.classifiedAt))
                : LABELS.notClassified),
        locked: detail.locked,
        moves: current ? movesFor(current, config) : [],
        outdatedText: current ? outdatedNote(detail, current, config) : null
    };
}

/**
 * One brand detail's own status: growth, visits and whether sales locked it.
 * @param {ReturnType<typeof readBrandDetail>} detail
 * @param {object} config
 * @param {string} today YYYY-MM-DD in the user's time zone
 */
export function buildStatus(detail, config, today) {
    const due = nextVisitDue(detail.lastVisitDate, detail.valueType, config);
    const never = !detail.lastVisitDate;
    // Without a klanttype there is no cadence, so only a missing visit can be called late.
    const overdue = never || (due !== null && isVisitOverdue(due, today));
    let nextVisitText = formatDate(due);
    if (never) {
        nextVisitText = LABELS.neverVisited;
    } else if (!due) {
        nextVisitText = LABELS.notClassified;
    }
    return {
        id: detail.id,
        brandText: detail.brandLabel ?? detail.name ?? '',
        growthText: detail.growthLabel ?? LABELS.notFilled,
        lastVisitText: formatDate(detail.lastVisitDate) ?? LABELS.neverVisited,
        nextVisitText,
        overdue,
        locked: detail.locked,
        type: detail.customerType
            ? { label: detail.customerTypeLabel, variant: customerTypeVariant(detail.customerType, config) }
            : null
    };
}

function brandRank(brand, config) {
    const order = [...config.vgBrands, ...config.competitorBrands];
    const index = order.indexOf(brand);
    return index === -1 ? order.length : index;
}

/**
 * The potential table: every product group of the config, its rows VG first, a total and the VG share.
 * @param {ReturnType<typeof readPotentialRows>} rows
 * @param {object} config
 */
export function buildPotentialGroups(rows, config) {
    return config.productGroups.map((group) => {
        const groupRows = rows
            .filter((row) => row.productGroup === group)
            .sort(
                (a, b) =>
                    brandRank(a.brand, config) - brandRank(b.brand, config) ||
                    String(a.brand).localeCompare(String(b.brand))
            );
        const potential = productGroupPotential(rows, group, config);
        const share = wholeSharePercent(potential.vg, potential.total);
        const name = groupRows[0]?.productGroupLabel ?? group;
        return {
            key: group,
            name,
            isEmpty: groupRows.length === 0,
            rows: groupRows.map((row) => ({
                key: row.id,
                brandText: row.brandLabel ?? row.brand,
                isVg: config.vgBrands.includes(row.brand),
                unitsText: formatNumber(row.units),
                sourceText: row.sourceLabel ?? LABELS.notFilled,
                isEstimate: row.source === config.potentialSources.estimate
            })),
            totalText: formatLabel(LABELS.groupTotal, name),
            totalUnitsText: formatNumber(potential.total),
            shareText: share === null ? '' : formatLabel(LABELS.groupVgShare, share)
        };
    });
}
