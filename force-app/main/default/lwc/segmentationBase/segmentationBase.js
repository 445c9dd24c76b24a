import { LightningElement, wire } from 'lwc';
import { getObjectInfos, getPicklistValuesByRecordType } from 'lightning/uiObjectInfoApi';
import { loadStatus } from 'c/ldsUtils';
import { loadSegmentationConfig } from 'c/segmentationConfigLoader';
import { LABELS } from 'c/segmentationLabels';
import { BRAND_DETAIL_OBJECT, defaultRecordTypeId, picklistLabels } from 'c/installerRecords';

const BRAND_DETAIL_ONLY = Object.freeze([BRAND_DETAIL_OBJECT]);

/**
 * What every klantsegmentatie component loads, once: the segmentation config (static resource), and in the user's
 * language the object info of the objects it shows and the labels of the brand detail's picklist values (Lightning
 * Data Service only, no Apex). The panels (through c/segmentationPanel) and the worklist extend this class.
 */
export default class SegmentationBase extends LightningElement {
    config;
    configError;

    objectInfos;
    picklists;

    /** The objects whose object info the component reads; a subclass that shows more fields names more. */
    get labelObjects() {
        return BRAND_DETAIL_ONLY;
    }

    /** What the spinner says while the config loads. */
    get loadingText() {
        return LABELS.loading;
    }

    connectedCallback() {
        loadSegmentationConfig()
            .then((config) => {
                this.config = config;
                this.configError = undefined;
            })
            .catch((error) => {
                this.configError = error;
            });
    }

    // Labels only: until they arrive, or if they fail, the component uses its own labels and the stored values.
    @wire(getObjectInfos, { objectApiNames: '$labelObjects' })
    wiredObjectInfos({ data }) {
        this.objectInfos = data ?? this.objectInfos;
    }

    @wire(getPicklistValuesByRecordType, {
        objectApiName: BRAND_DETAIL_OBJECT,
        recordTypeId: '$brandDetailRecordTypeId'
    })
    wiredPicklists({ data }) {
        this.picklists = data ?? this.picklists;
    }

    /** Waits for the object info: the picklist wire does nothing while this is undefined. */
    get brandDetailRecordTypeId() {
        return defaultRecordTypeId(this.objectInfos, BRAND_DETAIL_OBJECT);
    }

    get picklist() {
        return picklistLabels(this.picklists);
    }

    /** The config: loading until it arrives, an error panel when the static resource cannot be read. */
    get configStatus() {
        return loadStatus({
            error: this.configError,
            loaded: Boolean(this.config),
            loadingText: this.loadingText,
            errorText: LABELS.configError
        });
    }
}
