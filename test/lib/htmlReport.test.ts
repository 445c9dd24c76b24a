import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { renderHtmlReport, recordUrl } from '../../scripts/lib/reclassify/htmlReport.ts';
import { escapeHtml, html } from '../../scripts/lib/reclassify/htmlReport/html.ts';
import {
    cellColours,
    counted,
    formatCount,
    formatDuration
} from '../../scripts/lib/reclassify/htmlReport/format.ts';
import { MAX_LISTED, type RunReport } from '../../scripts/lib/reclassify/report.ts';
import { contradictions } from '../helpers/reportConsistency.ts';
import {
    busyNightReport,
    estimateRefusedReport,
    HOSTILE_NAME,
    manyDowngradesReport,
    NIGHT_FOLDER,
    NIGHT_ORG,
    refusedNightReport,
    safetyStopReport,
    unchangedNightReport
} from '../helpers/reportFixture.ts';

const HOSTILE = '<script>alert("x")</script> & Zn "Installatie"';

/** Real nights (test/helpers/reportFixture.ts): every number in them comes from the command. */
let night: RunReport;
let nights: Record<string, RunReport>;

before(async () => {
    night = await busyNightReport();
    nights = {
        busy: night,
        manyDowngrades: await manyDowngradesReport(),
        safetyStop: await safetyStopReport(),
        refused: await refusedNightReport(),
        estimateRefused: await estimateRefusedReport(),
        unchanged: await unchangedNightReport()
    };
});

/** The busy night with a few parts changed; the changes must keep its numbers consistent (see render). */
const report = (overrides: Partial<RunReport> = {}): RunReport => ({ ...night, ...overrides });

/** Renders a report whose numbers agree with each other: a fixture that contradicts itself fails here. */
function render(subject: RunReport, simulation = false): string {
    assert.deepEqual(contradictions(subject), [], 'the fixture is a consistent report');
    return renderHtmlReport(subject, { simulation });
}

/** The text a reader sees: tags removed, entities decoded (enough for these assertions). */
function visibleText(page: string): string {
    return page
        .replace(/<style[\s\S]*?<\/style>/g, '')
        .replace(/<[^>]+>/g, ' ')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&')
        .replace(/\s+/g, ' ');
}

const tableOf = (page: string, name: string) =>
    new RegExp(`<table class="matrix ${name}">[\\s\\S]*?</table>`).exec(page)?.[0] ?? '';
const rowOf = (table: string, header: string) =>
    new RegExp(`<th scope="row">${header}</th>([\\s\\S]*?)</tr>`).exec(table)?.[1] ?? '';
