import { LightningElement, api } from 'lwc';
import { LABELS } from 'c/segmentationLabels';

/** Each type klant has its own colour and its own icon, so the type never rests on colour alone. */
const ICONS = Object.freeze({ 'win-back': 'win-back', get: 'get', grow: 'grow', keep: 'keep' });

export default class CustomerTypeBadge extends LightningElement {
    /** {label, variant} from the view model, or null when there is no type klant. */
    @api type;
    /** Large in the summary headline, small in lists. */
    @api size = 'small';

    get variant() {
        return this.type?.variant ?? 'none';
    }

    get text() {
        return this.type?.label ?? LABELS.noCustomerType;
    }

    get iconName() {
        return ICONS[this.variant] ?? 'info';
    }

    get badgeClass() {
        return `slds-badge type-badge type-badge_${this.variant} type-badge_${this.size === 'large' ? 'large' : 'small'}`;
    }
}
