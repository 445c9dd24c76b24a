import LOCALE from '@salesforce/i18n/locale';
import TIME_ZONE from '@salesforce/i18n/timeZone';
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
 * The view models the segmentation panels render, from the plain values c/installerRecords reads. Every rule
 * comes from c/segmentRules; this module only arranges and words the results, in the user's language.
 */

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
 * What tonight's run will compute for the installer, with the boiler potential it comes from: the rules
 * module's own classify, so the panel and the command cannot disagree.
 * @param {import('../segmentRules/segmentRules.js').InstallerInputs} installer from readInstaller (c/installerRecords)
 * @param {import('../segmentRules/segmentRules.js').PotentialRow[]} rows from readPotentialRows (c/installerRecords)
 * @param {object} config
 */
export function currentClassification(installer, rows, config) {
    const potential = aggregatePotential(rows, config);
    return { potential, classification: classify(installer, potential, config) };
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
 * @param {{customerType: Function, segment: Function, valueType: Function}} picklist from picklistLabels (c/installerRecords)
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
 * @param {object} detail from readBrandDetail (c/installerRecords) the brand detail whose stored values are shown
 * @param {ReturnType<typeof currentClassification> | null} current null while unknown (not loaded or not readable)
 * @param {object} config
 * @param {{customerType: Function, segment: Function, valueType: Function}} picklist from picklistLabels (c/installerRecords)
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
 * @param {object} detail from readBrandDetail (c/installerRecords)
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
 * @param {import('../segmentRules/segmentRules.js').PotentialRow[]} rows from readPotentialRows (c/installerRecords)
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
