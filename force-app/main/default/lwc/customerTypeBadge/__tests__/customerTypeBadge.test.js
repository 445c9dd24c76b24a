import { createElement } from '@lwc/engine-dom';
import CustomerTypeBadge from 'c/customerTypeBadge';
import { customerTypeBadge } from 'c/segmentationView';
import { cleanUpAfterEach, queryDeep } from 'test-utils';
import config from '../../../staticresources/segmentationConfig.json';

function render(properties) {
    const element = createElement('c-customer-type-badge', { is: CustomerTypeBadge });
    Object.assign(element, properties);
    document.body.appendChild(element);
    return queryDeep(element, 'lightning-badge');
}

describe('c-customer-type-badge', () => {
    cleanUpAfterEach();

    it('shows the type with its theme and icon, its icon in the badge colour', async () => {
        const badge = render({ badge: customerTypeBadge('Get', 'Get', config) });

        expect(badge.label).toBe('Get');
        expect(badge.iconName).toBe('utility:add');
        expect(badge.dataset.variant).toBe('get');
        expect([...badge.classList]).toEqual(['type-badge', 'slds-badge_inverse']);
        await expect(badge).toBeAccessible();
    });

    it('is larger as the headline of a panel', () => {
        const badge = render({ badge: customerTypeBadge('Keep', 'Keep', config), large: true });

        expect([...badge.classList]).toEqual(['type-badge', 'type-badge_large', 'slds-theme_success']);
    });
});
