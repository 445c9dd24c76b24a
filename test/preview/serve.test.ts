import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../../scripts/lib/paths.ts';

const run = promisify(execFile);

/** `npm run preview` as its own process with PREVIEW_PORT set; it must refuse before building anything. */
async function preview(port: string): Promise<{ code: number; stdout: string; stderr: string }> {
    return run(process.execPath, ['--import', 'tsx', 'scripts/preview/serve.ts'], {
        cwd: REPO_ROOT,
        env: { ...process.env, PREVIEW_PORT: port },
        timeout: 60_000
    }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code: number; stdout: string; stderr: string }) => error
    );
}

test('a busy preview port ends in one line that names PREVIEW_PORT, not a stack trace', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const { port } = busy.address() as { port: number };
    try {
        const result = await preview(String(port));
        assert.equal(result.code, 1);
        assert.equal(result.stdout, '');
        assert.equal(
            result.stderr,
            `Port ${port} on 127.0.0.1 is in use (another preview?): stop that, or choose another port, e.g. PREVIEW_PORT=${port + 1} npm run preview\n`
        );
    } finally {
        busy.close();
    }
});

test('a PREVIEW_PORT that is not a port is refused in one line', async () => {
    for (const setting of ['abc', '70000', '0']) {
        const result = await preview(setting);
        assert.equal(result.code, 1, setting);
        assert.match(
            result.stderr,
            new RegExp(`^PREVIEW_PORT=${setting} is not a port: [^\\n]+\\n$`),
            setting
        );
    }
});
