import type { z } from 'zod';
import type { SegmentationConfig } from '../../../force-app/main/default/lwc/segmentRules/segmentRules.js';
import { BrandDetailTable } from './brandDetails.ts';
import { CsvFileError, ROW_FAULT, type CsvRecord } from '../csv.ts';
import { BitSet, TextIndex } from '../storage/columns.ts';
import { InstallerTable } from './installers.ts';
import { READ_OBJECTS, type ObjectName } from '../objects.ts';
import type { Picklists } from '../picklists.ts';
import type { Progress } from './progress.ts';
import {
    cellText,
    check,
    fieldsOf,
    recordSchemas,
    type AccountRecord,
    type BrandDetailRecord,
    type FieldProblem,
    type PotentialRecord,
    type RecordSchemas
} from './records.ts';
import { normalizeId } from '../salesforceId.ts';
import type { RecordSource, RecordStream } from './sources.ts';
import type { RunTally } from './tally.ts';

/** What the night reads: every installer with its potential and inputs, and every brand detail as stored. */
export type Input = { installers: InstallerTable; brandDetails: BrandDetailTable };

/** Input files that cannot be read at all (missing, empty, a column missing, not CSV): the run is refused. */
export class InputFilesError extends Error {
    override readonly name = 'InputFilesError';
    constructor(readonly faults: CsvFileError[]) {
        super(faults.map((fault) => fault.message).join('; '));
    }
}

/** How one object's records are read: its schema, whose installer a row is, and what a good record adds. */
type ObjectReader<R> = {
    object: ObjectName;
    schema: (schemas: RecordSchemas) => z.ZodType<R>;
    /** The field that names the row's installer: a rejected row holds that installer. */
    ownerField: 'Id' | 'Account__c';
    /** Takes a checked record into the tables, or says why it is rejected after all. */
    accept: (record: R) => FieldProblem | undefined;
};

type ReadContext = {
    config: SegmentationConfig;
    installers: InstallerTable;
    brandDetails: BrandDetailTable;
    /** Ids seen, per object, where a source can repeat a record (a folder of exports). */
    seenIds: () => TextIndex | undefined;
};

/**
 * Reads and checks the three objects in turn. Every record passes its schema; a record that does not, or that
 * does not fit the others (an unknown account, a duplicate), is rejected with its Id, file line and bad value,
 * and holds the installer it belongs to: nothing of that installer is written tonight.
 */
export async function readInput(
    source: RecordSource,
    setup: { config: SegmentationConfig; picklists: Picklists; owners: boolean },
    tally: RunTally,
    progress: Progress
): Promise<Input> {
    const { config, picklists, owners } = setup;
    const schemaSets = {
        point: recordSchemas(config, picklists, { owners }),
        comma: recordSchemas(config, picklists, { decimalComma: true, owners })
    };
    const streams = await openAll(source, schemaSets.point, tally);
    const context: ReadContext = {
        config,
        installers: new InstallerTable(config, picklists),
        brandDetails: new BrandDetailTable(),
        seenIds: () => (source.mayRepeatRecords ? new TextIndex() : undefined)
    };
    const readers = [accountReader(context), potentialReader(context), brandDetailReader(context)];
    for (const [index, reader] of readers.entries()) {
        const stream = streams[index]!;
        const schemas = stream.decimalComma ? schemaSets.comma : schemaSets.point;
        await readObject(stream, reader as ObjectReader<unknown>, schemas, context, tally, progress);
    }
    return { installers: context.installers, brandDetails: context.brandDetails };
}

/** Opens every object first, so that all faults of the input files are reported together. */
async function openAll(
    source: RecordSource,
    schemas: RecordSchemas,
    tally: RunTally
): Promise<RecordStream[]> {
    const fields = {
        Account: schemas.account,
        Potential__c: schemas.potential,
        Brand_Detail__c: schemas.brandDetail
    };
    const streams: RecordStream[] = [];
    const faults: CsvFileError[] = [];
    for (const object of READ_OBJECTS) {
        try {
            streams.push(await source.open(object, fieldsOf(fields[object])));
        } catch (error) {
            if (!(error instanceof CsvFileError)) throw error;
            faults.push(error);
            await tally.fileFault(object, error.message);
        }
    }
    if (faults.length > 0) throw new InputFilesError(faults);
    return streams;
}

/** The one read loop: each record checked, accepted into the tables or rejected with what is wrong. */
async function readObject<R>(
    stream: RecordStream,
    reader: ObjectReader<R>,
    schemas: RecordSchemas,
    context: ReadContext,
    tally: RunTally,
    progress: Progress
): Promise<void> {
    const { object } = reader;
    const schema = reader.schema(schemas);
    const stage = `Read ${object}`;
    let rejected = 0;
    let read = 0;
    for await (const raw of stream.records) {
        read = tally.read(object);
        progress.update(stage, { records: read, rejected });
        const fault = (raw as CsvRecord)[ROW_FAULT];
        const checked = fault
            ? { ok: false as const, problems: [{ field: '(row)', value: '', reason: fault }] }
            : check(schema, raw);
        const problem = checked.ok ? reader.accept(checked.record) : undefined;
        if (checked.ok && problem === undefined) continue;
        rejected++;
        const problems = checked.ok ? [problem!] : checked.problems;
        await reject(raw, problems, stream.line(), reader, context, tally);
    }
    progress.done(stage, { records: read, rejected });
}

