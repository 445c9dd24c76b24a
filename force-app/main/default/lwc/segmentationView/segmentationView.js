import { getFieldValue, getFieldDisplayValue } from 'lightning/uiRecordApi';
import LOCALE from '@salesforce/i18n/locale';
import TIME_ZONE from '@salesforce/i18n/timeZone';

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

import {
    aggregatePotential,
    brandDetailFields,
    classify,
    customerTypeOrder,
    isVisitOverdue,
    nextSegment,
    nextVisitDue,
    plannedUpdate,
    potentialSegment,
    productGroupPotential,
    typeMove,
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

const numberFormat = new Intl.NumberFormat(LOCALE);

/** A count inside a sentence ("1.250 ketels"); standalone numbers are lightning-formatted-number. */
function formatNumber(value) {
    return numberFormat.format(value);
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
 * What tonight's run will compute for the installer, with the boiler potential it comes from: the rules
 * module's own classify, so the panel and the command cannot disagree.
 * @param {ReturnType<typeof readInstaller>} installer
 * @param {ReturnType<typeof readPotentialRows>} rows
 * @param {object} config
 */
export function currentClassification(installer, rows, config) {
    const potential = aggregatePotential(rows, config);
    return { potential, classification: classify(installer, potential, config) };
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

/** Badge looks in Type klant order (Win-back, Get, Grow, Keep): SLDS themes, and an icon so colour is not all. */
const TYPE_BADGES = Object.freeze([
    { variant: 'win-back', className: 'slds-theme_error', iconName: 'utility:undo' },
    { variant: 'get', className: 'slds-badge_inverse', iconName: 'utility:add' },
    { variant: 'grow', className: 'slds-theme_warning', iconName: 'utility:trending' },
    { variant: 'keep', className: 'slds-theme_success', iconName: 'utility:check' }
]);

/**
 * The lightning-badge of a stored type klant, keyed on the config's type order so a renamed type keeps its look.
 * @param {string | null} type the stored value
 * @param {string | null} label its label in the user's language
 * @param {object} config
 */
export function customerTypeBadge(type, label, config) {
    const look = TYPE_BADGES[customerTypeOrder(config).indexOf(type)];
    return look
        ? { ...look, label: label ?? type }
        : {
              variant: 'none',
              className: 'slds-badge_lightest',
              iconName: undefined,
              label: LABELS.noCustomerType
          };
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

/** What would move the type and the segment, from the boiler potential the summary shows. */
function movesFor(potential, config, picklist) {
    const { vg, total } = potential;
    if (total <= 0) {
        return [];
    }
    const moves = [];
    const change = vgUnitsToTypeChange(vg, total, config);
    if (change) {
        const type = picklist.customerType(change.type);
        const [one, many] =
            change.direction === 'up'
                ? [LABELS.moveUpOne, LABELS.moveUpMany]
                : [LABELS.moveDownOne, LABELS.moveDownMany];
        moves.push({
            key: 'type',
            text: countLabel(change.units, one, many, type),
            iconName: change.direction === 'up' ? 'utility:trending' : 'utility:warning'
        });
    }
    const next = nextSegment(total, config);
    moves.push({
        key: 'segment',
        text: next
            ? countLabel(
                  next.unitsNeeded,
                  LABELS.segmentUpOne,
                  LABELS.segmentUpMany,
                  picklist.segment(next.segment)
              )
            : formatLabel(LABELS.segmentTop, picklist.segment(potentialSegment(total, config))),
        iconName: 'utility:trending'
    });
    return moves;
}

/** "30–74" or "500 of meer": the boilers of a segment, as the explanation says them. */
function segmentRange(name, config) {
    const index = config.segments.findIndex((segment) => segment.name === name);
    const [segment, next] = [config.segments[index], config.segments[index + 1]];
    return next
        ? formatLabel(LABELS.reasonSegmentRange, segment.minUnits, next.minUnits - 1)
        : formatLabel(LABELS.reasonSegmentOpen, segment.minUnits);
}

/**
 * The explanation of a classification in the user's language, from custom labels: in Dutch the very sentence
 * the rules module writes to Classification_Reason__c (a test holds the two together).
 * @param {import('../segmentRules/segmentRules.js').BoilerPotential} potential
 * @param {string | null} type
 * @param {object} config
 * @param {ReturnType<typeof picklistLabels>} picklist
 */
export function explanationText(potential, type, config, picklist) {
    const { total, vg } = potential;
    if (total <= 0) {
        return LABELS.reasonNoPotential;
    }
    const types = config.customerTypes;
    const range = (from, to) => formatLabel(LABELS.reasonShareRange, from, to);
    const ranges = {
        [types.winBack]: LABELS.reasonWinBackRange,
        [types.get]: range(0, types.growFromPercent),
        [types.grow]: range(types.growFromPercent, types.keepFromPercent),
        [types.keep]: range(types.keepFromPercent, 100)
    };
    const segment = potentialSegment(total, config);
    const parts = [
        formatLabel(
            LABELS.reasonShare,
            vg,
            total,
            wholeSharePercent(vg, total),
            picklist.customerType(type),
            ranges[type] ?? ''
        ),
        segment
            ? formatLabel(LABELS.reasonSegment, picklist.segment(segment), segmentRange(segment, config))
            : LABELS.reasonNoSegment
    ];
    const move = typeMove(vg, total, config);
    if (move) {
        const units = countLabel(move.vgUnits, LABELS.reasonVgUnitsOne, LABELS.reasonVgUnitsMany);
        const sentence = move.direction === 'up' ? LABELS.reasonMoveUp : LABELS.reasonMoveDown;
        parts.push(formatLabel(sentence, picklist.customerType(move.type), units));
    }
    if (!potential.enteredBySales) {
        parts.push(LABELS.reasonEstimate);
    }
    return parts.join(' ').slice(0, 255);
}

/**
 * Whether the stored classification differs from what tonight's run computes, in a field the summary shows:
 * the rules module's own comparison (plannedUpdate, at each field's scale), with the fields the summary does not
 * show taken as computed so that they cannot count.
 */
function isOutdated(detail, current, config) {
    const computed = brandDetailFields(current.classification, detail.lastVisitDate, config);
    const stored = {
        ...computed,
        Customer_Type__c: detail.customerType,
        Potential_Segment__c: detail.segment,
        VG_Potential_Share__c: detail.share,
        Boiler_Potential__c: detail.boilerPotential,
        Potential_Source__c: detail.potentialSource,
        Value_Type__c: detail.valueType,
        Classification_Locked__c: false
    };
    return plannedUpdate(stored, computed, { now: '', today: '' }) !== null;
}

/** "Grow, segment 30+, VG 38%, Ontwikkelingsklant": what the current data give, for the outdated note. */
function currentText({ potential, classification }, picklist) {
    const parts = [
        classification.customerType
            ? picklist.customerType(classification.customerType)
            : LABELS.noCustomerType,
        classification.segment
            ? formatLabel(LABELS.noteSegment, picklist.segment(classification.segment))
            : LABELS.noSegment
    ];
    if (potential.total > 0) {
        parts.push(formatLabel(LABELS.groupVgShare, wholeSharePercent(potential.vg, potential.total)));
    }
    parts.push(picklist.valueType(classification.valueType));
    return parts.join(', ');
}

/**
 * The summary of a classification, as c-segmentation-summary shows it. Badge, meter and facts are the stored
 * values; the explanation and what would move it are computed, and shown only when they describe those same
 * values. When the current data give another classification (sales changed the potential today, or the record is
 * locked), one note says what they give instead.
 * @param {ReturnType<typeof readBrandDetail>} detail the brand detail whose stored values are shown
 * @param {ReturnType<typeof currentClassification> | null} current null while unknown (not loaded or not readable)
 * @param {object} config
 * @param {ReturnType<typeof picklistLabels>} picklist
 */
export function buildSummary(detail, current, config, picklist) {
    const types = config.customerTypes;
    const sharePercent = wholePercentFromStored(detail.share);
    const cadence = config.valueTypes[detail.valueType];
    const isEstimate = detail.potentialSource === config.potentialSourceLabels.estimated;
    const outdated = current !== null && isOutdated(detail, current, config);
    const describesStored = current !== null && !outdated;
    const outdatedLabel = detail.locked ? LABELS.outdatedLocked : LABELS.outdated;
    return {
        badge: customerTypeBadge(detail.customerType, detail.customerTypeLabel, config),
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
        // The stored Classification_Reason__c is in the language the command writes (Dutch): the panel words the
        // explanation itself, in the user's language, and only when it describes the values shown.
        reason: describesStored
            ? explanationText(current.potential, current.classification.customerType, config, picklist)
            : null,
        classifiedAt: detail.classifiedAt,
        locked: detail.locked,
        // A locked record does not move, whatever its potential does.
        moves: describesStored && !detail.locked ? movesFor(current.potential, config, picklist) : [],
        outdatedText: outdated ? formatLabel(outdatedLabel, currentText(current, picklist)) : null
    };
}

/**
 * One brand detail's own status: growth, visits and whether sales locked it. Dates stay ISO for
 * lightning-formatted-date-time.
 * @param {ReturnType<typeof readBrandDetail>} detail
 * @param {object} config
 * @param {string} today YYYY-MM-DD in the user's time zone
 */
export function buildStatus(detail, config, today) {
    const due = nextVisitDue(detail.lastVisitDate, detail.valueType, config);
    const never = !detail.lastVisitDate;
    return {
        id: detail.id,
        brandText: detail.brandLabel ?? detail.name ?? '',
        growthText: detail.growthLabel ?? LABELS.notFilled,
        lastVisitDate: detail.lastVisitDate,
        nextVisitDue: due,
        // Without a visit there is no date to show; without a klanttype there is no cadence to count from.
        nextVisitText: never ? LABELS.neverVisited : LABELS.notClassified,
        // Without a klanttype there is no cadence, so only a missing visit can be called late.
        overdue: never || (due !== null && isVisitOverdue(due, today)),
        locked: detail.locked,
        badge: customerTypeBadge(detail.customerType, detail.customerTypeLabel, config)
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
                units: row.units,
                sourceText: row.sourceLabel ?? LABELS.notFilled,
                isEstimate: row.source === config.potentialSources.estimate
            })),
            totalText: formatLabel(LABELS.groupTotal, name),
            totalUnits: potential.total,
            shareText: share === null ? '' : formatLabel(LABELS.groupVgShare, share)
        };
    });
}
