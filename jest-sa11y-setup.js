import { setup } from '@sa11y/jest';

// Registers toBeAccessible() once for every component test.
setup();
