/**
 * Every text the segmentation panels show, as Custom Labels (Dutch by default, English in the en_US
 * translation). One module so that each component imports the labels by name instead of repeating dozens of
 * @salesforce/label imports, and so that a test can check every label exists in both languages.
 */
import brandDetailsEmpty from '@salesforce/label/c.Seg_BrandDetailsEmpty';
import brandDetailsHeading from '@salesforce/label/c.Seg_BrandDetailsHeading';
import brandDetailsLoadError from '@salesforce/label/c.Seg_BrandDetailsLoadError';
import brandPanelTitle from '@salesforce/label/c.Seg_BrandPanelTitle';
import configError from '@salesforce/label/c.Seg_ConfigError';
import configHttp from '@salesforce/label/c.Seg_ConfigHttp';
import configNotJson from '@salesforce/label/c.Seg_ConfigNotJson';
import estimateBadge from '@salesforce/label/c.Seg_EstimateBadge';
import fieldBoilerPotential from '@salesforce/label/c.Seg_FieldBoilerPotential';
import fieldBrand from '@salesforce/label/c.Seg_FieldBrand';
import fieldClassifiedAt from '@salesforce/label/c.Seg_FieldClassifiedAt';
import fieldCompanySize from '@salesforce/label/c.Seg_FieldCompanySize';
import fieldCustomerType from '@salesforce/label/c.Seg_FieldCustomerType';
import fieldGrowth from '@salesforce/label/c.Seg_FieldGrowth';
import fieldLastVisit from '@salesforce/label/c.Seg_FieldLastVisit';
import fieldLocked from '@salesforce/label/c.Seg_FieldLocked';
import fieldMarketType from '@salesforce/label/c.Seg_FieldMarketType';
import fieldNextVisit from '@salesforce/label/c.Seg_FieldNextVisit';
import fieldPotentialSource from '@salesforce/label/c.Seg_FieldPotentialSource';
import fieldReason from '@salesforce/label/c.Seg_FieldReason';
import fieldRevenue from '@salesforce/label/c.Seg_FieldRevenue';
import fieldSegment from '@salesforce/label/c.Seg_FieldSegment';
import fieldShare from '@salesforce/label/c.Seg_FieldShare';
import fieldSource from '@salesforce/label/c.Seg_FieldSource';
import fieldUnits from '@salesforce/label/c.Seg_FieldUnits';
import fieldValueType from '@salesforce/label/c.Seg_FieldValueType';
import fieldVgUnits12m from '@salesforce/label/c.Seg_FieldVgUnits12m';
import groupEmpty from '@salesforce/label/c.Seg_GroupEmpty';
import groupTotal from '@salesforce/label/c.Seg_GroupTotal';
import groupVgShare from '@salesforce/label/c.Seg_GroupVgShare';
import hideDetails from '@salesforce/label/c.Seg_HideDetails';
import inputsHeading from '@salesforce/label/c.Seg_InputsHeading';
import loadError from '@salesforce/label/c.Seg_LoadError';
import loading from '@salesforce/label/c.Seg_Loading';
import loadingPotential from '@salesforce/label/c.Seg_LoadingPotential';
import lockedHelp from '@salesforce/label/c.Seg_LockedHelp';
import moveDownMany from '@salesforce/label/c.Seg_MoveDownMany';
import moveDownOne from '@salesforce/label/c.Seg_MoveDownOne';
import moveUpMany from '@salesforce/label/c.Seg_MoveUpMany';
import moveUpOne from '@salesforce/label/c.Seg_MoveUpOne';
import movesHeading from '@salesforce/label/c.Seg_MovesHeading';
import movesNote from '@salesforce/label/c.Seg_MovesNote';
import neverVisited from '@salesforce/label/c.Seg_NeverVisited';
import noAccessBrandDetails from '@salesforce/label/c.Seg_NoAccessBrandDetails';
import noAccessFields from '@salesforce/label/c.Seg_NoAccessFields';
import noAccessInputs from '@salesforce/label/c.Seg_NoAccessInputs';
import noAccessPotential from '@salesforce/label/c.Seg_NoAccessPotential';
import noAccessRecord from '@salesforce/label/c.Seg_NoAccessRecord';
import noCustomerType from '@salesforce/label/c.Seg_NoCustomerType';
import noSegment from '@salesforce/label/c.Seg_NoSegment';
import noShare from '@salesforce/label/c.Seg_NoShare';
import notClassified from '@salesforce/label/c.Seg_NotClassified';
import notFilled from '@salesforce/label/c.Seg_NotFilled';
import noteSegment from '@salesforce/label/c.Seg_NoteSegment';
import outdated from '@salesforce/label/c.Seg_Outdated';
import outdatedLocked from '@salesforce/label/c.Seg_OutdatedLocked';
import panelTitle from '@salesforce/label/c.Seg_PanelTitle';
import potentialCaption from '@salesforce/label/c.Seg_PotentialCaption';
import potentialEmpty from '@salesforce/label/c.Seg_PotentialEmpty';
import potentialEmptyHint from '@salesforce/label/c.Seg_PotentialEmptyHint';
import potentialHeading from '@salesforce/label/c.Seg_PotentialHeading';
import potentialLoadError from '@salesforce/label/c.Seg_PotentialLoadError';
import reasonEstimate from '@salesforce/label/c.Seg_ReasonEstimate';
import reasonMoveDown from '@salesforce/label/c.Seg_ReasonMoveDown';
import reasonMoveUp from '@salesforce/label/c.Seg_ReasonMoveUp';
import reasonNoPotential from '@salesforce/label/c.Seg_ReasonNoPotential';
import reasonNoSegment from '@salesforce/label/c.Seg_ReasonNoSegment';
import reasonSegment from '@salesforce/label/c.Seg_ReasonSegment';
import reasonSegmentOpen from '@salesforce/label/c.Seg_ReasonSegmentOpen';
import reasonSegmentRange from '@salesforce/label/c.Seg_ReasonSegmentRange';
import reasonShare from '@salesforce/label/c.Seg_ReasonShare';
import reasonShareRange from '@salesforce/label/c.Seg_ReasonShareRange';
import reasonVgUnitsMany from '@salesforce/label/c.Seg_ReasonVgUnitsMany';
import reasonVgUnitsOne from '@salesforce/label/c.Seg_ReasonVgUnitsOne';
import reasonWinBackRange from '@salesforce/label/c.Seg_ReasonWinBackRange';
import segmentTop from '@salesforce/label/c.Seg_SegmentTop';
import segmentUpMany from '@salesforce/label/c.Seg_SegmentUpMany';
import segmentUpOne from '@salesforce/label/c.Seg_SegmentUpOne';
import shareValueText from '@salesforce/label/c.Seg_ShareValueText';
import showDetails from '@salesforce/label/c.Seg_ShowDetails';
import strategy from '@salesforce/label/c.Seg_Strategy';
import units from '@salesforce/label/c.Seg_Units';
import unitsOne from '@salesforce/label/c.Seg_UnitsOne';
import vgTag from '@salesforce/label/c.Seg_VgTag';
import viewHistory from '@salesforce/label/c.Seg_ViewHistory';
import visitCadence from '@salesforce/label/c.Seg_VisitCadence';
import visitOverdue from '@salesforce/label/c.Seg_VisitOverdue';

