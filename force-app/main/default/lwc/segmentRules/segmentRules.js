/**
 * The segmentation rules: the one place where Type klant, segment, VG share, klanttype and the explanation are
 * decided. Pure functions, no I/O. Used by the panels (as `c/segmentRules`) and by the nightly reclassification
 * (imported by relative path and type-checked by tsc), so the two can never disagree.
 *
 * Every number comes from the segmentation config (static resource `segmentationConfig`).
 * Units are whole numbers, so share thresholds are compared with integer arithmetic: float rounding must
 * never move a record across the 5% or 75% boundary.
 */

/**
 * @typedef {object} SegmentDef
 * @property {string} name
 * @property {number} minUnits
 *
 * @typedef {object} ValueTypeDef
 * @property {string} strategy
 * @property {number} visitEveryDays
 *
 * @typedef {object} SegmentationConfig
 * @property {number} version
 * @property {string[]} productGroups
 * @property {string} boilerProductGroup
 * @property {string[]} vgBrands
 * @property {string[]} competitorBrands
 * @property {{sales: string, estimate: string}} potentialSources
 * @property {{entered: string, estimated: string}} potentialSourceLabels
 * @property {{winBack: string, get: string, grow: string, keep: string, growFromPercent: number, keepFromPercent: number}} customerTypes
 * @property {SegmentDef[]} segments ascending by minUnits
 * @property {{midFromRevenue: number, highAboveRevenue: number}} valueBands
 * @property {Record<string, (string|null)[]>} potentialBands potential band -> segments (null = no segment)
 * @property {Record<string, Record<string, string>>} valueTypeMatrix value band -> potential band -> klanttype
 * @property {Record<string, ValueTypeDef>} valueTypes
 * @property {{minTrainingInstallers: number, folds: number}} estimate
 *
 * @typedef {object} PotentialRow
 * @property {string} productGroup
 * @property {string} brand
 * @property {number} units whole, >= 0
 * @property {string | null} source
 *
 * @typedef {object} BoilerPotential compact per-installer aggregate of its boiler potential rows
 * @property {number} total all brands' boiler units (T)
 * @property {number} vg Vaillant Group boiler units
 * @property {boolean} enteredBySales at least one boiler row has source Sales
 *
 * @typedef {object} InstallerInputs
 * @property {number | null} revenue12m Revenue_12M__c
 * @property {number | null} vgUnits12m VG_Units_12M__c
 * @property {boolean} everHadShare VG_Ever_Had_Share__c as stored (on any of its brand details)
 *
 * @typedef {object} Classification the VG-level classification of one installer
 * @property {string | null} customerType
 * @property {string | null} segment
 * @property {number | null} sharePercent VG share in percent units, two decimals (null when T = 0)
 * @property {number} boilerPotential
 * @property {string} potentialSource
 * @property {string} valueType
 * @property {boolean} everHadShare
 * @property {string} reason
 * @property {number | null} vgUnitsToNextType the VG boilers of the smallest step up (null at Keep or without potential)
 *
 * @typedef {Record<string, string | number | boolean | null>} FieldValues API name -> value
 */

const BASIS_POINTS = 10000;
const REASON_MAX_LENGTH = 255;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Percent threshold from the config in basis points (5 -> 500, 7.5 -> 750), so comparisons stay integral.
 * @param {number} percent
 */
function basisPoints(percent) {
    return Math.round(percent * 100);
}

/**
 * Exact integer division rounded half up; a and b are non-negative integers below 2^53.
 * @param {number} a
 * @param {number} b
 */
function divideHalfUp(a, b) {
    const doubled = 2 * a + b;
    return (doubled - (doubled % (2 * b))) / (2 * b);
}

/** @returns {BoilerPotential} */
export function emptyBoilerPotential() {
    return { total: 0, vg: 0, enteredBySales: false };
}

/**
 * Whether a potential row counts towards the boiler potential T: rows of other product groups do not.
 * @param {Pick<PotentialRow, 'productGroup'>} row
 * @param {SegmentationConfig} config
 */
export function isBoilerRow(row, config) {
    return row.productGroup === config.boilerProductGroup;
}

/**
 * Whether a potential row was entered by sales (and so is never estimated over).
 * @param {Pick<PotentialRow, 'source'>} row
 * @param {SegmentationConfig} config
 */
export function isEnteredBySales(row, config) {
    return row.source === config.potentialSources.sales;
}

/**
 * Adds one potential row to an installer's aggregate (streaming-friendly: no rows are kept).
 * Rows of other product groups do not count towards the boiler potential.
 * @param {BoilerPotential} aggregate mutated
 * @param {PotentialRow} row
 * @param {SegmentationConfig} config
 * @returns {BoilerPotential}
 */
