import { reclassify } from './lib/reclassify/command.ts';

// Thin entry: SIGINT/SIGTERM stop after the current batch; the report of what was done is still written.
const stop = new AbortController();
process.once('SIGINT', () => stop.abort(new Error('stopped by SIGINT')));
process.once('SIGTERM', () => stop.abort(new Error('stopped by SIGTERM')));

process.exitCode = await reclassify(process.argv.slice(2), process.env, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: process.stderr.isTTY,
    signal: stop.signal
});