const cellsOf = (row: string) => [...row.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((match) => match[1]);
const count = (value: number) => formatCount(value);

test('the fixtures are real nights of every kind, and their numbers agree', () => {
    assert.equal(night.outcome.status, 'partial');
    assert.ok(night.records.heldInstallers > 0 && night.records.lockedWouldChange > 0);
    assert.ok(night.transitions.Keep?.Grow && night.transitions.Grow?.Keep, 'down and up');
    assert.equal(nights.manyDowngrades!.outcome.status, 'ok');
    assert.equal(nights.safetyStop!.outcome.status, 'stopped');
    assert.equal(nights.refused!.outcome.status, 'refused');
    assert.equal(nights.estimateRefused!.estimate.status, 'refused');
    assert.equal(nights.unchanged!.changeCheck.readInFull, false);
    for (const [name, subject] of Object.entries(nights)) assert.deepEqual(contradictions(subject), [], name);
});

test('the consistency check fails on a report whose numbers disagree', () => {
    const { records } = night;
    const moved = { ...night.transitions, Keep: { ...night.transitions.Keep, Win: 0, Grow: 40 } };
    const cases: [string, Partial<RunReport>, RegExp][] = [
        ['more downgrades than the matrix shows', { downgradeCount: night.downgradeCount + 1 }, /downgrades/],
        ['more moves than changed records', { transitions: moved }, /transition|type changes/],
        [
            'key figures beside the tables',
            { records: { ...records, unchanged: records.unchanged + 5 } },
            /count/
        ],
        ['fewer listed than counted', { downgrades: night.downgrades.slice(1) }, /downgrades listed/],
        ['written more than changed', { records: { ...records, written: records.changed + 1 } }, /written/],
        ['estimate rows', { records: { ...records, potentialsToUpsert: 7 } }, /estimate rows/]
    ];
    for (const [what, overrides, message] of cases) {
        const found = contradictions(report(overrides));
        assert.ok(
            found.some((line) => message.test(line)),
            `${what}: ${found.join('; ')}`
        );
    }
});

test('no English sentence in any report: only code (paths, options, the command messages quoted) is not Dutch', () => {
    const english =
        /\b(the|and|every|was|were|would|nothing|through|changed|stopped|refused|skipped|installers|because|went|not run)\b/i;
    for (const [name, subject] of Object.entries(nights)) {
        for (const simulation of [false, true]) {
            const page = render(subject, simulation);
            const ownWords = visibleText(page.replace(/<code\b[^>]*>[\s\S]*?<\/code>/g, ''));
            assert.doesNotMatch(ownWords, english, `${name}: ${english.exec(ownWords)?.[0] ?? ''}`);
        }
    }
});

test('the page is self-contained: one document, inline CSS, no scripts, no external resources', () => {
    const page = render(night);
    assert.match(page, /^<!doctype html>\s*<html lang="nl">/);
    assert.match(page, /<meta charset="utf-8" \/>/);
    assert.match(page, /<style>[\s\S]+<\/style>/);
    assert.doesNotMatch(page, /<script/i);
    assert.doesNotMatch(
        page,
        /<link\b|\bsrc=|@import|url\(/i,
        'no stylesheet, image, font or import from elsewhere'
    );
    assert.match(
        page,
        /Content-Security-Policy" content="default-src 'none'/,
        'scripts are blocked even if one slipped in'
    );
    assert.match(page, /<\/html>\n$/);
});

test('title, source, date, Dutch headings and key figures, all from the night', () => {
    const page = render(night);
    const text = visibleText(page);
    const { records, api } = night;
    assert.match(page, /<title>Klantsegmentatie — 25 november 2026 — org vaillant-prod<\/title>/);
    assert.match(text, /Bron: org vaillant-prod \(Salesforce-org\) · 25 november 2026 om 02:15 · duur \d/);
    for (const heading of [
        'Kerncijfers',
        'Vastgehouden installateurs',
        'Verdeling type klant × segment',
        'Verschuivingen type klant (oud → nieuw)',
        'Gedaalde installateurs',
        'Opvolgtaken',
        'Kwaliteit van de schatting',
        'Fouten',
        'Resultaat'
    ]) {
        assert.match(page, new RegExp(`<h2 id="\\w+">${heading.replace(/[()]/g, '\\$&')}</h2>`), heading);
    }
    assert.ok(
        text.includes(
            `Installateurs ${count(records.accountsRead)} ${count(records.brandDetailsRead)} merkgegevens gelezen`
        )
    );
    assert.ok(text.includes(`Gewijzigd ${count(records.changed)} merkgegevens met een nieuwe indeling`));
    assert.ok(text.includes(`Ongewijzigd ${count(records.unchanged)} niets te schrijven`));
    assert.ok(
        text.includes(
            `Handmatig vastgezet ${count(records.locked)} ${count(records.lockedWouldChange)} zouden anders uitkomen; niet geschreven`
        )
    );
    assert.ok(text.includes(`Geschreven ${count(records.written)} van ${count(records.changed)} gewijzigd`));
    assert.ok(
        text.includes(
            `API-verzoeken ${count(api.requests)} nog ${count(api.dailyRemaining!)} van ${count(api.dailyMax!)} over vandaag`
        )
    );
    assert.match(page, /<div class="card bad"><dt>Vastgehouden<\/dt>/, 'held records stand out');
    assert.match(text, /Gedeeltelijk geslaagd · exitcode 1/);
    assert.ok(
        text.includes(
            `Reden ${counted(records.rejected, 'afgewezen invoerrecord', 'afgewezen invoerrecords')} (${counted(records.heldInstallers, 'installateur', 'installateurs')} vastgehouden), 0 mislukte schrijfacties: zie het foutenbestand`
        )
    );
    assert.match(text, /Wat nu Het foutenbestand noemt elk record met de reden\./);
    assert.match(
        text,
        /Afgewezen invoerrecords 1 \(Account 0, Potential__c 1, Brand_Detail__c 0\) Mislukte schrijfacties 0/
    );
    assert.ok(text.includes(`Per record met de reden: ${NIGHT_FOLDER}/errors.csv`));
    const failed = render(report({ records: { ...records, written: records.changed - 1, failed: 1 } }));
    assert.match(failed, /<div class="card bad"><dt>Mislukt<\/dt>/, 'a failed write stands out');
});

test('held installers: who, and the rejected row as the command wrote it', () => {
    const page = render(night);
    const [held] = night.held;
    assert.ok(held);
    assert.ok(visibleText(page).includes(`${held.accountName} ${held.because}`));
    assert.ok(page.includes(`<code class="message" lang="en">${escapeHtml(held.because)}</code>`));
});

test('heat map: accessible table, every type and segment in order, counts in the cells, colour by count', () => {
    const page = render(night);
    const heat = tableOf(page, 'heat');
    assert.match(heat, /<caption>Aantal merkgegevens na deze run,/);
    const columns = [...heat.matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((match) => match[1]);
    assert.deepEqual(columns, ['1+', '10+', '30+', '75+', '150+', '500+', 'Geen segment', 'Totaal']);
    const rows = [...heat.matchAll(/<th scope="row">([^<]*)<\/th>/g)].map((match) => match[1]);
    assert.deepEqual(rows, ['Win-back', 'Get', 'Grow', 'Keep', 'Geen type', 'Totaal']);
    const cells = Object.entries(night.typeBySegment).flatMap(([type, row]) =>
        Object.entries(row).map(([segment, value]) => ({ type, segment, value }))
    );
    const largest = cells.reduce((a, b) => (b.value > a.value ? b : a));
    const smallest = cells.filter((cell) => cell.value > 0).reduce((a, b) => (b.value < a.value ? b : a));
    assert.match(
        rowOf(heat, largest.type),
        new RegExp(`<td style="background:#00695c;color:#ffffff">${count(largest.value)}</td>`),
        'the largest cell is the darkest, white text'
    );
    assert.match(
        rowOf(heat, smallest.type),
        new RegExp(`<td style="background:#[0-9a-f]{6};color:#1a1a1a">${count(smallest.value)}</td>`),
        'a small count is tinted, dark text'
    );
    assert.match(rowOf(heat, 'Win-back'), /<td class="zero">0<\/td>/);
    assert.match(
        heat,
        new RegExp(`<tfoot>[\\s\\S]*<td class="total">${count(night.records.brandDetailsRead)}</td>`)
    );
});

test('transition matrix: only changed records move, locked ones apart; its totals are the heat map', () => {
    const page = render(night);
    const matrix = tableOf(page, 'transitions');
    const { records, transitions } = night;
    assert.match(
        rowOf(matrix, 'Grow'),
        new RegExp(`<td class="same">${count(transitions.Grow!.Grow!)}</td>`)
    );
    const keepRow = rowOf(matrix, 'Keep');
    const down = new RegExp(
        `style="background:#([0-9a-f]{2})([0-9a-f]{2})[^"]*">${transitions.Keep!.Grow}</td>`
    ).exec(keepRow);
    assert.ok(
        down && Number.parseInt(down[1]!, 16) > Number.parseInt(down[2]!, 16),
        'Keep -> Grow is reddish'
    );
    const growRow = rowOf(matrix, 'Grow');
    const up = new RegExp(
        `style="background:#([0-9a-f]{2})([0-9a-f]{2})[^"]*">${transitions.Grow!.Keep}</td>`
    ).exec(growRow);
    assert.ok(up && Number.parseInt(up[2]!, 16) > Number.parseInt(up[1]!, 16), 'Grow -> Keep is greenish');
    const moved = Object.entries(transitions).reduce(
        (sum, [from, to]) => sum + Object.entries(to).reduce((s, [t, n]) => s + (t === from ? 0 : n), 0),
        0
    );
    const text = visibleText(page);
    assert.ok(
        text.includes(
            `${moved} van de ${records.changed} gewijzigde merkgegevens krijgen een ander type klant; de andere ${records.changed - moved} houden hun type`
        )
    );
    assert.ok(
        text.includes(
            `${records.lockedWouldChange} handmatig vastgezette merkgegevens zouden volgens de regels anders uitkomen`
        )
    );
    const totalsAfter = cellsOf(/<tfoot>([\s\S]*?)<\/tfoot>/.exec(matrix)?.[1] ?? '');
    const heatTotals = ['Win-back', 'Get', 'Grow', 'Keep', 'Geen type'].map((type) =>
        cellsOf(rowOf(tableOf(page, 'heat'), type)).at(-1)
    );
    assert.deepEqual(totalsAfter.slice(0, -1), heatTotals, '"Totaal na" is the heat map, type by type');
});

test('every value is escaped: a name with <script>, a hostile source, reason and file path', () => {
    const hostile = report({
        source: { kind: 'org', label: HOSTILE },
        configFile: `/tmp/${HOSTILE}.json`,
        downgrades: [
            {
                ...night.downgrades[0]!,
                id: 'a01"><script>x</script>',
                accountName: HOSTILE,
                brand: '<b>AWB</b>'
            }
        ],
        outcome: { status: 'failed', exitCode: 2, reason: '<img src=x onerror=alert(1)>', next: '' },
        jobs: [{ object: 'Brand_Detail__c', id: '750<x>', state: 'Failed & aborted' }]
    });
    // Not a night: values no run would give, to see that each one is escaped wherever it appears.
    const page = renderHtmlReport(hostile, { simulation: true });
    assert.doesNotMatch(page, /<script/i);
    assert.doesNotMatch(page, /<img/i);
    assert.doesNotMatch(page, /<b>AWB/);
    assert.ok(page.includes(escapeHtml(HOSTILE)));
    assert.ok(
        page.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Zn &quot;Installatie&quot;')
    );
    assert.ok(
        page.includes('/lightning/r/Brand_Detail__c/a01%22%3E%3Cscript%3Ex%3C%2Fscript%3E/view'),
        'the id is URL-encoded in the link'
    );
    assert.ok(
        page.includes(`aria-label="Merkgegevens van ${escapeHtml(HOSTILE)} openen in Salesforce"`),
        'attributes too'
    );
    assert.ok(visibleText(render(night)).includes(HOSTILE_NAME), 'a real hostile name of the night, as text');
});

test('the html helper escapes interpolations and keeps nested fragments', () => {
    assert.equal(html`<p>${'<a & "b">'}</p>`.text, '<p>&lt;a &amp; &quot;b&quot;&gt;</p>');
    assert.equal(html`<ul>${['x', html`<li>${"it's"}</li>`]}</ul>`.text, '<ul>x<li>it&#39;s</li></ul>');
    assert.equal(html`${null}${undefined}${false}${0}`.text, '0');
});

test('simulation: a clear SIMULATIE (what-if) banner only when asked', () => {
    const { records } = night;
    const dry = report({ dryRun: true, records: { ...records, written: 0, potentialsWritten: 0 } });
    const simulated = render(dry, true);
    assert.match(simulated, /<div class="banner" role="note"><strong>SIMULATIE \(what-if\)<\/strong>/);
    assert.match(visibleText(simulated), /Er is niets in Salesforce gewijzigd/);
    assert.match(simulated, /<title>Klantsegmentatie SIMULATIE — /);
    assert.match(visibleText(simulated), /zouden een ander type klant krijgen/);
    const wrote = render(night, true);
    assert.ok(
        visibleText(wrote).includes(
            `Let op: deze run heeft wel ${records.written + records.potentialsWritten} records geschreven`
        ),
        'never claims nothing was written when it was'
    );
    const real = render(night);
    assert.doesNotMatch(real, /SIMULATIE/);
    assert.doesNotMatch(real, /class="banner"/);
    const dryRun = visibleText(render(dry));
    assert.match(dryRun, /Proefdraai \( --dry-run \): alles is gelezen en berekend, er is niets geschreven/);
    assert.match(dryRun, /Geschreven 0 proefdraai: niets geschreven/);
});

test('a night found unchanged says so in Dutch, shows what the last complete run left, and no empty matrix', () => {
    const quiet = nights.unchanged!;
    const page = render(quiet);
    const text = visibleText(page);
    assert.match(
        text,
        /Niets gewijzigd in de org sinds de vorige volledige run \(dezelfde aantallen records, geen record gewijzigd behalve door die run\): er is niets gelezen of geschreven/
    );
    assert.match(
        text,
        /Gelezen 0 records: niets gewijzigd in de org Geschreven 0 niets geschreven API-verzoeken 13/
    );
    assert.match(text, /Aantal merkgegevens zoals de vorige volledige run ze achterliet/);
    assert.match(text, /Deze nacht is niets gelezen, dus er is niets verschoven\./);
    assert.doesNotMatch(page, /class="matrix transitions"/);
    assert.match(text, /Niets gewijzigd sinds de vorige volledige run, dus niets geschat\./);
    assert.match(text, /Geen fouten: er is niets gelezen of geschreven\./);
    assert.match(
        text,
        /Reden niets gewijzigd sinds de vorige volledige run, dus niets gelezen of geschreven/
    );
    assert.doesNotMatch(render(night), /Niets gewijzigd in de org/);
});

test('a night refused before it read shows no empty tables, and the reason quoted', () => {
    const refused = nights.refused!;
    const page = render(refused);
    const text = visibleText(page);
    assert.match(text, /De run is gestopt voordat hij merkgegevens indeelde: er is niets geschreven/);
    assert.doesNotMatch(page, /class="matrix/);
    assert.doesNotMatch(text, /Gedaalde installateurs|Kwaliteit van de schatting/);
    assert.match(
        text,
        /Reden er is niets gelezen of geschreven: de opdracht, de configuratie of de invoer is geweigerd\. Melding van de run: .*Account\.csv: cannot be opened/
    );
    assert.match(
        text,
        /Geen afgewezen records of mislukte schrijfacties: de run stopte voordat hij iets indeelde\./
    );
});

test('the safety stop: what it saw, in Dutch, against its limit; what would have happened is "would"', () => {
    const stopped = nights.safetyStop!;
    const { clears, classified } = stopped.safetyStop;
    const text = visibleText(render(stopped));
    assert.match(text, /Veiligheidsstop: er is niets geschreven\. .* \(grens 10,0%\)\./);
    assert.ok(
        text.includes(
            `De run zou bij ${count(clears)} van de ${count(classified)} ingedeelde merkgegevens het type klant of segment wissen`
        )
    );
    assert.match(text, /Is de wijziging echt bedoeld, draai dan opnieuw met --allow-mass-change\./);
    assert.match(text, /Aantal merkgegevens zoals deze run ze zou indelen \(er is niets geschreven\)/);
    assert.ok(
        text.includes(`${count(stopped.downgradeCount)} merkgegevens zouden een lager type klant krijgen`)
    );
});

test('downgrades link to the record only with an instance URL', () => {
    const withOrg = render(night);
    const [first] = night.downgrades;
    assert.ok(first);
    assert.ok(
        withOrg.includes(`<a href="${NIGHT_ORG.instanceUrl}/lightning/r/Brand_Detail__c/${first.id}/view"`)
    );
    assert.match(withOrg, /<th scope="col">Salesforce<\/th>/);
    assert.ok(
        visibleText(withOrg).includes(
            `${first.accountName} ${first.brand} ${first.from} → ${first.to} Openen`
        )
    );

    const csv = render(
        report({
            instanceUrl: null,
            source: { kind: 'csv', label: '/srv/exports/2026-11-24' },
            records: { ...night.records, written: 0, potentialsWritten: 0 }
        })
    );
    assert.doesNotMatch(csv, /<a /);
    assert.doesNotMatch(csv, /<th scope="col">Salesforce<\/th>/);
    assert.match(visibleText(csv), /Geen links: deze run las geen org/);
    assert.match(visibleText(csv), /API-verzoeken — niet van toepassing \(CSV\)/);
    assert.match(
        visibleText(csv),
        /CSV-run: de wijzigingen staan klaar om met Data Loader te laden, in deze volgorde: \/var\/log\/klantsegmentatie\/2026-11-25\/Brand_Detail__c\.update\.csv \(update\)/
    );

    const crafted = renderHtmlReport(report({ instanceUrl: 'javascript:alert(1)//' }), { simulation: false });
    assert.doesNotMatch(crafted, /<a /, 'only http(s) instance URLs become links');
    assert.equal(
        recordUrl('https://x.my.salesforce.com/', 'a01'),
        'https://x.my.salesforce.com/lightning/r/Brand_Detail__c/a01/view'
    );
    assert.equal(recordUrl(null, 'a01'), null);
});

test('downgrades: a note when more went down than are listed; a plain line when none did', () => {
    const many = nights.manyDowngrades!;
    assert.ok(
        visibleText(render(many)).includes(
            `In totaal zijn ${count(many.downgradeCount)} merkgegevens gedaald; hier staan de eerste ${count(MAX_LISTED)}.`
        )
    );
    assert.doesNotMatch(visibleText(render(night)), /In totaal zijn/, 'all of them listed: no note');
    const none = render(nights.estimateRefused!);
    assert.match(visibleText(none), /Geen installateur is in type klant gedaald/);
    assert.doesNotMatch(none, /<table class="list">\s*<caption>Gedaalde/);
});

test('estimate quality: what was estimated from what, model against baseline; refused and skipped in Dutch', () => {
    const first = visibleText(render(nights.safetyStop!));
    assert.match(first, /De schatting is overgeslagen: de run is gestart met --no-estimate \./);
    const again = visibleText(render(night));
    const estimate = night.estimate;
    assert.equal(estimate.status, 'done');
    assert.ok(
        again.includes(
            `Vannacht hoefde geen installateur geschat te worden. De schatting is wel opnieuw geleerd en getoetst, van de ${count(estimate.trainingInstallers)} installateurs waarvan sales de potentie invulde.`
        )
    );
    assert.match(again, /Gemiddelde afwijking \(ketels\) \d+,\d \d+,\d (beter|slechter|gelijk)/);
    assert.match(again, /5-voudige kruisvalidatie/);
    const estimated = report({
        estimate: { ...estimate, estimatedInstallers: 102, rowsToUpsert: 0 }
    } as Partial<RunReport>);
    assert.match(
        visibleText(render(estimated)),
        /102 installateurs zonder ingevulde ketelpotentie zijn geschat \(0 geschatte potentieregels\), geleerd van de \d+ installateurs waarvan sales de potentie invulde\./
    );
    const refused = nights.estimateRefused!;
    assert.equal(refused.estimate.status, 'refused');
    const text = visibleText(render(refused));
    assert.ok(
        text.includes(
            `De schatting is geweigerd: te weinig installateurs waarvan sales de ketelpotentie invulde om van te leren (${count(refused.estimate.trainingInstallers)}; het minimum staat in de configuratie onder estimate.minTrainingInstallers ).`
        )
    );
    assert.match(
        text,
        /Reden de schatting is geweigerd \(zie Kwaliteit van de schatting\); de andere installateurs zijn ingedeeld/
    );
});

test('no errors and an ok outcome read as such', () => {
    const text = visibleText(render(nights.manyDowngrades!));
    assert.match(text, /Geen fouten: elk record is gelezen\./, 'a CSV run writes nothing itself');
    assert.match(text, /Geslaagd · exitcode 0/);
    assert.match(text, /Reden elk record is verwerkt/);
    assert.doesNotMatch(text, /Wat nu/);
});

test('a config with other type and segment names orders the axes as told', () => {
    const three = { Terugwinnen: 1, Behouden: 2 };
    const custom = report({
        axes: { customerTypes: ['Terugwinnen', 'Behouden'], segments: ['5+', '1000+'] },
        records: {
            ...night.records,
            brandDetailsRead: 3,
            changed: 0,
            unchanged: 3,
            locked: 0,
            lockedWouldChange: 0,
            held: 0,
            heldInstallers: 0,
            written: 0,
            rejected: 0,
            rejectedByObject: { Account: 0, Potential__c: 0, Brand_Detail__c: 0 }
        },
        held: [],
        before: { customerType: three, segment: { '5+': 1, '1000+': 2 } },
        after: { customerType: three, segment: { '5+': 1, '1000+': 2 } },
        transitions: { Terugwinnen: { Terugwinnen: 1 }, Behouden: { Behouden: 2 } },
        typeBySegment: { Terugwinnen: { '5+': 1 }, Behouden: { '1000+': 2 } },
        downgrades: [],
        downgradeCount: 0
    });
    const heat = tableOf(render(custom), 'heat');
    assert.deepEqual(
        [...heat.matchAll(/<th scope="(?:col|row)">([^<]*)<\/th>/g)].map((match) => match[1]),
        ['5+', '1000+', 'Totaal', 'Terugwinnen', 'Behouden', 'Totaal']
    );
    const unknown = render({ ...custom, axes: night.axes });
    assert.match(
        unknown,
        /<th scope="col">500\+<\/th>\s*<th scope="col">5\+<\/th>\s*<th scope="col">1000\+<\/th>/,
        'unknown segments sort by their floor'
    );
});

test('formatting helpers', () => {
    assert.equal(formatDuration(850), '850 ms');
    assert.equal(formatDuration(42_000), '42 s');
    assert.equal(formatDuration(3_723_000), '1 u 02 min');
    assert.equal(cellColours(0, 10, 'teal'), undefined);
    assert.deepEqual(cellColours(10, 10, 'teal'), { background: '#00695c', color: '#ffffff' });
    assert.equal(counted(1, 'installateur', 'installateurs'), '1 installateur');
    assert.equal(counted(1234, 'installateur', 'installateurs'), '1.234 installateurs');
});