/** Writes the rejection and holds the installer the row belongs to (when its Id names one). */
async function reject<R>(
    raw: Record<string, unknown>,
    problems: FieldProblem[],
    line: number | undefined,
    reader: ObjectReader<R>,
    context: ReadContext,
    tally: RunTally
): Promise<void> {
    const rawId = cellText(raw.Id);
    const id = normalizeId(rawId) ?? (rawId === '' ? null : rawId);
    await tally.reject({ object: reader.object, id, line, problems });
    const owner = normalizeId(cellText(raw[reader.ownerField]));
    if (owner === undefined) return;
    const where = `${reader.object} ${id ?? '(no Id)'}${line === undefined ? '' : ` (line ${line})`}`;
    const what = problems
        .map(
            (problem) =>
                `${problem.field}${problem.value === '' ? '' : ` "${problem.value}"`} ${problem.reason}`
        )
        .join('; ');
    const because = `${where}: ${what}`;
    const { installers } = context;
    const index = installers.indexOf(owner);
    if (index !== undefined) installers.hold(index, because);
    else if (reader.object === 'Account') installers.addHeld(owner, because);
}

function accountReader({ installers }: ReadContext): ObjectReader<AccountRecord> {
    return {
        object: 'Account',
        schema: (schemas) => schemas.account,
        ownerField: 'Id',
        accept: (account) =>
            installers.add(account) === undefined
                ? { field: 'Id', value: account.Id, reason: 'duplicate Id: this account is read twice' }
                : undefined
    };
}

function duplicateId(id: string): FieldProblem {
    return {
        field: 'Id',
        value: id,
        reason: 'duplicate Id: this record is read twice (in its 15- or 18-character form)'
    };
}

function unknownAccount(accountId: string): FieldProblem {
    return { field: 'Account__c', value: accountId, reason: 'no account with this Id was read' };
}

function potentialReader(context: ReadContext): ObjectReader<PotentialRecord> {
    const { config, installers } = context;
    const groups = config.productGroups;
    const brands = installers.brands;
    // One bit per installer x product group x brand: a million installers' keys as strings would not fit.
    let seenKeys: BitSet | undefined;
    const ids = context.seenIds();
    const cellOf = (installer: number, group: string, brand: string) =>
        (installer * groups.length + groups.indexOf(group)) * brands.length + brands.indexOf(brand);
    /** The boiler cell an odd Key__c names, when it is the key of a boiler row the estimate may upsert. */
    const namedBoilerCell = (key: string) => {
        const [account = '', group = '', brand = ''] = key.split('|');
        const installer = installers.indexOf(normalizeId(account) ?? '');
        if (installer === undefined || group !== config.boilerProductGroup || !brands.includes(brand)) return;
        return { installer, cell: cellOf(installer, group, brand) };
    };
    return {
        object: 'Potential__c',
        schema: (schemas) => schemas.potential,
        ownerField: 'Account__c',
        accept(row) {
            seenKeys ??= new BitSet(installers.size * groups.length * brands.length);
            const installer = installers.indexOf(row.Account__c);
            if (installer === undefined) return unknownAccount(row.Account__c);
            if (ids && ids.add(row.Id) === undefined) return duplicateId(row.Id);
            const group = row.Product_Group__c ?? '';
            const brand = row.Brand__c ?? '';
            const cell = cellOf(installer, group, brand);
            if (seenKeys.has(cell)) {
                return {
                    field: 'Key__c',
                    value: row.Key__c ?? '',
                    reason: `a second potential row for ${group} / ${brand} of this installer`
                };
            }
            seenKeys.add(cell);
            // Its own key, `<Account__c>|<Product_Group__c>|<Brand__c>`: what an upsert of its estimate names.
            const ownKey = `${row.Account__c}|${group}|${brand}`;
            const keyed = row.Key__c === ownKey;
            const named = keyed || row.Key__c === null ? undefined : namedBoilerCell(row.Key__c);
            if (named && named.cell !== cell) {
                // An estimate upserted on that key would overwrite this row: hold the installer it names too.
                const because = `Potential__c ${row.Id} of installer ${row.Account__c} carries its Key__c ${row.Key__c}`;
                installers.hold(named.installer, because);
                return {
                    field: 'Key__c',
                    value: row.Key__c ?? '',
                    reason: `is the key of another potential row (${ownKey} expected)`
                };
            }
            installers.addPotentialRow(installer, {
                productGroup: group,
                brand,
                units: row.Units__c,
                source: row.Source__c,
                id: row.Id,
                keyed
            });
            return undefined;
        }
    };
}

function brandDetailReader(context: ReadContext): ObjectReader<BrandDetailRecord> {
    const { config, installers, brandDetails } = context;
    const vgBrands = config.vgBrands;
    let seenBrands: BitSet | undefined;
    const ids = context.seenIds();
    return {
        object: 'Brand_Detail__c',
        schema: (schemas) => schemas.brandDetail,
        ownerField: 'Account__c',
        accept(detail) {
            seenBrands ??= new BitSet(installers.size * vgBrands.length);
            const installer = installers.indexOf(detail.Account__c);
            if (installer === undefined) return unknownAccount(detail.Account__c);
            if (ids && ids.add(detail.Id) === undefined) return duplicateId(detail.Id);
            const cell = installer * vgBrands.length + vgBrands.indexOf(detail.Brand__c ?? '');
            if (seenBrands.has(cell)) {
                return {
                    field: 'Brand__c',
                    value: detail.Brand__c ?? '',
                    reason: `the installer has a second ${detail.Brand__c} brand detail`
                };
            }
            seenBrands.add(cell);
            const index = brandDetails.add(detail, installer);
            if (detail.VG_Ever_Had_Share__c) installers.markEverHadShare(installer);
            if (!detail.Classification_Locked__c) {
                installers.markWritable(installer);
                if (
                    brandDetails.claimsEstimate(index, config) &&
                    !brandDetails.claimsPotential(index, installers.potential(installer))
                )
                    installers.markEstimateIncomplete(installer);
            }
            return undefined;
        }
    };
}
