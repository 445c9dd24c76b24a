/**
 * Every text the segmentation panels show, as Custom Labels (Dutch by default, English in the en_US
 * translation). One module so that each component imports the labels by name instead of repeating dozens of
 * @salesforce/label imports, and so that a test can check every label exists in both languages.
 */
import panelTitle from '@salesforce/label/c.Seg_PanelTitle';
import brandPanelTitle from '@salesforce/label/c.Seg_BrandPanelTitle';
import loading from '@salesforce/label/c.Seg_Loading';
import loadingPotential from '@salesforce/label/c.Seg_LoadingPotential';
import loadError from '@salesforce/label/c.Seg_LoadError';
import potentialLoadError from '@salesforce/label/c.Seg_PotentialLoadError';
import brandDetailsLoadError from '@salesforce/label/c.Seg_BrandDetailsLoadError';
import showDetails from '@salesforce/label/c.Seg_ShowDetails';
import hideDetails from '@salesforce/label/c.Seg_HideDetails';
import configError from '@salesforce/label/c.Seg_ConfigError';
import configHttp from '@salesforce/label/c.Seg_ConfigHttp';
import configNotJson from '@salesforce/label/c.Seg_ConfigNotJson';
import configVersion from '@salesforce/label/c.Seg_ConfigVersion';
import configKey from '@salesforce/label/c.Seg_ConfigKey';
import noAccessFields from '@salesforce/label/c.Seg_NoAccessFields';
import noAccessRecord from '@salesforce/label/c.Seg_NoAccessRecord';
import noAccessPotential from '@salesforce/label/c.Seg_NoAccessPotential';
import noAccessBrandDetails from '@salesforce/label/c.Seg_NoAccessBrandDetails';
import fieldCustomerType from '@salesforce/label/c.Seg_FieldCustomerType';
import fieldSegment from '@salesforce/label/c.Seg_FieldSegment';
import fieldShare from '@salesforce/label/c.Seg_FieldShare';
import fieldBoilerPotential from '@salesforce/label/c.Seg_FieldBoilerPotential';
import fieldPotentialSource from '@salesforce/label/c.Seg_FieldPotentialSource';
import fieldGrowth from '@salesforce/label/c.Seg_FieldGrowth';
import fieldValueType from '@salesforce/label/c.Seg_FieldValueType';
import fieldNextVisit from '@salesforce/label/c.Seg_FieldNextVisit';
import fieldLastVisit from '@salesforce/label/c.Seg_FieldLastVisit';
import fieldReason from '@salesforce/label/c.Seg_FieldReason';
import fieldClassifiedAt from '@salesforce/label/c.Seg_FieldClassifiedAt';
import fieldLocked from '@salesforce/label/c.Seg_FieldLocked';
import fieldCompanySize from '@salesforce/label/c.Seg_FieldCompanySize';
import fieldMarketType from '@salesforce/label/c.Seg_FieldMarketType';
import fieldRevenue from '@salesforce/label/c.Seg_FieldRevenue';
import fieldBrand from '@salesforce/label/c.Seg_FieldBrand';
import fieldUnits from '@salesforce/label/c.Seg_FieldUnits';
import fieldSource from '@salesforce/label/c.Seg_FieldSource';
import noCustomerType from '@salesforce/label/c.Seg_NoCustomerType';
import noSegment from '@salesforce/label/c.Seg_NoSegment';
import noShare from '@salesforce/label/c.Seg_NoShare';
import notFilled from '@salesforce/label/c.Seg_NotFilled';
import notClassified from '@salesforce/label/c.Seg_NotClassified';
import estimateBadge from '@salesforce/label/c.Seg_EstimateBadge';
import units from '@salesforce/label/c.Seg_Units';
import unitsOne from '@salesforce/label/c.Seg_UnitsOne';
import shareValueText from '@salesforce/label/c.Seg_ShareValueText';
import shareMarks from '@salesforce/label/c.Seg_ShareMarks';
import strategy from '@salesforce/label/c.Seg_Strategy';
import visitCadence from '@salesforce/label/c.Seg_VisitCadence';
import visitOverdue from '@salesforce/label/c.Seg_VisitOverdue';
import neverVisited from '@salesforce/label/c.Seg_NeverVisited';
import lockedHelp from '@salesforce/label/c.Seg_LockedHelp';
import movesHeading from '@salesforce/label/c.Seg_MovesHeading';
import movesNote from '@salesforce/label/c.Seg_MovesNote';
import moveUpOne from '@salesforce/label/c.Seg_MoveUpOne';
import moveUpMany from '@salesforce/label/c.Seg_MoveUpMany';
import moveDownOne from '@salesforce/label/c.Seg_MoveDownOne';
import moveDownMany from '@salesforce/label/c.Seg_MoveDownMany';
import segmentUpOne from '@salesforce/label/c.Seg_SegmentUpOne';
import segmentUpMany from '@salesforce/label/c.Seg_SegmentUpMany';
import segmentTop from '@salesforce/label/c.Seg_SegmentTop';
import outdated from '@salesforce/label/c.Seg_Outdated';
import outdatedLocked from '@salesforce/label/c.Seg_OutdatedLocked';
import potentialHeading from '@salesforce/label/c.Seg_PotentialHeading';
import potentialCaption from '@salesforce/label/c.Seg_PotentialCaption';
import potentialEmpty from '@salesforce/label/c.Seg_PotentialEmpty';
import potentialEmptyHint from '@salesforce/label/c.Seg_PotentialEmptyHint';
import groupEmpty from '@salesforce/label/c.Seg_GroupEmpty';
import groupTotal from '@salesforce/label/c.Seg_GroupTotal';
import groupVgShare from '@salesforce/label/c.Seg_GroupVgShare';
import vgTag from '@salesforce/label/c.Seg_VgTag';
import inputsHeading from '@salesforce/label/c.Seg_InputsHeading';
import brandDetailsHeading from '@salesforce/label/c.Seg_BrandDetailsHeading';
import brandDetailsEmpty from '@salesforce/label/c.Seg_BrandDetailsEmpty';
import viewHistory from '@salesforce/label/c.Seg_ViewHistory';
import classificationHeading from '@salesforce/label/c.Seg_ClassificationHeading';
import noAccessInputs from '@salesforce/label/c.Seg_NoAccessInputs';

