import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { argvProblem } from '../argv.ts';
import { EXIT_CODES } from '../exitCodes.ts';
import type { OrgAuth } from '../org/connect.ts';
import { LOCK_DIR } from './runLock.ts';
import { DEFAULT_MASS_CHANGE_SHARE } from './safetyStop.ts';

/** Flags of `npm run reclassify`; kebab-case, typed, the sources mutually exclusive. */
const FLAGS = {
    'target-org': { type: 'string' },
    'instance-url': { type: 'string' },
    'access-token': { type: 'string' },
    'client-id': { type: 'string' },
    'client-secret': { type: 'string' },
    'from-csv': { type: 'string' },
    out: { type: 'string' },
    config: { type: 'string' },
    'dry-run': { type: 'boolean' },
    full: { type: 'boolean' },
    json: { type: 'boolean' },
    'no-estimate': { type: 'boolean' },
    reestimate: { type: 'boolean' },
    'force-estimate': { type: 'boolean' },
    'allow-mass-change': { type: 'boolean' },
    'create-tasks': { type: 'boolean' },
    'mass-change-share': { type: 'string' },
    'max-api-requests': { type: 'string' },
    'bulk-query-from': { type: 'string' },
    'bulk-write-from': { type: 'string' },
    'poll-timeout': { type: 'string' },
    now: { type: 'string' },
    help: { type: 'boolean', short: 'h' }
} as const;

/** The exit codes as exitCodes.ts has them, wrapped at the width of the rest of the help. */
function exitCodeHelp(width = 112): string {
    return Object.values(EXIT_CODES)
        .map(({ code, text }) => {
            const lines = [`  ${code} `];
            for (const word of text.split(' ')) {
                if (lines.at(-1)!.length + 1 + word.length > width) lines.push('    ');
                lines[lines.length - 1] += ` ${word}`;
            }
            return lines.join('\n');
        })
        .join('\n');
}

export const HELP = `Usage: npm run reclassify -- <source> [options]

Recomputes Type klant, segment, VG share and klanttype of every brand detail (Merkgegevens), estimates the
potential of installers that sales did not fill in, writes only what changed, and reports.

Sources (exactly one):
  --target-org ALIAS           an org the Salesforce CLI is logged in to (sf org login web -a ALIAS)
  --instance-url URL --access-token TOKEN
                               a session (env SF_INSTANCE_URL, SF_ACCESS_TOKEN); cannot be renewed on expiry
  --instance-url URL --client-id ID --client-secret SECRET
                               OAuth client credentials for a scheduled job (env SF_CLIENT_ID, SF_CLIENT_SECRET)
  --from-csv DIR               Account.csv, Brand_Detail__c.csv, Potential__c.csv (Data Loader / Bulk API exports)

Environment: SF_INSTANCE_URL, SF_ACCESS_TOKEN, SF_CLIENT_ID, SF_CLIENT_SECRET (see the sources);
KLANTSEGMENTATIE_STATE_DIR: where the run lock and the kept state of each org live (default
$TMPDIR/klantsegmentatie-locks; keep it on a disk that survives a reboot).

Options:
  --out DIR                    reports and Data Loader files, replaced as a set by each run (default ./out/<timestamp>)
  --config FILE                segmentation config (default: the static resource segmentationConfig)
  --dry-run                    read and report, write nothing to the org
  --full                       read everything even when nothing changed since the last complete run
  --json                       print report.json on stdout, no progress
  --no-estimate                skip estimating potential
  --reestimate                 refresh earlier estimates (Source Schatting) too
  --force-estimate             write estimates even when too few installers were entered by sales
  --mass-change-share PERCENT  the safety stop: write nothing when the run would clear the Type klant or segment
                               of more than this share of the classified brand details, or when an object has
                               this share fewer records than at the last complete run (default 10)
  --allow-mass-change          let a run through that the safety stop would stop (a deliberate change)
  --create-tasks               a follow-up Task for the account owner when a brand detail's visit is due by its
                               klanttype's cadence and when its Type klant drops; never twice (an org only)
  --max-api-requests N         stop before using more than N API requests
  --bulk-query-from N          read with Bulk API 2.0 from N records of an object (default 10000)
  --bulk-write-from N          write with Bulk API 2.0 from N changed records (default 2000)
  --poll-timeout SECONDS       stop waiting for a Bulk API job after this long (default 1800)
  --now ISO-DATE-TIME          the run's clock (what-if runs and tests; default: now)

Exit codes:
${exitCodeHelp()}
`;

const count = z.coerce.number().int().positive();

const optionsSchema = z
    .object({
        'target-org': z.string().min(1).optional(),
        'instance-url': z.url({ protocol: /^https?$/ }).optional(),
        'access-token': z.string().min(1).optional(),
        'client-id': z.string().min(1).optional(),
        'client-secret': z.string().min(1).optional(),
        'from-csv': z.string().min(1).optional(),
        out: z.string().min(1).optional(),
        config: z.string().min(1).optional(),
        'dry-run': z.boolean().default(false),
        full: z.boolean().default(false),
        json: z.boolean().default(false),
        'no-estimate': z.boolean().default(false),
        reestimate: z.boolean().default(false),
        'force-estimate': z.boolean().default(false),
        'allow-mass-change': z.boolean().default(false),
        'create-tasks': z.boolean().default(false),
        'mass-change-share': z.coerce
            .number()
            .gt(0)
            .lt(100)
            .default(DEFAULT_MASS_CHANGE_SHARE * 100),
        'max-api-requests': count.optional(),
        'bulk-query-from': count.optional(),
        'bulk-write-from': count.optional(),
        'poll-timeout': count.optional(),
        now: z.iso.datetime({ offset: true }).optional(),
        help: z.boolean().default(false)
    })
    .strict();

