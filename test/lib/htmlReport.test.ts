import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderHtmlReport, recordUrl } from '../../scripts/lib/htmlReport.ts';
import { escapeHtml, html } from '../../scripts/lib/htmlReport/html.ts';
import { cellColours, formatDuration } from '../../scripts/lib/htmlReport/format.ts';
import { noFollowUps, type RunReport } from '../../scripts/lib/report.ts';
import { NO_SAFETY_STOP } from '../helpers/reportParts.ts';

const HOSTILE = '<script>alert("x")</script> & Zn "Installatie"';

function report(overrides: Partial<RunReport> = {}): RunReport {
    return {
        reportVersion: 2,
        source: { kind: 'org', label: 'org vg-prod' },
        dryRun: false,
        configFile: '/srv/klantsegmentatie/segmentationConfig.json',
        startedAt: '2026-11-25T01:00:00.000Z',
        finishedAt: '2026-11-25T01:03:05.000Z',
        durationMs: 185_000,
        axes: {
            customerTypes: ['Win-back', 'Get', 'Grow', 'Keep'],
            segments: ['1+', '10+', '30+', '75+', '150+', '500+']
        },
        records: {
            accountsRead: 1234,
            potentialsRead: 5678,
            brandDetailsRead: 2100,
            rejected: 2,
            rejectedByObject: { Account: 0, Potential__c: 2, Brand_Detail__c: 0 },
            heldInstallers: 0,
            held: 0,
            changed: 310,
            unchanged: 1770,
            locked: 20,
            lockedWouldChange: 4,
            written: 309,
            failed: 1,
            potentialsToUpsert: 420,
            potentialsNew: 130,
            potentialsToKey: 0,
            potentialsWritten: 420
        },
        held: [],
        safetyStop: NO_SAFETY_STOP,
        changeCheck: { readInFull: true, reason: 'Brand_Detail__c: records changed since the last run' },
        estimate: {
            status: 'done',
            estimatedInstallers: 140,
            trainingInstallers: 900,
            rowsToUpsert: 420,
            quality: {
                folds: 5,
                heldOutInstallers: 900,
                mae: { model: 6.25, baseline: 11.5 },
                segmentAccuracy: { model: 0.71, baseline: 0.52 },
                typeAccuracy: { model: 0.83, baseline: 0.64 }
            }
        },
        before: { customerType: { Grow: 1000, Keep: 1100 }, segment: { '30+': 2100 } },
        after: { customerType: { Grow: 990, Keep: 1110 }, segment: { '30+': 2100 } },
        transitions: { Grow: { Grow: 980, Keep: 20 }, Keep: { Keep: 1090, Grow: 10 }, '(geen)': { Get: 3 } },
        typeBySegment: { Grow: { '30+': 990, '1+': 7 }, Keep: { '30+': 1110 }, Get: { '(geen)': 3 } },
        downgrades: [
            {
                id: 'a01000000000002AAA',
                accountId: '001000000000002AAA',
                accountName: 'Jansen Installatie',
                brand: 'Vaillant',
                from: 'Keep',
                to: 'Grow'
            }
        ],
        downgradeCount: 1,
        tasks: noFollowUps(),
        instanceUrl: 'https://vaillant.my.salesforce.com',
        api: {
            requests: 37,
            byKind: { query: 30, compositeWrite: 7 },
            dailyMax: 100_000,
            dailyRemaining: 98_765
        },
        jobs: [],
        files: {
            brandDetailUpdates: 'out/run/Brand_Detail__c.update.csv',
            potentialKeys: 'out/run/Potential__c.update.csv',
            potentialUpserts: 'out/run/Potential__c.upsert.csv',
            followUpsWanted: null,
            followUpInserts: null,
            errors: 'out/run/errors.csv',
            html: 'out/run/report.html',
            report: 'out/run/report.json'
        },
        outcome: {
            status: 'partial',
            exitCode: 1,
            reason: '2 input records rejected, 1 writes failed: see out/run/errors.csv',
            next: 'errors.csv lists each record'
        },
        ...overrides
    };
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

test('the page is self-contained: one document, inline CSS, no scripts, no external resources', () => {
    const page = renderHtmlReport(report(), { simulation: false });
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

test('title, source, date, Dutch headings and key figures', () => {
    const page = renderHtmlReport(report(), { simulation: false });
    const text = visibleText(page);
    assert.match(page, /<title>Klantsegmentatie — 25 november 2026 — org vg-prod<\/title>/);
    assert.match(text, /Bron: org vg-prod \(Salesforce-org\) · 25 november 2026 om 02:00 · duur 3 min 05 s/);
    for (const heading of [
        'Kerncijfers',
        'Verdeling type klant × segment',
        'Verschuivingen type klant (oud → nieuw)',
        'Gedaalde installateurs',
        'Kwaliteit van de schatting',
        'Fouten',
        'Resultaat'
    ]) {
        assert.match(page, new RegExp(`<h2 id="\\w+">${heading.replace(/[()]/g, '\\$&')}</h2>`), heading);
    }
    assert.match(text, /Installateurs 1\.234 2\.100 merkgegevens gelezen/);
    assert.match(text, /Gewijzigd 310 /);
    assert.match(text, /Ongewijzigd 1\.770 /);
    assert.match(text, /Handmatig vastgezet 20 4 zouden anders uitkomen/);
    assert.match(text, /Geschreven 309 van 310 gewijzigd/);
    assert.match(text, /Mislukt 1 schrijfacties/);
    assert.match(text, /API-verzoeken 37 nog 98\.765 van 100\.000 over vandaag/);
    assert.match(page, /<div class="card bad"><dt>Mislukt<\/dt>/, 'a failed write stands out');
    assert.match(text, /Gedeeltelijk geslaagd · exitcode 1/);
    assert.match(text, /Reden 2 input records rejected, 1 writes failed: see out\/run\/errors\.csv/);
    assert.match(
        text,
        /Afgewezen invoerrecords 2 \(Account 0, Potential__c 2, Brand_Detail__c 0\) Mislukte schrijfacties 1/
    );
    assert.match(text, /Per record met de reden: out\/run\/errors\.csv/);
});

test('heat map: accessible table, every type and segment in order, counts in the cells, colour by count', () => {
    const page = renderHtmlReport(report(), { simulation: false });
    const heat = /<table class="matrix heat">[\s\S]*?<\/table>/.exec(page)?.[0] ?? '';
    assert.match(heat, /<caption>/);
    const columns = [...heat.matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((match) => match[1]);
    assert.deepEqual(columns, ['1+', '10+', '30+', '75+', '150+', '500+', 'Geen segment', 'Totaal']);
    const rows = [...heat.matchAll(/<th scope="row">([^<]*)<\/th>/g)].map((match) => match[1]);
    assert.deepEqual(rows, ['Win-back', 'Get', 'Grow', 'Keep', 'Totaal']);
    const keepRow = /<th scope="row">Keep<\/th>([\s\S]*?)<\/tr>/.exec(heat)?.[1] ?? '';
    assert.match(
        keepRow,
        /<td style="background:#00695c;color:#ffffff">1\.110<\/td>/,
        'the largest cell is the darkest, white text'
    );
    assert.match(keepRow, /<td class="zero">0<\/td>/);
    assert.match(keepRow, /<td class="total">1\.110<\/td>/);
    const growRow = /<th scope="row">Grow<\/th>([\s\S]*?)<\/tr>/.exec(heat)?.[1] ?? '';
    assert.match(
        growRow,
        /<td style="background:#[0-9a-f]{6};color:#1a1a1a">7<\/td>/,
        'a small count is tinted, dark text'
    );
    assert.match(heat, /<tfoot>[\s\S]*<td class="total">2\.100<\/td>/);
});

test('transition matrix: diagonal muted, down red, up green, totals', () => {
    const page = renderHtmlReport(report(), { simulation: false });
    const matrix = /<table class="matrix transitions">[\s\S]*?<\/table>/.exec(page)?.[0] ?? '';
    assert.match(matrix, /<td class="same">980<\/td>/);
    assert.match(matrix, /<td class="same">1\.090<\/td>/);
    const keepRow = /<th scope="row">Keep<\/th>([\s\S]*?)<\/tr>/.exec(matrix)?.[1] ?? '';
    assert.match(keepRow, /style="background:#([0-9a-f]{6});[^"]*">10<\/td>/);
    const down = /style="background:#([0-9a-f]{2})([0-9a-f]{2})/.exec(keepRow);
    assert.ok(
        down && Number.parseInt(down[1]!, 16) > Number.parseInt(down[2]!, 16),
        'Keep -> Grow is reddish'
    );
    const growRow = /<th scope="row">Grow<\/th>([\s\S]*?)<\/tr>/.exec(matrix)?.[1] ?? '';
    const up = /style="background:#([0-9a-f]{2})([0-9a-f]{2})[^"]*">20<\/td>/.exec(growRow);
    assert.ok(up && Number.parseInt(up[2]!, 16) > Number.parseInt(up[1]!, 16), 'Grow -> Keep is greenish');
    assert.match(visibleText(page), /33 merkgegevens krijgen een ander type klant/);
    assert.match(matrix, /<th scope="row">Geen type<\/th>/);
});

test('every value is escaped: a name with <script>, a hostile source, reason and file path', () => {
    const hostile = report({
        source: { kind: 'org', label: HOSTILE },
        configFile: `/tmp/${HOSTILE}.json`,
        downgrades: [
            {
                id: 'a01"><script>x</script>',
                accountId: '001',
                accountName: HOSTILE,
                brand: '<b>AWB</b>',
                from: 'Keep',
                to: 'Get'
            }
        ],
        transitions: { [HOSTILE]: { Keep: 1 } },
        typeBySegment: { Keep: { [HOSTILE]: 2 } },
        outcome: { status: 'failed', exitCode: 2, reason: '<img src=x onerror=alert(1)>', next: '' },
        jobs: [{ object: 'Brand_Detail__c', id: '750<x>', state: 'Failed & aborted' }]
    });
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
});

test('the html helper escapes interpolations and keeps nested fragments', () => {
    assert.equal(html`<p>${'<a & "b">'}</p>`.text, '<p>&lt;a &amp; &quot;b&quot;&gt;</p>');
    assert.equal(html`<ul>${['x', html`<li>${"it's"}</li>`]}</ul>`.text, '<ul>x<li>it&#39;s</li></ul>');
    assert.equal(html`${null}${undefined}${false}${0}`.text, '0');
});

test('simulation: a clear SIMULATIE (what-if) banner only when asked', () => {
    const simulated = renderHtmlReport(
        report({ records: { ...report().records, written: 0, potentialsWritten: 0 } }),
        { simulation: true }
    );
    assert.match(simulated, /<div class="banner" role="note"><strong>SIMULATIE \(what-if\)<\/strong>/);
    assert.match(visibleText(simulated), /Er is niets in Salesforce gewijzigd/);
    assert.match(simulated, /<title>Klantsegmentatie SIMULATIE — /);
    const wrote = renderHtmlReport(report(), { simulation: true });
    assert.match(
        visibleText(wrote),
        /Let op: deze run heeft wel 729 records geschreven/,
        'never claims nothing was written when it was'
    );
    const real = renderHtmlReport(report(), { simulation: false });
    assert.doesNotMatch(real, /SIMULATIE/);
    assert.doesNotMatch(real, /class="banner"/);
    const dryRun = renderHtmlReport(report({ dryRun: true }), { simulation: false });
    assert.match(
        visibleText(dryRun),
        /Proefdraai \( --dry-run \): alles is gelezen en berekend, er is niets geschreven/
    );
    assert.match(visibleText(dryRun), /Geschreven 309 proefdraai: niets geschreven/);
});

test('a night found unchanged says so and why; a full read shows no such notice', () => {
    const reason = 'nothing changed in the org since the complete run of 2026-11-24T01:00:00.000Z';
    const quiet = renderHtmlReport(report({ changeCheck: { readInFull: false, reason } }), {
        simulation: false
    });
    assert.match(
        visibleText(quiet),
        /Niets gewijzigd sinds de vorige volledige run: niets gelezen of geschreven; de verdeling hieronder is die van die run\. \(nothing changed in the org since the complete run of 2026-11-24T01:00:00\.000Z\)/
    );
    assert.doesNotMatch(renderHtmlReport(report(), { simulation: false }), /Niets gewijzigd sinds/);
});

test('downgrades link to the record only with an instance URL', () => {
    const withOrg = renderHtmlReport(report(), { simulation: false });
    assert.match(
        withOrg,
        /<a href="https:\/\/vaillant\.my\.salesforce\.com\/lightning\/r\/Brand_Detail__c\/a01000000000002AAA\/view"/
    );
    assert.match(withOrg, /<th scope="col">Salesforce<\/th>/);
    assert.match(visibleText(withOrg), /Jansen Installatie Vaillant Keep → Grow Openen/);

    const csv = renderHtmlReport(
        report({ instanceUrl: null, source: { kind: 'csv', label: 'test/fixtures/small' } }),
        { simulation: false }
    );
    assert.doesNotMatch(csv, /<a /);
    assert.doesNotMatch(csv, /<th scope="col">Salesforce<\/th>/);
    assert.match(visibleText(csv), /Geen links: deze run las geen org/);
    assert.match(visibleText(csv), /API-verzoeken — niet van toepassing \(CSV\)/);
    assert.match(
        visibleText(csv),
        /CSV-run: de wijzigingen staan klaar om met Data Loader te laden, in deze volgorde: out\/run\/Brand_Detail__c\.update\.csv \(update\), out\/run\/Potential__c\.update\.csv \(update\) en out\/run\/Potential__c\.upsert\.csv/
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
    const many = renderHtmlReport(report({ downgradeCount: 1500 }), { simulation: false });
    assert.match(visibleText(many), /In totaal zijn 1\.500 merkgegevens gedaald; hier staan de eerste 1\./);
    const none = renderHtmlReport(report({ downgrades: [], downgradeCount: 0 }), { simulation: false });
    assert.match(visibleText(none), /Geen installateur is in type klant gedaald/);
    assert.doesNotMatch(none, /<table class="list">\s*<caption>Gedaalde/);
});

test('estimate quality: model against baseline when done, the reason otherwise', () => {
    const done = visibleText(renderHtmlReport(report(), { simulation: false }));
    assert.match(
        done,
        /140 installateurs zonder ingevulde ketelpotentie zijn geschat, geleerd van 900 installateurs/
    );
    assert.match(done, /Gemiddelde afwijking \(ketels\) 6,3 11,5 beter/);
    assert.match(done, /Segment juist 71,0% 52,0% beter/);
    assert.match(done, /Type klant juist 83,0% 64,0% beter/);
    assert.match(done, /5-voudige kruisvalidatie/);
    const skipped = visibleText(
        renderHtmlReport(report({ estimate: { status: 'skipped', reason: '--no-estimate' } }), {
            simulation: false
        })
    );
    assert.match(skipped, /De schatting is overgeslagen: --no-estimate\./);
    const refused = visibleText(
        renderHtmlReport(
            report({
                estimate: {
                    status: 'refused',
                    reason: 'only 12 installers entered by sales',
                    trainingInstallers: 12
                }
            }),
            {
                simulation: false
            }
        )
    );
    assert.match(
        refused,
        /De schatting is geweigerd: only 12 installers entered by sales \(12 installateurs door sales ingevuld\)/
    );
});

test('no errors and an ok outcome read as such', () => {
    const ok = report({
        records: { ...report().records, rejected: 0, failed: 0 },
        outcome: { status: 'ok', exitCode: 0, reason: 'every record went through', next: '' }
    });
    const text = visibleText(renderHtmlReport(ok, { simulation: false }));
    assert.match(text, /Geen fouten: elk record is gelezen en elke schrijfactie is gelukt\./);
    assert.match(text, /Geslaagd · exitcode 0/);
});

test('a config with other type and segment names orders the axes as told', () => {
    const custom = report({
        axes: { customerTypes: ['Terugwinnen', 'Behouden'], segments: ['5+', '1000+'] },
        typeBySegment: { Terugwinnen: { '5+': 1 }, Behouden: { '1000+': 2 } },
        transitions: {}
    });
    const page = renderHtmlReport(custom, { simulation: false });
    const heat = /<table class="matrix heat">[\s\S]*?<\/table>/.exec(page)?.[0] ?? '';
    assert.deepEqual(
        [...heat.matchAll(/<th scope="(?:col|row)">([^<]*)<\/th>/g)].map((match) => match[1]),
        ['5+', '1000+', 'Totaal', 'Terugwinnen', 'Behouden', 'Totaal']
    );
    const unknown = renderHtmlReport(report({ ...custom, axes: report().axes }), { simulation: false });
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
});
