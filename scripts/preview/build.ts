import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { rollup, type RollupLog } from 'rollup';
import lwcModule from '@lwc/rollup-plugin';
import replaceModule from '@rollup/plugin-replace';
import { METADATA_DIR, REPO_ROOT } from '../lib/paths.ts';
import { salesforceModules } from './salesforceModules.ts';
import { PANELS, STATES, type Language, type PreviewState } from './states.ts';
import { englishDictionary, translateGraphQLAnswer, translateResponse } from './translations.ts';

/**
 * Builds the local preview of the two panels and the worklist: the real components compiled with the LWC
 * compiler, the Lightning Data Service adapters (GraphQL included) replaced by stubs that answer from the jest
 * fixtures, and one page per state.
 */

// Both packages ship CommonJS type declarations, so TypeScript sees `default` as a property; Node loads their ES
// builds, where the default export is the plugin itself.
const lwc = lwcModule as unknown as (typeof lwcModule)['default'];
const replace = replaceModule as unknown as (typeof replaceModule)['default'];

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const PREVIEW_DIR = path.join(REPO_ROOT, 'preview/dist');
const LWC_DIR = path.join(METADATA_DIR, 'lwc');
const ENGLISH = englishDictionary();
const BASE_COMPONENTS = `${path.sep}node_modules${path.sep}lightning-base-components${path.sep}`;
const CONFIG_FILE = path.join(METADATA_DIR, 'staticresources/segmentationConfig.json');

/** The day the fixtures are dated around (see the jest tests): late visits read the same on any day. */
const PREVIEW_NOW = Date.parse('2025-11-20T10:00:00Z');

/** Module records for the LWC compiler: every component as c/<name>, and our stubs for lightning/*. */
function moduleRecords() {
    const components = readdirSync(LWC_DIR, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => {
            // A component or service module has a .js file; a CSS module (c/segmentationStyles) only its .css.
            const main = path.join(LWC_DIR, entry.name, entry.name);
            return { name: `c/${entry.name}`, path: existsSync(`${main}.js`) ? `${main}.js` : `${main}.css` };
        });
    const stubs = ['uiRecordApi', 'uiRelatedListApi', 'uiObjectInfoApi', 'graphql', 'navigation'].map(
        (name) => ({
            name: `lightning/${name}`,
            path: path.join(HERE, 'client/stubs', `${name}.js`)
        })
    );
    // Lightning base components (lightning-card, -badge, -icon, …) as the npm package ships them: the same markup
    // and behaviour as on a record page. Our stubs above come first, so lightning/ui*Api stay fixture-fed.
    return [...components, ...stubs, { npm: 'lightning-base-components' }];
}

async function bundle(outDir: string): Promise<void> {
    const warnings: string[] = [];
    const build = await rollup({
        input: path.join(HERE, 'client/main.js'),
        plugins: [
            salesforceModules(),
            replace({
                preventAssignment: true,
                values: {
                    'process.env.NODE_ENV': JSON.stringify('development'),
                    // The base components ask whether they render on a server; the preview renders in the browser.
                    'import.meta.env.SSR': 'false'
                }
            }),
            lwc({ rootDir: LWC_DIR, modules: moduleRecords() })
        ],
        onwarn(warning: RollupLog) {
            // Ours only: the base components' own templates carry warnings we can neither fix nor act on.
            if (warning.code !== 'CIRCULAR_DEPENDENCY' && !warning.id?.includes(BASE_COMPONENTS)) {
                warnings.push(`${warning.code ?? ''} ${warning.message}`);
            }
        }
    });
    // The base components load each icon set on first use (dynamic imports): those become chunks beside app.js.
    await build.write({
        dir: outDir,
        entryFileNames: 'app.js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        format: 'esm',
        sourcemap: true
    });
    await build.close();
    // A warning from the compiler is a problem in a component: fail the build instead of scrolling past it.
    if (warnings.length > 0) {
        throw new Error(`The preview build warned:\n${warnings.join('\n')}`);
    }
}

async function readFixture(ref: string): Promise<unknown> {
    return JSON.parse(await readFile(path.join(LWC_DIR, `${ref}.json`), 'utf8')) as unknown;
}

/** The fixtures a state's adapters answer with; on an English page as the UI API answers an English user. */
async function loadAdapters(state: PreviewState) {
    const translate = (adapter: string, response: unknown) =>
        adapter === 'graphql'
            ? translateGraphQLAnswer(response, ENGLISH, 'Brand_Detail__c')
            : translateResponse(response, ENGLISH);
    const load = async (adapter: string, ref?: string) => {
        const fixture = ref ? await readFixture(ref) : undefined;
        return fixture && state.lang === 'en' ? translate(adapter, fixture) : fixture;
    };
    const loaded: Record<string, { match?: Record<string, string>; data?: unknown; error?: unknown }[]> = {};
    for (const [adapter, refs] of Object.entries(state.adapters)) {
        loaded[adapter] = await Promise.all(
            refs.map(async (ref) => ({
                match: ref.match,
                data: await load(adapter, ref.data),
                error: await load(adapter, ref.error)
            }))
        );
    }
    return loaded;
}

