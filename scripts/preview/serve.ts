import { buildPreview, PREVIEW_DIR } from './build.ts';
import { startPreviewServer, type PreviewServer } from './server.ts';
import { STATES } from './states.ts';

/**
 * `npm run preview`: serves the preview on 127.0.0.1 (PREVIEW_PORT, default 4173) until stopped. The port is
 * taken before the build, so a busy or invalid one is said at once, in one line.
 */
const DEFAULT_PORT = 4173;

function fail(line: string): never {
    console.error(line);
    process.exit(1);
}

const setting = process.env.PREVIEW_PORT ?? String(DEFAULT_PORT);
const port = /^\d+$/.test(setting) ? Number(setting) : Number.NaN;
if (!(port >= 1 && port <= 65_535))
    fail(
        `PREVIEW_PORT=${setting} is not a port: give a number from 1 to 65535, e.g. PREVIEW_PORT=4174 npm run preview`
    );

let server: PreviewServer;
try {
    server = await startPreviewServer(PREVIEW_DIR, port);
} catch (error) {
    const { code } = error as { code?: string };
    if (code === 'EADDRINUSE')
        fail(
            `Port ${port} on 127.0.0.1 is in use (another preview?): stop that, or choose another port, e.g. PREVIEW_PORT=${port + 1} npm run preview`
        );
    if (code === 'EACCES')
        fail(
            `Port ${port} on 127.0.0.1 may not be used by this user: choose another with PREVIEW_PORT, e.g. PREVIEW_PORT=${DEFAULT_PORT} npm run preview`
        );
    throw error;
}
await buildPreview();
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
