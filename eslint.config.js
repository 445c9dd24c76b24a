import { defineConfig, globalIgnores } from 'eslint/config';
import eslintJs from '@eslint/js';
import jestPlugin from 'eslint-plugin-jest';
import salesforceLwcConfig from '@salesforce/eslint-config-lwc/recommended.js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default defineConfig([
    globalIgnores(['node_modules/', 'coverage/', 'out/', '.sfdx/', '.sf/', 'preview/dist/', 'bench/runs/']),

    // Lightning Web Components (force-app/main/default/lwc)
    {
        files: ['force-app/main/default/lwc/**/*.js'],
        extends: [salesforceLwcConfig]
    },

    // Component tests: wire adapters are emitted by the test utilities
    {
        files: ['force-app/main/default/lwc/**/*.test.js'],
        extends: [salesforceLwcConfig],
        rules: {
            '@lwc/lwc/no-unexpected-wire-adapter-usages': 'off'
        },
        languageOptions: {
            globals: { ...globals.node }
        }
    },

    // Jest mocks and configuration files
    {
        files: ['force-app/test/**/*.js', '*.js'],
        languageOptions: {
            sourceType: 'module',
            ecmaVersion: 'latest',
            globals: { ...globals.node, ...jestPlugin.environments.globals.globals }
        },
        extends: [eslintJs.configs.recommended]
    },

    // TypeScript: the reclassification command, its stand-in, tests and benchmark
    {
        files: ['scripts/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
        extends: [tseslint.configs.recommended],
        languageOptions: { globals: { ...globals.node } },
        rules: {
            '@typescript-eslint/no-unused-vars': [
                'error',
                { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }
            ]
        }
    }
]);