const escapeHtml = (text: string) =>
    text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** JSON inside a <script> element must not close it. */
const inlineJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

function resourceUrls(state: PreviewState) {
    return {
        segmentationConfig:
            state.config === 'missing'
                ? '/resource/missing/segmentationConfig'
                : '/resource/segmentationConfig'
    };
}

function page(title: string, lang: string, head: string, body: string): string {
    return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)} · klantsegmentatie preview</title>
<link rel="stylesheet" href="/assets/styles/salesforce-lightning-design-system.min.css">
<link rel="stylesheet" href="/preview.css">
${head}
</head>
<body>
${body}
</body>
</html>
`;
}

/** The words of the frame itself, in the page's language. */
const FRAME_TEXT: Record<Language, { sidebar: string; allStates: string }> = {
    nl: { sidebar: 'Zijbalk', allStates: 'alle staten' },
    en: { sidebar: 'Sidebar', allStates: 'all states' }
};

/** The frame of the Lightning page around the component: a record page, or an App page with a left sidebar. */
function framePage(state: PreviewState): string {
    const panel = PANELS[state.panel];
    const lang = state.lang ?? 'nl';
    const header = panel.header[lang];
    const text = FRAME_TEXT[lang];
    // A placeholder stands for the other components of a region; on the App page the worklist fills its column.
    const placeholder = `<div class="placeholder" aria-hidden="true"></div>`;
    const main = `<main id="main" class="region">${panel.layout === 'record' ? placeholder : ''}</main>`;
    const aside = `<aside id="sidebar" class="region" aria-label="${text.sidebar}">${placeholder}</aside>`;
    return `<div class="preview-bar">Preview ${escapeHtml(panel.page)}: ${escapeHtml(state.title)} · <a href="/">${text.allStates}</a></div>
<div class="lightning-page">
  <header class="slds-page-header page-header">
    <div class="slds-page-header__row">
      <div class="slds-page-header__col-title">
        <span class="slds-page-header__name-meta">${escapeHtml(header.meta)}</span>
        <h1 class="slds-page-header__title">${escapeHtml(header.title)}</h1>
      </div>
    </div>
  </header>
  <div class="page-body page-body_${panel.layout}">
    ${main}
    ${aside}
  </div>
</div>`;
}

async function statePage(state: PreviewState): Promise<string> {
    const panel = PANELS[state.panel];
    const settings = {
        tag: panel.tag,
        recordId: panel.recordId,
        region: panel.region,
        lang: state.lang ?? 'nl',
        now: PREVIEW_NOW,
        resourceUrls: resourceUrls(state),
        adapters: await loadAdapters(state)
    };
    const head = `<script>window.__PREVIEW__ = ${inlineJson(settings)};</script>
<script type="module" src="/app.js"></script>`;
    return page(state.title, state.lang ?? 'nl', head, framePage(state));
}

function indexPage(): string {
    const items = STATES.map(
        (state) =>
            `<li class="slds-item"><a href="/${state.id}/">${escapeHtml(state.title)}</a> <code>/${state.id}/</code></li>`
    ).join('\n');
    return page(
        'Alle staten',
        'nl',
        '',
        `<main class="state-list slds-card slds-card__body_inner slds-p-around_medium">
<h1 class="slds-text-heading_medium slds-m-bottom_small">Klantsegmentatie: lokale preview van de panelen en de werklijst</h1>
<ul class="slds-has-dividers_bottom-space">
${items}
</ul>
</main>`
    );
}

/**
 * Builds the preview into preview/dist (emptied first) and returns its directory.
 */
export async function buildPreview(outDir: string = PREVIEW_DIR): Promise<string> {
    await rm(outDir, { recursive: true, force: true });
    await mkdir(outDir, { recursive: true });
    await bundle(outDir);
    await cp(path.join(HERE, 'client/preview.css'), path.join(outDir, 'preview.css'));
    await mkdir(path.join(outDir, 'resource'), { recursive: true });
    await cp(CONFIG_FILE, path.join(outDir, 'resource/segmentationConfig'));
    for (const state of STATES) {
        await mkdir(path.join(outDir, state.id), { recursive: true });
        await writeFile(path.join(outDir, state.id, 'index.html'), await statePage(state));
    }
    await writeFile(path.join(outDir, 'index.html'), indexPage());
    return outDir;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
    const started = Date.now();
    const outDir = await buildPreview();
    console.log(
        `Preview built in ${Date.now() - started} ms: ${path.relative(REPO_ROOT, outDir)}/ (${STATES.length} states)`
    );
}