export const LABELS = Object.freeze({
    panelTitle,
    brandPanelTitle,
    loading,
    loadingPotential,
    loadError,
    potentialLoadError,
    brandDetailsLoadError,
    showDetails,
    hideDetails,
    configError,
    configHttp,
    configNotJson,
    configVersion,
    configKey,
    noAccessFields,
    noAccessRecord,
    noAccessPotential,
    noAccessBrandDetails,
    fieldCustomerType,
    fieldSegment,
    fieldShare,
    fieldBoilerPotential,
    fieldPotentialSource,
    fieldGrowth,
    fieldValueType,
    fieldNextVisit,
    fieldLastVisit,
    fieldReason,
    fieldClassifiedAt,
    fieldLocked,
    fieldCompanySize,
    fieldMarketType,
    fieldRevenue,
    fieldBrand,
    fieldUnits,
    fieldSource,
    noCustomerType,
    noSegment,
    noShare,
    notFilled,
    notClassified,
    estimateBadge,
    units,
    unitsOne,
    shareValueText,
    shareMarks,
    strategy,
    visitCadence,
    visitOverdue,
    neverVisited,
    lockedHelp,
    movesHeading,
    movesNote,
    moveUpOne,
    moveUpMany,
    moveDownOne,
    moveDownMany,
    segmentUpOne,
    segmentUpMany,
    segmentTop,
    outdated,
    outdatedLocked,
    potentialHeading,
    potentialCaption,
    potentialEmpty,
    potentialEmptyHint,
    groupEmpty,
    groupTotal,
    groupVgShare,
    vgTag,
    inputsHeading,
    brandDetailsHeading,
    brandDetailsEmpty,
    viewHistory,
    classificationHeading,
    noAccessInputs
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
