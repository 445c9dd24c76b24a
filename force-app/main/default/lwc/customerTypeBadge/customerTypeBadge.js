import { LightningElement, api } from 'lwc';

/**
 * Type klant as a lightning-badge: its SLDS theme, its label and an icon, so that the type never rests on colour
 * alone. The one badge of the panels and the worklist.
 */
export default class CustomerTypeBadge extends LightningElement {
    /** From customerTypeBadge (c/segmentationView): variant, SLDS class, label and icon. */
    @api badge;
    /** The headline of a panel: a larger badge than in a list. */
    @api large = false;

    get badgeClass() {
        return ['type-badge', this.large ? 'type-badge_large' : '', this.badge.className]
            .filter(Boolean)
            .join(' ');
    }
}
