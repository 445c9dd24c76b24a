import { buildPreview } from './build.ts';
import { startPreviewServer } from './server.ts';
import { STATES } from './states.ts';

/** `npm run preview`: builds the preview and serves it on 127.0.0.1 (PREVIEW_PORT, default 4173) until stopped. */
const port = Number(process.env.PREVIEW_PORT ?? 4173);
const outDir = await buildPreview();
const server = await startPreviewServer(outDir, port);
console.log(`Klantsegmentatie preview: ${server.url}/`);
for (const state of STATES) {
    console.log(`  ${server.url}/${state.id}/  ${state.title}`);
}
console.log('Stop with Ctrl+C.');

const stop = () => {
    void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
