import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

/**
 * A small static server for the built preview, on 127.0.0.1 only. SLDS (styles and fonts) is served straight from
 * the installed @salesforce-ux/design-system package under /assets/.
 */

const require = createRequire(import.meta.url);
const SLDS_ASSETS = path.join(
    path.dirname(require.resolve('@salesforce-ux/design-system/package.json')),
    'assets'
);

const TYPES: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.map': 'application/json',
    '.json': 'application/json',
    '.svg': 'image/svg+xml',
    '.woff': 'font/woff',
    '.woff2': 'font/woff2',
    '.png': 'image/png'
};

/** The file for a URL path inside root, or null for anything outside it. */
function fileIn(root: string, urlPath: string): string | null {
    const file = path.resolve(root, `.${urlPath}`);
    return file === root || file.startsWith(root + path.sep) ? file : null;
}

async function resolveFile(distDir: string, urlPath: string): Promise<string | null> {
    const [root, rest] = urlPath.startsWith('/assets/')
        ? [SLDS_ASSETS, urlPath.slice('/assets'.length)]
        : [distDir, urlPath];
    let file = fileIn(root, rest);
    if (!file) {
        return null;
    }
    const info = await stat(file).catch(() => null);
    if (info?.isDirectory()) {
        file = path.join(file, 'index.html');
        return (await stat(file).catch(() => null))?.isFile() ? file : null;
    }
    return info?.isFile() ? file : null;
}

export interface PreviewServer {
    url: string;
    close(): Promise<void>;
}

/** Serves distDir on 127.0.0.1; port 0 picks a free port. */
export async function startPreviewServer(distDir: string, port = 0): Promise<PreviewServer> {
    const root = path.resolve(distDir);
    const server: Server = createServer((request, response) => {
        const urlPath = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
        resolveFile(root, urlPath)
            .then((file) => {
                if (!file) {
                    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
                    return;
                }
                // Static resources have no extension in Salesforce; ours is JSON.
                const type =
                    TYPES[path.extname(file)] ??
                    (urlPath.startsWith('/resource/') ? 'application/json' : 'application/octet-stream');
                response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
                createReadStream(file).pipe(response);
            })
            .catch((error: unknown) => {
                response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(String(error));
            });
    });
    await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', resolve);
    });
    const address = server.address() as AddressInfo;
    return {
        url: `http://127.0.0.1:${address.port}`,
        close: () =>
            new Promise<void>((resolve, reject) => {
                server.closeAllConnections();
                server.close((error) => (error ? reject(error) : resolve()));
            })
    };
}
