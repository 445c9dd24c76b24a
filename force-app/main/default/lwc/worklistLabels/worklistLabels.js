/**
 * The texts of the "Mijn installateurs" worklist, as Custom Labels (Dutch by default, English in the en_US
 * translation). Shared words (never visited, the VG boilers to the next type, the config error) come from
 * c/segmentationLabels, so the worklist and the panels say them alike.
 */
import daysLateMany from '@salesforce/label/c.Seg_WorklistDaysLateMany';
import daysLateOne from '@salesforce/label/c.Seg_WorklistDaysLateOne';
import downgrade from '@salesforce/label/c.Seg_WorklistDowngrade';
import downgradeHeading from '@salesforce/label/c.Seg_WorklistDowngradeHeading';
import empty from '@salesforce/label/c.Seg_WorklistEmpty';
import gapHeading from '@salesforce/label/c.Seg_WorklistGapHeading';
import loadError from '@salesforce/label/c.Seg_WorklistLoadError';
import loading from '@salesforce/label/c.Seg_WorklistLoading';
import next from '@salesforce/label/c.Seg_WorklistNext';
import noTask from '@salesforce/label/c.Seg_WorklistNoTask';
import overdueHeading from '@salesforce/label/c.Seg_WorklistOverdueHeading';
import page from '@salesforce/label/c.Seg_WorklistPage';
import pager from '@salesforce/label/c.Seg_WorklistPager';
import partialError from '@salesforce/label/c.Seg_WorklistPartialError';
import previous from '@salesforce/label/c.Seg_WorklistPrevious';
import task from '@salesforce/label/c.Seg_WorklistTask';
import taskDue from '@salesforce/label/c.Seg_WorklistTaskDue';
import title from '@salesforce/label/c.Seg_WorklistTitle';
import visitRecorded from '@salesforce/label/c.Seg_WorklistVisitRecorded';

export const WORKLIST_LABELS = Object.freeze({
    daysLateMany,
    daysLateOne,
    downgrade,
    downgradeHeading,
    empty,
    gapHeading,
    loadError,
    loading,
    next,
    noTask,
    overdueHeading,
    page,
    pager,
    partialError,
    previous,
    task,
    taskDue,
    title,
    visitRecorded
});
