import { z } from 'zod';
import { normalizeId } from './ids.ts';

/**
 * Deterministic fault injection: each rule says when it fires (a method and path, a piece of the query string,
 * a record written, or the nth data request) and how often. Nothing here is random, so a test that injects a fault sees it every run.
 *
 * Request faults act before the request is served: expireSession (every session becomes invalid until a new
 * token is fetched; this request already gets 401), unavailable (503 maintenance page), reset (the socket is
 * destroyed), requestLimit (403 REQUEST_LIMIT_EXCEEDED); or after: loseResponse (the request is served, its
 * writes land, but the socket is destroyed instead of answering: a lost answer). The first matching request
 * fault wins.
 * Job faults mark the Bulk job the request creates or names: ingestFails (the ingest job ends Failed),
 * stuck (the job stays InProgress). Record faults: lockRow makes writes of the listed records (or of
 * records whose master is listed) fail with UNABLE_TO_LOCK_ROW, `times` times per record.
 */

export const FAULT_EFFECTS = [
    'expireSession',
    'unavailable',
    'reset',
    'loseResponse',
    'requestLimit',
    'lockRow',
    'ingestFails',
    'stuck'
] as const;
export type FaultEffect = (typeof FAULT_EFFECTS)[number];

const REQUEST_EFFECTS: ReadonlySet<FaultEffect> = new Set([
    'expireSession',
    'unavailable',
    'reset',
    'loseResponse',
    'requestLimit'
]);
const JOB_EFFECTS: ReadonlySet<FaultEffect> = new Set(['ingestFails', 'stuck']);

export const faultRuleSchema = z
    .strictObject({
        effect: z.enum(FAULT_EFFECTS),
        /** Fires on the nth data request (1-based, counted since start or resetStats; token requests excluded). */
        requestNumber: z.number().int().positive().optional(),
        /** HTTP method, e.g. "PATCH". */
        method: z.string().toUpperCase().optional(),
        /** Substring of the request path (without query string), e.g. "/composite/sobjects". */
        path: z.string().min(1).optional(),
        /** Substring of the decoded query string, e.g. a piece of the SOQL of GET /query ("Units__c"). */
        query: z.string().min(1).optional(),
        /** Matching requests to let through before the rule fires (1: it fires on the second match). */
        skip: z.number().int().positive().optional(),
        /** Records (15 or 18 characters): lockRow's locked records; for other effects, the request must write one. */
        recordIds: z.array(z.string()).min(1).optional(),
        /** How often the rule fires (for lockRow: per record); "always" never wears off. Default 1. */
        times: z.union([z.number().int().positive(), z.literal('always')]).default(1),
        /** ingestFails: the job's errorMessage. */
        message: z.string().optional()
    })
    .refine((rule) => rule.effect !== 'lockRow' || rule.recordIds !== undefined, {
        message: 'lockRow needs recordIds',
        path: ['recordIds']
    });

export type FaultRule = z.input<typeof faultRuleSchema>;

/** Parses fault rules, listing every problem with its path (for setFaults and the admin endpoint). */
export function parseFaultRules(raw: unknown): z.output<typeof faultRuleSchema>[] {
    const result = z.array(faultRuleSchema).safeParse(raw);
    if (!result.success) {
        const problems = result.error.issues.map(
            (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`
        );
        throw new Error(`Invalid fault rules: ${problems.join('; ')}`);
    }
    return result.data;
}

export type RequestFacts = {
    requestNumber: number | undefined;
    method: string;
    path: string;
    /** The decoded query string ("q=SELECT …"). */
    query: string;
    /** Ids of the records the request writes (composite bodies, uploaded CSV), read only when a rule asks. */
    recordIds: () => ReadonlySet<string>;
};

type ActiveRule = z.output<typeof faultRuleSchema> & {
    remaining: number;
    /** Matching requests still to let through (skip). */
    toSkip: number;
    /** recordIds in 18-character form, each with the times it has left (lockRow counts per record). */
    remainingByRecord: Map<string, number>;
};

export class FaultInjector {
    private rules: ActiveRule[] = [];

    set(rules: unknown): void {
        this.rules = parseFaultRules(rules).map((rule) => {
            const remaining = rule.times === 'always' ? Number.POSITIVE_INFINITY : rule.times;
            const ids = (rule.recordIds ?? []).map((id) => normalizeId(id) ?? id);
            return {
                ...rule,
                remaining,
                toSkip: rule.skip ?? 0,
                remainingByRecord: new Map(ids.map((id) => [id, remaining]))
            };
        });
    }

    private matches(rule: ActiveRule, facts: RequestFacts): boolean {
        if (rule.requestNumber !== undefined && rule.requestNumber !== facts.requestNumber) return false;
        if (rule.method !== undefined && rule.method !== facts.method) return false;
        if (rule.path !== undefined && !facts.path.includes(rule.path)) return false;
        if (rule.query !== undefined && !facts.query.includes(rule.query)) return false;
        return true;
    }

    /** A matching request uses up one of the rule's skips first; true when the rule fires on it. */
    private fires(rule: ActiveRule): boolean {
        if (rule.toSkip === 0) return true;
        rule.toSkip -= 1;
        return false;
    }

    /** The request fault to act on, if any; firing uses up one of its times. */
    requestFault(facts: RequestFacts): FaultEffect | undefined {
        const rule = this.rules.find(
            (r) =>
                REQUEST_EFFECTS.has(r.effect) &&
                r.remaining > 0 &&
                this.matches(r, facts) &&
                (r.recordIds === undefined ||
                    [...r.remainingByRecord.keys()].some((id) => facts.recordIds().has(id))) &&
                this.fires(r)
        );
        if (!rule) return undefined;
        rule.remaining -= 1;
        return rule.effect;
    }

    /** Job faults for the job a request creates or addresses; each rule marks a job once per time. */
    jobFaults(facts: RequestFacts, kind: 'ingest' | 'query'): { effect: FaultEffect; message?: string }[] {
        const fired: { effect: FaultEffect; message?: string }[] = [];
        for (const rule of this.rules) {
            if (!JOB_EFFECTS.has(rule.effect) || rule.remaining <= 0 || !this.matches(rule, facts)) continue;
            if (rule.effect === 'ingestFails' && kind !== 'ingest') continue;
            if (!this.fires(rule)) continue;
            rule.remaining -= 1;
            fired.push(
                rule.message === undefined
                    ? { effect: rule.effect }
                    : { effect: rule.effect, message: rule.message }
            );
        }
        return fired;
    }

    /** Record fault check made while writing: true when the record is locked for this request. */
    isLocked(recordId: string, facts: RequestFacts): boolean {
        for (const rule of this.rules) {
            if (rule.effect !== 'lockRow' || !this.matches(rule, facts)) continue;
            const left = rule.remainingByRecord.get(recordId);
            if (left !== undefined && left > 0) {
                rule.remainingByRecord.set(recordId, left - 1);
                return true;
            }
        }
        return false;
    }
}