export type CliSource =
    { kind: 'csv'; dir: string; label: string } | { kind: 'org'; auth: OrgAuth; label: string };

export type CliOptions = {
    source: CliSource;
    outDir: string;
    configFile?: string;
    dryRun: boolean;
    full: boolean;
    json: boolean;
    estimate: boolean;
    reestimate: boolean;
    forceEstimate: boolean;
    /** The safety stop: the share (0..1) a run may clear or an org may shrink, and whether to let it through. */
    massChange: { limit: number; allowed: boolean };
    /** --create-tasks: follow-up tasks for visits due and Type klant drops (docs/follow-up-tasks.md). */
    createTasks: boolean;
    /** Where the run lock and the kept state of each org live (env KLANTSEGMENTATIE_STATE_DIR). */
    stateDir: string;
    maxApiRequests?: number;
    bulkQueryFrom?: number;
    bulkWriteFrom?: number;
    pollTimeoutMs?: number;
    now: Date;
};

export class UsageError extends Error {
    override readonly name = 'UsageError';
}

function sourceOf(flags: z.infer<typeof optionsSchema>, env: NodeJS.ProcessEnv): CliSource {
    const instanceUrl = flags['instance-url'] ?? env.SF_INSTANCE_URL;
    const accessToken = flags['access-token'] ?? env.SF_ACCESS_TOKEN;
    const clientId = flags['client-id'] ?? env.SF_CLIENT_ID;
    const clientSecret = flags['client-secret'] ?? env.SF_CLIENT_SECRET;
    const chosen = [
        flags['from-csv'] && '--from-csv',
        flags['target-org'] && '--target-org',
        flags['access-token'] && '--access-token',
        flags['client-id'] && '--client-id'
    ].filter(Boolean);
    if (chosen.length > 1) {
        throw new UsageError(`choose one source, not ${chosen.join(' and ')}`);
    }
    if (flags['from-csv']) {
        const dir = fromCaller(flags['from-csv'], env);
        return { kind: 'csv', dir, label: dir };
    }
    if (flags['target-org']) {
        return {
            kind: 'org',
            auth: { kind: 'target-org', alias: flags['target-org'] },
            label: `org ${flags['target-org']}`
        };
    }
    if (instanceUrl && clientId && clientSecret) {
        return {
            kind: 'org',
            auth: { kind: 'client-credentials', instanceUrl, clientId, clientSecret },
            label: instanceUrl
        };
    }
    if (instanceUrl && accessToken) {
        return { kind: 'org', auth: { kind: 'access-token', instanceUrl, accessToken }, label: instanceUrl };
    }
    throw new UsageError(
        'no source: give --target-org, --instance-url with --access-token or client credentials, or --from-csv (see --help)'
    );
}

/** `npm run` starts in the package root; a relative path means relative to where the admin typed it. */
function fromCaller(file: string, env: NodeJS.ProcessEnv): string {
    return path.resolve(env.INIT_CWD ?? process.cwd(), file);
}

/** Parses argv (and the SF_* environment variables); throws UsageError with a one-line reason. */
export function parseCli(argv: string[], env: NodeJS.ProcessEnv): CliOptions | 'help' {
    let values: Record<string, unknown>;
    try {
        values = parseArgs({ args: argv, options: FLAGS, strict: true, allowPositionals: false }).values;
    } catch (error) {
        throw new UsageError(argvProblem(error, Object.keys(FLAGS), 'reclassify'));
    }
    const parsed = optionsSchema.safeParse(values);
    if (!parsed.success) {
        throw new UsageError(
            parsed.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('; ')
        );
    }
    const flags = parsed.data;
    if (flags.help) return 'help';
    if (flags['no-estimate'] && (flags.reestimate || flags['force-estimate'])) {
        throw new UsageError('--no-estimate cannot be combined with --reestimate or --force-estimate');
    }
    if (flags['create-tasks'] && flags['from-csv']) {
        throw new UsageError(
            '--create-tasks needs an org: whether a task is there already can only be asked of the org'
        );
    }
    const now = flags.now ? new Date(flags.now) : new Date();
    return {
        source: sourceOf(flags, env),
        outDir: fromCaller(flags.out ?? path.join('out', now.toISOString().replace(/[:.]/g, '-')), env),
        configFile: flags.config === undefined ? undefined : fromCaller(flags.config, env),
        dryRun: flags['dry-run'],
        full: flags.full,
        json: flags.json,
        estimate: !flags['no-estimate'],
        reestimate: flags.reestimate,
        forceEstimate: flags['force-estimate'],
        massChange: { limit: flags['mass-change-share'] / 100, allowed: flags['allow-mass-change'] },
        createTasks: flags['create-tasks'],
        stateDir: env.KLANTSEGMENTATIE_STATE_DIR ? fromCaller(env.KLANTSEGMENTATIE_STATE_DIR, env) : LOCK_DIR,
        maxApiRequests: flags['max-api-requests'],
        bulkQueryFrom: flags['bulk-query-from'],
        bulkWriteFrom: flags['bulk-write-from'],
        pollTimeoutMs: flags['poll-timeout'] === undefined ? undefined : flags['poll-timeout'] * 1000,
        now
    };
}