export function addPotentialRow(aggregate, row, config) {
    if (!isBoilerRow(row, config)) {
        return aggregate;
    }
    aggregate.total += row.units;
    if (config.vgBrands.includes(row.brand)) {
        aggregate.vg += row.units;
    }
    if (isEnteredBySales(row, config)) {
        aggregate.enteredBySales = true;
    }
    return aggregate;
}

/**
 * @param {PotentialRow[]} rows
 * @param {SegmentationConfig} config
 * @returns {BoilerPotential}
 */
export function aggregatePotential(rows, config) {
    return rows.reduce((aggregate, row) => addPotentialRow(aggregate, row, config), emptyBoilerPotential());
}

/**
 * VG share in percent units with two decimals, half up (1 of 21 -> 4.76); null when there is no potential.
 * @param {number} vg
 * @param {number} total
 */
export function sharePercent(vg, total) {
    return total > 0 ? divideHalfUp(vg * BASIS_POINTS, total) / 100 : null;
}

/**
 * VG share in whole percent, half up, as the panels show it; null when there is no potential.
 * @param {number} vg
 * @param {number} total
 */
export function wholeSharePercent(vg, total) {
    return total > 0 ? divideHalfUp(vg * 100, total) : null;
}

/**
 * Type klant from the exact share vg / total.
 * @param {number} vg
 * @param {number} total
 * @param {boolean} everHadShare
 * @param {SegmentationConfig} config
 * @returns {string | null} null when total = 0
 */
export function customerType(vg, total, everHadShare, config) {
    const types = config.customerTypes;
    if (total <= 0) {
        return null;
    }
    if (vg === 0) {
        return everHadShare ? types.winBack : types.get;
    }
    const scaledShare = vg * BASIS_POINTS;
    if (scaledShare < basisPoints(types.growFromPercent) * total) {
        return types.get;
    }
    if (scaledShare < basisPoints(types.keepFromPercent) * total) {
        return types.grow;
    }
    return types.keep;
}

/**
 * Least VG units (at the same total) for a share of at least `percent`.
 * @param {number} percent
 * @param {number} total
 */
export function vgUnitsForShare(percent, total) {
    const needed = basisPoints(percent) * total;
    return (needed - (needed % BASIS_POINTS)) / BASIS_POINTS + (needed % BASIS_POINTS === 0 ? 0 : 1);
}

/**
 * @param {number} total
 * @param {SegmentationConfig} config
 * @returns {SegmentDef | null} the highest segment whose floor the total reaches
 */
function segmentFor(total, config) {
    let found = null;
    for (const segment of config.segments) {
        if (total >= segment.minUnits) {
            found = segment;
        }
    }
    return found;
}

/**
 * Totale potentie segment: the highest segment whose floor the total reaches; null below the lowest floor.
 * @param {number} total
 * @param {SegmentationConfig} config
 */
export function potentialSegment(total, config) {
    return segmentFor(total, config)?.name ?? null;
}

/**
 * The next segment up and how many boilers it needs, or null at the top.
 * @param {number} total
 * @param {SegmentationConfig} config
 * @returns {{segment: string, unitsNeeded: number} | null}
 */
export function nextSegment(total, config) {
    const next = config.segments.find((segment) => segment.minUnits > total);
    return next ? { segment: next.name, unitsNeeded: next.minUnits - total } : null;
}

/**
 * Potentie berekening.
 * @param {BoilerPotential} potential
 * @param {SegmentationConfig} config
 */
export function potentialSource(potential, config) {
    const labels = config.potentialSourceLabels;
    return potential.enteredBySales ? labels.entered : labels.estimated;
}

/**
 * Value band from the revenue with VG in the last 12 months; no revenue recorded counts as none.
 * @param {number | null} revenue
 * @param {SegmentationConfig} config
 */
export function valueBand(revenue, config) {
    const amount = revenue ?? 0;
    if (amount > config.valueBands.highAboveRevenue) {
        return 'Hoog';
    }
    return amount >= config.valueBands.midFromRevenue ? 'Midden' : 'Laag';
}

/**
 * The potential band a segment falls in.
 * @param {string | null} segment
 * @param {SegmentationConfig} config
 */
export function potentialBand(segment, config) {
    const band = Object.keys(config.potentialBands).find((name) =>
        config.potentialBands[name]?.includes(segment)
    );
    if (!band) {
        throw new Error(`segmentationConfig: segment ${segment ?? '(none)'} is in no potential band`);
    }
    return band;
}

