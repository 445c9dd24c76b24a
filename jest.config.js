import { jestConfig } from '@salesforce/sfdx-lwc-jest/config.js';

export default {
    ...jestConfig,
    moduleFileExtensions: [...jestConfig.moduleFileExtensions, 'json'],
    moduleNameMapper: {
        // The static resource is a file in force-app; components fetch it by URL, tests get its path.
        '^@salesforce/resourceUrl/(.*)$': '<rootDir>/force-app/test/jest-mocks/resourceUrl.js'
    },
    setupFilesAfterEnv: [...jestConfig.setupFilesAfterEnv, '<rootDir>/jest-sa11y-setup.js'],
    testPathIgnorePatterns: ['<rootDir>/node_modules/', '<rootDir>/test/'],
    coverageThreshold: {
        global: { branches: 80, functions: 90, lines: 90 }
    }
};