export const LABELS = Object.freeze({
    brandDetailsEmpty,
    brandDetailsHeading,
    brandDetailsLoadError,
    brandPanelTitle,
    configError,
    configHttp,
    configNotJson,
    estimateBadge,
    fieldBoilerPotential,
    fieldBrand,
    fieldClassifiedAt,
    fieldCompanySize,
    fieldCustomerType,
    fieldGrowth,
    fieldLastVisit,
    fieldLocked,
    fieldMarketType,
    fieldNextVisit,
    fieldPotentialSource,
    fieldReason,
    fieldRevenue,
    fieldSegment,
    fieldShare,
    fieldSource,
    fieldUnits,
    fieldValueType,
    fieldVgUnits12m,
    groupEmpty,
    groupTotal,
    groupVgShare,
    hideDetails,
    inputsHeading,
    loadError,
    loading,
    loadingPotential,
    lockedHelp,
    moveDownMany,
    moveDownOne,
    moveUpMany,
    moveUpOne,
    movesHeading,
    movesNote,
    neverVisited,
    noAccessBrandDetails,
    noAccessFields,
    noAccessInputs,
    noAccessPotential,
    noAccessRecord,
    noCustomerType,
    noSegment,
    noShare,
    notClassified,
    notFilled,
    noteSegment,
    outdated,
    outdatedLocked,
    panelTitle,
    potentialCaption,
    potentialEmpty,
    potentialEmptyHint,
    potentialHeading,
    potentialLoadError,
    reasonEstimate,
    reasonMoveDown,
    reasonMoveUp,
    reasonNoPotential,
    reasonNoSegment,
    reasonSegment,
    reasonSegmentOpen,
    reasonSegmentRange,
    reasonShare,
    reasonShareRange,
    reasonVgUnitsMany,
    reasonVgUnitsOne,
    reasonWinBackRange,
    segmentTop,
    segmentUpMany,
    segmentUpOne,
    shareValueText,
    showDetails,
    strategy,
    units,
    unitsOne,
    vgTag,
    viewHistory,
    visitCadence,
    visitOverdue
});

/**
 * Fills the {0}, {1}, … placeholders of a label, the way Salesforce labels are written.
 * @param {string} template
 * @param {...(string | number)} values
 * @returns {string}
 */
export function formatLabel(template, ...values) {
    return template.replace(/\{(\d+)\}/g, (placeholder, index) => {
        const value = values[Number(index)];
        return value === undefined || value === null ? placeholder : String(value);
    });
}

/**
 * Picks the singular or plural label for a count: Dutch and English both say "1 ketel" but "2 ketels".
 * The plural label gets the count as {0}, followed by the other values.
 * @param {number} count
 * @param {string} one label for exactly one; its placeholders start at {0} with the first other value
 * @param {string} many label for any other count; {0} is the count
 * @param {...(string | number)} values
 */
export function countLabel(count, one, many, ...values) {
    return count === 1 ? formatLabel(one, ...values) : formatLabel(many, count, ...values);
}