/**
 * Klanttype (waarde x potentie).
 * @param {number | null} revenue
 * @param {string | null} segment
 * @param {SegmentationConfig} config
 */
export function valueType(revenue, segment, config) {
    const byPotential = config.valueTypeMatrix[valueBand(revenue, config)];
    const type = byPotential?.[potentialBand(segment, config)];
    if (!type) {
        throw new Error('segmentationConfig: the klanttype matrix has no cell for this value and potential');
    }
    return type;
}

/**
 * Last visit + the cadence of the klanttype, as YYYY-MM-DD; null when there never was a visit.
 * @param {string | null} lastVisitDate YYYY-MM-DD
 * @param {string} type klanttype
 * @param {SegmentationConfig} config
 */
export function nextVisitDue(lastVisitDate, type, config) {
    const cadence = config.valueTypes[type];
    if (!lastVisitDate || !cadence) {
        return null;
    }
    const due = new Date(Date.parse(`${lastVisitDate}T00:00:00Z`) + cadence.visitEveryDays * DAY_MS);
    return due.toISOString().slice(0, 10);
}

/**
 * A visit is overdue when its due date has passed, or when there never was a visit.
 * @param {string | null} dueDate YYYY-MM-DD
 * @param {string} today YYYY-MM-DD
 */
export function isVisitOverdue(dueDate, today) {
    return dueDate === null || dueDate < today;
}

/**
 * What would move the type: the other type and the VG units (at the same total) where it starts or ends.
 * @param {number} vg
 * @param {number} total
 * @param {SegmentationConfig} config
 * @returns {{type: string, vgUnits: number, direction: 'up' | 'down'} | null}
 */
export function typeMove(vg, total, config) {
    const types = config.customerTypes;
    if (total <= 0) {
        return null;
    }
    const growFrom = vgUnitsForShare(types.growFromPercent, total);
    const keepFrom = vgUnitsForShare(types.keepFromPercent, total);
    if (vg >= keepFrom) {
        return { type: types.grow, vgUnits: keepFrom, direction: 'down' };
    }
    if (vg >= growFrom) {
        return { type: types.keep, vgUnits: keepFrom, direction: 'up' };
    }
    // With a tiny total the Grow and Keep floors can coincide (1 of 1 is already Keep).
    const next = growFrom >= keepFrom ? types.keep : types.grow;
    return { type: next, vgUnits: Math.max(growFrom, 1), direction: 'up' };
}

/**
 * @param {SegmentDef} segment
 * @param {SegmentationConfig} config
 */
function segmentRange(segment, config) {
    const next = config.segments.find((candidate) => candidate.minUnits > segment.minUnits);
    return next ? `${segment.minUnits}–${next.minUnits - 1}` : `${segment.minUnits} of meer`;
}

/**
 * The Dutch explanation sentence: the numbers behind the label and what would move it (max 255 characters).
 * @param {BoilerPotential} potential
 * @param {string | null} type
 * @param {SegmentationConfig} config
 */
export function explain(potential, type, config) {
    const { total, vg } = potential;
    const types = config.customerTypes;
    if (total <= 0) {
        return 'Geen ketelpotentie bekend: geen type klant en geen segment.';
    }
    const segment = segmentFor(total, config);
    const bounds = {
        [types.winBack]: `0%, eerder wel VG`,
        [types.get]: `0–${types.growFromPercent}%`,
        [types.grow]: `${types.growFromPercent}–${types.keepFromPercent}%`,
        [types.keep]: `${types.keepFromPercent}–100%`
    };
    const parts = [
        `VG ${vg} van ${total} ketels (${wholeSharePercent(vg, total)}%): ${type} (${bounds[type ?? ''] ?? ''}).`,
        segment ? `Segment ${segment.name} (${segmentRange(segment, config)}).` : 'Geen segment.'
    ];
    const move = typeMove(vg, total, config);
    if (move) {
        const units = `${move.vgUnits} ${move.vgUnits === 1 ? 'VG-ketel' : 'VG-ketels'}`;
        parts.push(`${move.type} ${move.direction === 'up' ? 'vanaf' : 'onder'} ${units}.`);
    }
    if (!potential.enteredBySales) {
        parts.push('Potentie is een schatting.');
    }
    return parts.join(' ').slice(0, REASON_MAX_LENGTH);
}

/**
 * Whether a move from one Type klant to another is a step down for VG (Keep -> Grow, Grow -> Get, anything ->
 * Win-back): the moves a sales manager wants to see first.
 * @param {string | null} from
 * @param {string | null} to
 * @param {SegmentationConfig} config
 */
