import { existsSync, createReadStream } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadCsv } from './csv-load.ts';
import { STANDIN_OBJECTS } from './schema.ts';
import { startStandin } from './server.ts';

/**
 * Runs the stand-in in its own process for the demo and the benchmark:
 *   tsx scripts/dev/standin/main.ts [--port N] [--data DIR] [--rest-page-size N] [--bulk-page-size N]
 *                                   [--job-polls N] [--job-delay-ms N] [--loaded-at ISO-DATE-TIME]
 * DIR holds Account.csv, Brand_Detail__c.csv, Potential__c.csv (any of them; loaded masters first); --loaded-at
 * says when those records were last changed (default: when loaded).
 * Prints one JSON line {"instanceUrl", "accessToken"} on stdout once it listens; stops on SIGINT/SIGTERM.
 */

const USAGE =
    'usage: main.ts [--port N] [--data DIR] [--rest-page-size N] [--bulk-page-size N] [--job-polls N] [--job-delay-ms N] [--loaded-at ISO-DATE-TIME]';

function count(name: string, value: string | undefined): number | undefined {
    if (value === undefined) return undefined;
    const number = Number(value);
    if (!Number.isInteger(number) || number < 0) {
        throw new Error(`--${name} must be a whole number, not ${value}\n${USAGE}`);
    }
    return number;
}

async function main(): Promise<void> {
    const { values } = parseArgs({
        options: {
            port: { type: 'string' },
            data: { type: 'string' },
            'rest-page-size': { type: 'string' },
            'bulk-page-size': { type: 'string' },
            'job-polls': { type: 'string' },
            'job-delay-ms': { type: 'string' },
            'loaded-at': { type: 'string' }
        },
        strict: true
    });
    const loadedAt = values['loaded-at'] === undefined ? undefined : new Date(values['loaded-at']);
    if (loadedAt && Number.isNaN(loadedAt.getTime())) {
        throw new Error(`--loaded-at must be a date and time, not ${values['loaded-at']}\n${USAGE}`);
    }
    const standin = await startStandin({
        port: count('port', values.port),
        loadedAt,
        restPageSize: count('rest-page-size', values['rest-page-size']),
        bulkPageSize: count('bulk-page-size', values['bulk-page-size']),
        jobDelay: {
            polls: count('job-polls', values['job-polls']),
            ms: count('job-delay-ms', values['job-delay-ms'])
        }
    });
    if (values.data) {
        for (const { name } of STANDIN_OBJECTS) {
            const file = path.join(values.data, `${name}.csv`);
            if (existsSync(file)) await loadCsv(standin.store, name, createReadStream(file));
        }
    }
    const stop = () => void standin.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    process.stdout.write(
        `${JSON.stringify({ instanceUrl: standin.instanceUrl, accessToken: standin.accessToken })}\n`
    );
}

main().catch((error: unknown) => {
    process.stderr.write(`standin: ${(error as Error).message}\n`);
    process.exit(1);
});
