import { jestConfig } from '@salesforce/sfdx-lwc-jest/config.js';

export default {
    ...jestConfig,
    moduleFileExtensions: [...jestConfig.moduleFileExtensions, 'json'],
    moduleNameMapper: {
        // The static resource is a file in force-app; components fetch it by URL, tests get its path.
        '^@salesforce/resourceUrl/(.*)$': '<rootDir>/force-app/test/jest-mocks/resourceUrl.js',
        // The CSS module the panels share (a component folder with only a stylesheet).
        '^c/segmentationStyles$':
            '<rootDir>/force-app/main/default/lwc/segmentationStyles/segmentationStyles.css',
        // Shared test helpers (flushPromises, visibleText, ...): one copy for every component test.
        '^test-utils$': '<rootDir>/force-app/test/jest-utils/index.js',
        // The navigation stub that records where a component navigates.
        '^lightning/navigation$': '<rootDir>/force-app/test/jest-mocks/lightning/navigation.js'
    },
    setupFilesAfterEnv: [
        ...jestConfig.setupFilesAfterEnv,
        '<rootDir>/jest-sa11y-setup.js',
        '<rootDir>/force-app/test/jest-mocks/customLabels.js'
    ],
    testPathIgnorePatterns: ['<rootDir>/node_modules/', '<rootDir>/test/'],
    // Accessibility checks of a whole panel take about a second; under coverage on two cores, several.
    testTimeout: 15000,
    coverageThreshold: {
        global: { branches: 80, functions: 90, lines: 90 }
    }
};