export function isDowngrade(from, to, config) {
    const rank = customerTypeOrder(config);
    return from !== null && to !== null && rank.indexOf(to) < rank.indexOf(from);
}

/**
 * The Type klant values from worst to best for VG (Win-back, Get, Grow, Keep): the order of every table and
 * of every "went down" comparison.
 * @param {SegmentationConfig} config
 * @returns {string[]}
 */
export function customerTypeOrder(config) {
    const { winBack, get, grow, keep } = config.customerTypes;
    return [winBack, get, grow, keep];
}

/**
 * Whether VG ever had a share of this installer (VG_Ever_Had_Share__c after tonight): as stored, or VG units in
 * its boiler potential now, or VG boilers bought in the last 12 months. The package never sets it back.
 * @param {Pick<InstallerInputs, 'everHadShare' | 'vgUnits12m'>} installer
 * @param {Pick<BoilerPotential, 'vg'>} potential
 */
export function vgEverHadShare(installer, potential) {
    return installer.everHadShare || potential.vg > 0 || (installer.vgUnits12m ?? 0) > 0;
}

/**
 * The VG-level classification of one installer.
 * @param {InstallerInputs} installer
 * @param {BoilerPotential} potential
 * @param {SegmentationConfig} config
 * @returns {Classification}
 */
export function classify(installer, potential, config) {
    const everHadShare = vgEverHadShare(installer, potential);
    const type = customerType(potential.vg, potential.total, everHadShare, config);
    const segment = potentialSegment(potential.total, config);
    return {
        customerType: type,
        segment,
        sharePercent: sharePercent(potential.vg, potential.total),
        boilerPotential: potential.total,
        potentialSource: potentialSource(potential, config),
        valueType: valueType(installer.revenue12m, segment, config),
        everHadShare,
        reason: explain(potential, type, config),
        vgUnitsToNextType: stepUp(potential.vg, potential.total, config)?.units ?? null
    };
}

/** Brand_Detail__c fields the package computes; every one is read-only for account managers. */
export const CLASSIFICATION_FIELDS = Object.freeze([
    'Customer_Type__c',
    'Potential_Segment__c',
    'VG_Potential_Share__c',
    'Boiler_Potential__c',
    'Potential_Source__c',
    'Value_Type__c',
    'VG_Ever_Had_Share__c',
    'Classification_Reason__c',
    'Next_Visit_Due__c',
    'VG_Units_To_Next_Type__c'
]);

/** Bookkeeping fields written alongside a change, never compared. */
export const CHANGE_TRACKING_FIELDS = Object.freeze([
    'Classified_At__c',
    'Previous_Customer_Type__c',
    'Customer_Type_Changed_On__c'
]);

/** Every Brand_Detail__c field the package owns (and so the only ones it may write). */
export const OWNED_FIELDS = Object.freeze([...CLASSIFICATION_FIELDS, ...CHANGE_TRACKING_FIELDS]);

/** Decimal places of the numeric owned fields, so stored and computed values compare at the field's scale. */
export const FIELD_SCALE = Object.freeze({
    VG_Potential_Share__c: 2,
    Boiler_Potential__c: 0,
    VG_Units_To_Next_Type__c: 0
});

/**
 * The owned field values one brand detail should carry.
 * @param {Classification} classification
 * @param {string | null} lastVisitDate YYYY-MM-DD
 * @param {SegmentationConfig} config
 * @returns {FieldValues}
 */
export function brandDetailFields(classification, lastVisitDate, config) {
    return {
        Customer_Type__c: classification.customerType,
        Potential_Segment__c: classification.segment,
        VG_Potential_Share__c: classification.sharePercent,
        Boiler_Potential__c: classification.boilerPotential,
        Potential_Source__c: classification.potentialSource,
        Value_Type__c: classification.valueType,
        VG_Ever_Had_Share__c: classification.everHadShare,
        Classification_Reason__c: classification.reason,
        Next_Visit_Due__c: nextVisitDue(lastVisitDate, classification.valueType, config),
        VG_Units_To_Next_Type__c: classification.vgUnitsToNextType
    };
}

/**
 * @param {string} field
 * @param {string | number | boolean | null | undefined} value
 */
function comparable(field, value) {
    if (value === undefined || value === null || value === '') {
        return null;
    }
    const scale = FIELD_SCALE[/** @type {keyof typeof FIELD_SCALE} */ (field)];
    if (scale !== undefined) {
        const factor = 10 ** scale;
        return Math.round(Number(value) * factor) / factor;
    }
    return value;
}

