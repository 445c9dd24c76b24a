import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** Repository root, from this file's place in it (scripts/lib/). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const METADATA_DIR = path.join(REPO_ROOT, 'force-app/main/default');

export const DEFAULT_CONFIG_FILE = path.join(METADATA_DIR, 'staticresources/segmentationConfig.json');

/** The API version of the whole project: sfdx-project.json's sourceApiVersion is the one constant. */
export const API_VERSION: string = (
    JSON.parse(readFileSync(path.join(REPO_ROOT, 'sfdx-project.json'), 'utf8')) as {
        sourceApiVersion: string;
    }
).sourceApiVersion;

/** The one rules module, shared by the panels and the command. */
export const RULES_MODULE = path.join(METADATA_DIR, 'lwc/segmentRules/segmentRules.js');

export const PACKAGE_VERSION: string = (
    JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;