/**
 * What to write to one brand detail: only the owned fields whose value changes, plus the change bookkeeping;
 * null when nothing changes or the record is locked by sales (Handmatig vastgezet).
 * @param {FieldValues} current the record as stored (at least the owned fields and Classification_Locked__c)
 * @param {FieldValues} computed from brandDetailFields
 * @param {{now: string, today: string}} clock ISO date-time of this run, and its date (YYYY-MM-DD)
 * @returns {FieldValues | null}
 */
export function plannedUpdate(current, computed, clock) {
    if (current.Classification_Locked__c === true) {
        return null;
    }
    /** @type {FieldValues} */
    const changes = {};
    for (const field of CLASSIFICATION_FIELDS) {
        const next = comparable(field, computed[field]);
        if (comparable(field, current[field]) !== next) {
            changes[field] = next;
        }
    }
    if (Object.keys(changes).length === 0) {
        return null;
    }
    changes.Classified_At__c = clock.now;
    if ('Customer_Type__c' in changes && comparable('Customer_Type__c', current.Customer_Type__c) !== null) {
        changes.Previous_Customer_Type__c = current.Customer_Type__c ?? null;
        changes.Customer_Type_Changed_On__c = clock.today;
    }
    return changes;
}

/**
 * A stored percent (two decimals, such as VG_Potential_Share__c) in whole percent, half up, as the panels
 * show it. Works on hundredths so that 4.5 reads 5 and 74.49 reads 74 without float surprises.
 * @param {number | null | undefined} storedPercent
 * @returns {number | null}
 */
export function wholePercentFromStored(storedPercent) {
    if (storedPercent === null || storedPercent === undefined || Number.isNaN(storedPercent)) {
        return null;
    }
    const hundredths = Math.max(0, Math.round(storedPercent * 100));
    return divideHalfUp(hundredths, 100);
}

/**
 * How many VG boilers (at the same total) would change the type klant, and into what: the count the panels
 * show as "nog N VG-ketels tot Keep" (up) or "bij N VG-ketels minder: Grow" (down). Null without potential.
 * @param {number} vg
 * @param {number} total
 * @param {SegmentationConfig} config
 * @returns {{type: string, units: number, direction: 'up' | 'down'} | null}
 */
export function vgUnitsToTypeChange(vg, total, config) {
    const move = typeMove(vg, total, config);
    if (!move) {
        return null;
    }
    const units = move.direction === 'up' ? move.vgUnits - vg : vg - move.vgUnits + 1;
    const landing = move.direction === 'up' ? vg + units : vg - units;
    // The type where the move lands, not move.type: with a total of 1 the Grow and Keep floors coincide, so
    // one VG boiler is already Keep and losing it is Win-back. VG had a share at one end of every move.
    return {
        type: customerType(landing, total, true, config) ?? move.type,
        units,
        direction: move.direction
    };
}

/**
 * The smallest step up: how many VG boilers (at the same total) lift the installer to a higher type klant, and
 * which type that is. Null at the top type and without potential. The nightly run stores the count
 * (VG_Units_To_Next_Type__c), so that the worklist can sort and page its "Nog 3 VG-ketels tot Keep" on the server.
 * @param {number} vg
 * @param {number} total
 * @param {SegmentationConfig} config
 * @returns {{type: string, units: number} | null}
 */
export function stepUp(vg, total, config) {
    const change = vgUnitsToTypeChange(vg, total, config);
    return change?.direction === 'up' ? { type: change.type, units: change.units } : null;
}

/**
 * The type klant that the smallest step up from a stored type reaches at this total. It is the same from every
 * VG count of that type (each step up ends on the floor of the type above), so the worklist can name it beside
 * the stored count without knowing the VG boilers. Null at the top type, without potential or for no type.
 * @param {string | null} type a stored Type klant
 * @param {number} total
 * @param {SegmentationConfig} config
 * @returns {string | null}
 */
export function stepUpType(type, total, config) {
    const { winBack, get, grow, keep, growFromPercent, keepFromPercent } = config.customerTypes;
    const floors = new Map([
        [winBack, 0],
        [get, 0],
        [grow, growFromPercent],
        [keep, keepFromPercent]
    ]);
    const floor = floors.get(type ?? '');
    return floor === undefined ? null : (stepUp(vgUnitsForShare(floor, total), total, config)?.type ?? null);
}

/**
 * The potential of any one product group, all brands and VG, by the same counting as the boiler potential:
 * the panels show it per group next to the boilers the rules classify on.
 * @param {PotentialRow[]} rows
 * @param {string} productGroup
 * @param {SegmentationConfig} config
 * @returns {BoilerPotential}
 */
export function productGroupPotential(rows, productGroup, config) {
    return aggregatePotential(rows, { ...config, boilerProductGroup: productGroup });
}
