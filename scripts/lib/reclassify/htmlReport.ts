import { EXIT_CODES } from '../exitCodes.ts';
import { NONE, type Distribution, type RunReport } from './report.ts';
import { html, trusted, type Html } from './htmlReport/html.ts';
import {
    cellColours,
    counted,
    formatCount,
    formatDate,
    formatDateTime,
    formatDecimal,
    formatDuration,
    formatFraction,
    RAMPS,
    type Ramp
} from './htmlReport/format.ts';
import { STYLES } from './htmlReport/styles.ts';
import {
    distributionMoment,
    estimateSentence,
    hypothetical,
    nightKind,
    noErrorsSentence,
    outcomeReason,
    quoted,
    safetyStopFacts,
    STOPPED_EARLY_NOTICE,
    transitionSentences,
    UNCHANGED_NOTICE,
    type NightKind
} from './htmlReport/wording.ts';

export type HtmlReportOptions = {
    /** A what-if run (another config, or --dry-run to preview): shows the SIMULATIE banner. */
    simulation: boolean;
};

const STATUS_TEXT: Record<RunReport['outcome']['status'], string> = {
    ok: 'Geslaagd',
    partial: 'Gedeeltelijk geslaagd',
    failed: 'Afgebroken',
    refused: 'Geweigerd',
    busy: 'Bezet',
    stopped: 'Veiligheidsstop'
};

const typeLabel = (type: string) => (type === NONE ? 'Geen type' : type);
const segmentLabel = (segment: string) => (segment === NONE ? 'Geen segment' : segment);

/** The preferred values first (all of them, so an empty row still shows), then unknown ones, then "(geen)". */
function axis(
    preferred: readonly string[],
    present: Iterable<string>,
    compare: (a: string, b: string) => number
): string[] {
    const seen = new Set(present);
    const extras = [...seen].filter((key) => key !== NONE && !preferred.includes(key)).sort(compare);
    return [...preferred, ...extras, ...(seen.has(NONE) ? [NONE] : [])];
}

const bySegmentFloor = (a: string, b: string) =>
    (Number.parseInt(a, 10) || 0) - (Number.parseInt(b, 10) || 0) || a.localeCompare(b);

const innerKeys = (table: Record<string, Distribution>) =>
    Object.values(table).flatMap((row) => Object.keys(row));

function countCell(count: number, max: number, ramp: Ramp): Html {
    const colours = cellColours(count, max, ramp);
    if (!colours) return html`<td class="zero">${formatCount(count)}</td>`;
    return html`<td style="background:${colours.background};color:${colours.color}">${formatCount(count)}</td>`;
}

function swatch(ramp: Ramp, text: string): Html {
    const [, dark] = RAMPS[ramp];
    return html`<span class="swatch" style="background:rgb(${dark.join(',')})" aria-hidden="true"></span>${text}`;
}

function header(report: RunReport, options: HtmlReportOptions): Html {
    const { source, outcome, records } = report;
    const wrote = records.written + records.potentialsWritten;
    const banner = options.simulation
        ? html`<div class="banner" role="note"><strong>SIMULATIE (what-if)</strong> Deze cijfers laten zien wat de configuratie
              <code>${report.configFile}</code> zou doen.
              ${wrote === 0 ? 'Er is niets in Salesforce gewijzigd.' : `Let op: deze run heeft wel ${formatCount(wrote)} records geschreven.`}</div>`
        : '';
    const kind = nightKind(report);
    const notice =
        kind === 'stoppedEarly'
            ? html`<p class="notice">${STOPPED_EARLY_NOTICE}</p>`
            : kind === 'unchanged'
              ? html`<p class="notice">${UNCHANGED_NOTICE}</p>`
              : !options.simulation && report.dryRun
                ? html`<p class="notice">Proefdraai (<code>--dry-run</code>): alles is gelezen en berekend, er is niets geschreven.</p>`
                : source.kind === 'csv' && report.files.brandDetailUpdates !== null
                  ? html`<p class="notice">CSV-run: de wijzigingen staan klaar om met Data Loader te laden, in deze volgorde:
                    <code>${report.files.brandDetailUpdates}</code> (update), <code>${report.files.potentialKeys ?? ''}</code>
                    (update) en <code>${report.files.potentialUpserts ?? ''}</code> (upsert op Key__c).</p>`
                  : '';
    return html`${banner}
        <header class="top">
            <div>
                <h1>Klantsegmentatie — herclassificatie</h1>
                <p class="meta">Bron: <strong>${source.label}</strong> (${source.kind === 'org' ? 'Salesforce-org' : 'CSV-export'}) ·
                    ${formatDateTime(report.startedAt)} · duur ${formatDuration(report.durationMs)}</p>
            </div>
            <p class="status status-${outcome.status}">${STATUS_TEXT[outcome.status]} · exitcode ${outcome.exitCode}</p>
        </header>
        ${notice}`;
}

function card(term: string, value: string, sub: string | false = false, bad = false): Html {
    return html`<div class="card${bad ? ' bad' : ''}"><dt>${term}</dt><dd>${value}${sub ? html`<span class="sub">${sub}</span>` : ''}</dd></div>`;
}

function keyFigures(report: RunReport, kind: NightKind): Html {
    const { records, api } = report;
    const writtenNote = report.dryRun
        ? 'proefdraai: niets geschreven'
        : report.source.kind === 'csv'
          ? 'CSV: via Data Loader'
          : `van ${formatCount(records.changed)} gewijzigd`;
    const apiValue = report.source.kind === 'org' ? formatCount(api.requests) : '—';
    const apiNote =
        report.source.kind !== 'org'
            ? 'niet van toepassing (CSV)'
            : api.dailyRemaining === null
              ? 'dagtegoed onbekend'
              : `nog ${formatCount(api.dailyRemaining)}${api.dailyMax === null ? '' : ` van ${formatCount(api.dailyMax)}`} over vandaag`;
    const read =
        kind === 'unchanged'
            ? card('Gelezen', '0', 'records: niets gewijzigd in de org')
            : card(
                  'Installateurs',
                  formatCount(records.accountsRead),
                  `${formatCount(records.brandDetailsRead)} merkgegevens gelezen`
              );
    const classified =
        kind === 'full'
            ? [
                  card('Gewijzigd', formatCount(records.changed), 'merkgegevens met een nieuwe indeling'),
                  card('Ongewijzigd', formatCount(records.unchanged), 'niets te schrijven'),
                  card(
                      'Handmatig vastgezet',
                      formatCount(records.locked),
                      `${formatCount(records.lockedWouldChange)} zouden anders uitkomen; niet geschreven`
                  ),
                  card(
                      'Vastgehouden',
                      formatCount(records.held),
                      records.heldInstallers === 0
                          ? 'geen afgewezen invoer'
                          : `merkgegevens van ${counted(records.heldInstallers, 'installateur', 'installateurs')} met een afgewezen regel`,
                      records.held > 0
                  )
              ]
            : [];
    return html`<section aria-labelledby="kerncijfers">
        <h2 id="kerncijfers">Kerncijfers</h2>
        <dl class="cards">
            ${read} ${classified} ${card('Geschreven', formatCount(records.written), kind === 'full' ? writtenNote : 'niets geschreven')}
            ${kind === 'full' ? card('Mislukt', formatCount(records.failed), 'schrijfacties', records.failed > 0) : ''}
            ${card('API-verzoeken', apiValue, apiNote)}
        </dl>
    </section>`;
}

function safetyStopNotice(report: RunReport): Html {
    const stop = report.safetyStop;
    if (!stop.reason) return html``;
    const what = stop.stopped
        ? html`<strong>Veiligheidsstop: er is niets geschreven.</strong> Deze run zou te veel indelingen wissen of de org telt
              veel minder records dan bij de vorige volledige run`
        : html`<strong>Veiligheidsstop doorgelaten</strong> met <code>--allow-mass-change</code>`;
    return html`<section aria-labelledby="veiligheidsstop">
        <h2 id="veiligheidsstop">Veiligheidsstop</h2>
        <p class="notice">${what} (grens ${formatFraction(stop.limit)}).</p>
        ${safetyStopFacts(report)}
        ${stop.stopped ? html`<p>${EXIT_CODES.stopped.dutch.next}</p>` : ''}
    </section>`;
}

function held(report: RunReport): Html {
    const { records } = report;
    if (records.heldInstallers === 0) return html``;
    const more =
        records.heldInstallers > report.held.length
            ? html`<p class="notice">Hier staan de eerste ${formatCount(report.held.length)}; errors.csv noemt ze allemaal.</p>`
            : '';
    return html`<section aria-labelledby="vastgehouden">
        <h2 id="vastgehouden">Vastgehouden installateurs</h2>
        <p>${counted(records.heldInstallers, 'installateur', 'installateurs')} (${formatCount(records.held)} merkgegevens) hebben een afgewezen
            invoerregel. Van hen is vannacht niets geschreven: een indeling uit onvolledige gegevens zou fout zijn. Corrigeer de
            regel; de volgende run deelt ze weer in.</p>
        ${more}
        <div class="scroll" role="region" aria-label="Lijst vastgehouden installateurs" tabindex="0">
            <table class="list">
                <caption>Vastgehouden installateurs en de afgewezen regel die ze vasthoudt, zoals in het foutenbestand.</caption>
                <thead>
                    <tr>
                        <th scope="col">Installateur</th>
                        <th scope="col">Afgewezen regel</th>
                    </tr>
                </thead>
                <tbody>
                    ${report.held.map(
                        (row) => html`<tr>
                            <td>${row.accountName ?? row.accountId}</td>
                            <td>${quoted(row.because)}</td>
                        </tr>`
                    )}
                </tbody>
            </table>
        </div>
    </section>`;
}

function heatMap(
    report: RunReport,
    types: readonly string[],
    segments: readonly string[],
    kind: NightKind
): Html {
    const table = report.typeBySegment;
    const rows = axis(types, Object.keys(table), (a, b) => a.localeCompare(b));
    const columns = axis(segments, innerKeys(table), bySegmentFloor);
    const count = (type: string, segment: string) => table[type]?.[segment] ?? 0;
    const max = Math.max(0, ...rows.flatMap((type) => columns.map((segment) => count(type, segment))));
    const rowTotal = (type: string) => columns.reduce((sum, segment) => sum + count(type, segment), 0);
    const columnTotal = (segment: string) => rows.reduce((sum, type) => sum + count(type, segment), 0);
    const total = rows.reduce((sum, type) => sum + rowTotal(type), 0);
    const body =
        total === 0
            ? html`<p>Geen merkgegevens in deze run.</p>`
            : html`<table class="matrix heat">
                  <caption>Aantal merkgegevens ${distributionMoment(report, kind)}, per type klant (rijen) en totale potentie segment (kolommen).</caption>
                  <thead>
                      <tr>
                          <th scope="col" class="corner">Type klant ↓ · segment →</th>
                          ${columns.map((segment) => html`<th scope="col">${segmentLabel(segment)}</th>`)}
                          <th scope="col">Totaal</th>
                      </tr>
                  </thead>
                  <tbody>
                      ${rows.map(
                          (type) => html`<tr>
                              <th scope="row">${typeLabel(type)}</th>
                              ${columns.map((segment) => countCell(count(type, segment), max, 'teal'))}
                              <td class="total">${formatCount(rowTotal(type))}</td>
                          </tr>`
                      )}
                  </tbody>
                  <tfoot>
                      <tr>
                          <th scope="row">Totaal</th>
                          ${columns.map((segment) => html`<td class="total">${formatCount(columnTotal(segment))}</td>`)}
                          <td class="total">${formatCount(total)}</td>
                      </tr>
                  </tfoot>
              </table>
              <p class="legend">Hoe donkerder de cel, hoe meer merkgegevens. Vastgezette en vastgehouden merkgegevens tellen mee zoals ze zijn.</p>`;
    return html`<section aria-labelledby="verdeling">
        <h2 id="verdeling">Verdeling type klant × segment</h2>
        ${body}
    </section>`;
}

function transitionMatrix(report: RunReport, types: readonly string[], kind: NightKind): Html {
    const table = report.transitions;
    const keys = axis(types, [...Object.keys(table), ...innerKeys(table)], (a, b) => a.localeCompare(b));
    const count = (from: string, to: string) => table[from]?.[to] ?? 0;
    const rank = (type: string) => types.indexOf(type);
    const moved = keys.flatMap((from) => keys.filter((to) => to !== from).map((to) => count(from, to)));
    const max = Math.max(0, ...moved);
    const totalMoved = moved.reduce((sum, value) => sum + value, 0);
    const rampOf = (from: string, to: string): Ramp =>
        rank(from) < 0 || rank(to) < 0 ? 'slate' : rank(to) < rank(from) ? 'red' : 'green';
    const cell = (from: string, to: string) =>
        from === to
            ? html`<td class="same">${formatCount(count(from, to))}</td>`
            : countCell(count(from, to), max, rampOf(from, to));
    const rowTotal = (from: string) => keys.reduce((sum, to) => sum + count(from, to), 0);
    const columnTotal = (to: string) => keys.reduce((sum, from) => sum + count(from, to), 0);
    const total = keys.reduce((sum, from) => sum + rowTotal(from), 0);
    const body =
        kind === 'unchanged'
            ? html`<p>Deze nacht is niets gelezen, dus er is niets verschoven.</p>`
            : total === 0
              ? html`<p>Geen merkgegevens in deze run.</p>`
              : html`${transitionSentences(report, totalMoved)}
                  <table class="matrix transitions">
                      <caption>Rijen: type klant vóór de run. Kolommen: type klant na de run. De grijze diagonaal is ongewijzigd.</caption>
                      <thead>
                          <tr>
                              <th scope="col" class="corner">Van ↓ · naar →</th>
                              ${keys.map((to) => html`<th scope="col">${typeLabel(to)}</th>`)}
                              <th scope="col">Totaal vóór</th>
                          </tr>
                      </thead>
                      <tbody>
                          ${keys.map(
                              (from) => html`<tr>
                                  <th scope="row">${typeLabel(from)}</th>
                                  ${keys.map((to) => cell(from, to))}
                                  <td class="total">${formatCount(rowTotal(from))}</td>
                              </tr>`
                          )}
                      </tbody>
                      <tfoot>
                          <tr>
                              <th scope="row">Totaal na</th>
                              ${keys.map((to) => html`<td class="total">${formatCount(columnTotal(to))}</td>`)}
                              <td class="total">${formatCount(total)}</td>
                          </tr>
                      </tfoot>
                  </table>
                  <p class="legend">${swatch('red', 'lager type (gedaald)')}${swatch('green', 'hoger type')}${swatch('slate', 'type erbij of eraf')}
                      <br />Vastgezette en vastgehouden merkgegevens houden hun type: ze staan op de diagonaal.</p>`;
    return html`<section class="natural" aria-labelledby="overgangen">
        <h2 id="overgangen">Verschuivingen type klant (oud → nieuw)</h2>
        ${body}
    </section>`;
}

/** A Lightning link to a brand detail; only for an http(s) instance URL, so a crafted value cannot become script. */
export function recordUrl(instanceUrl: string | null, id: string): string | null {
    if (!instanceUrl || !/^https?:\/\/[^\s]+$/i.test(instanceUrl)) return null;
    return `${instanceUrl.replace(/\/+$/, '')}/lightning/r/Brand_Detail__c/${encodeURIComponent(id)}/view`;
}

function downgrades(report: RunReport): Html {
    const listed = report.downgrades;
    const withLinks = report.instanceUrl !== null && recordUrl(report.instanceUrl, 'x') !== null;
    const more =
        report.downgradeCount > listed.length
            ? html`<p class="notice">In totaal zijn ${formatCount(report.downgradeCount)} merkgegevens gedaald; hier staan de eerste
                  ${formatCount(listed.length)}. De rest vindt u in Salesforce in het rapport "Type klant gewijzigd deze maand".</p>`
            : '';
    const body =
        report.downgradeCount === 0
            ? html`<p>Geen installateur is in type klant gedaald.</p>`
            : html`<p>${formatCount(report.downgradeCount)} merkgegevens ${hypothetical(report) ? 'zouden een lager type klant krijgen' : 'kregen een lager type klant'}. Neem contact op voordat het
                      aandeel verder daalt.</p>
                  ${more}
                  <div class="scroll" role="region" aria-label="Lijst gedaalde installateurs" tabindex="0">
                      <table class="list">
                          <caption>Gedaalde merkgegevens: installateur, merk en de stap omlaag.</caption>
                          <thead>
                              <tr>
                                  <th scope="col">Installateur</th>
                                  <th scope="col">Merk</th>
                                  <th scope="col">Van → naar</th>
                                  ${withLinks ? html`<th scope="col">Salesforce</th>` : ''}
                              </tr>
                          </thead>
                          <tbody>
                              ${listed.map((row) => {
                                  const name = row.accountName ?? `(naam onbekend: ${row.accountId})`;
                                  const url = recordUrl(report.instanceUrl, row.id);
                                  return html`<tr>
                                      <td>${name}</td>
                                      <td>${row.brand ?? '—'}</td>
                                      <td class="down">${row.from} → ${row.to}</td>
                                      ${
                                          withLinks
                                              ? html`<td>${url ? html`<a href="${url}" aria-label="${`Merkgegevens van ${name} openen in Salesforce`}">Openen</a>` : ''}</td>`
                                              : ''
                                      }
                                  </tr>`;
                              })}
                          </tbody>
                      </table>
                  </div>
                  ${withLinks ? '' : html`<p class="legend">Geen links: deze run las geen org (CSV-bestanden).</p>`}`;
    return html`<section aria-labelledby="gedaald">
        <h2 id="gedaald">Gedaalde installateurs</h2>
        ${body}
    </section>`;
}

/** The follow-up tasks of the night (--create-tasks): what it wanted and what became of it. */
function followUps(report: RunReport): Html {
    const { tasks } = report;
    if (!tasks.requested) return html``;
    const reasons = Object.entries(tasks.wantedByReason)
        .map(([reason, count]) => `${reason} ${formatCount(count)}`)
        .join(', ');
    const next =
        tasks.nextVisitDue === null
            ? ''
            : html`<p>Het eerstvolgende bezoek dat aan de beurt komt: ${formatDate(tasks.nextVisitDue)}.</p>`;
    const created = report.dryRun ? 'proefdraai: niets aangemaakt' : 'voor de eigenaar van de installateur';
    return html`<section aria-labelledby="opvolgtaken">
        <h2 id="opvolgtaken">Opvolgtaken</h2>
        <dl class="cards">
            ${card('Nodig', formatCount(tasks.wanted), reasons || 'geen bezoek aan de beurt, geen daling')}
            ${card('Aangemaakt', formatCount(tasks.created), created)}
            ${card('Staat al open', formatCount(tasks.alreadyOpen), 'geen tweede taak')}
            ${card('Al afgesloten', formatCount(tasks.alreadyClosed), 'voor deze aanleiding: niet opnieuw')}
            ${card('Mislukt', formatCount(tasks.failed), 'zie het foutenbestand', tasks.failed > 0)}
        </dl>
        ${next}
    </section>`;
}

function verdict(model: number, baseline: number, lowerIsBetter: boolean): Html {
    if (model === baseline) return html`<td>gelijk</td>`;
    const better = lowerIsBetter ? model < baseline : model > baseline;
    return better ? html`<td class="better">beter</td>` : html`<td class="worse">slechter</td>`;
}

function estimateQuality(report: RunReport): Html {
    const { estimate } = report;
    let body: Html;
    if (estimate.status === 'done') {
        const { quality } = estimate;
        const beats = quality.mae.model < quality.mae.baseline;
        body = html`<p>${estimateSentence(report)}</p>
            <table class="list">
                <caption>Gemeten op ${counted(quality.heldOutInstallers, 'installateur', 'installateurs')} waarvan de echte potentie is achtergehouden
                    (${quality.folds}-voudige kruisvalidatie). Basislijn: de mediaan van installateurs met dezelfde bedrijfsgrootte.</caption>
                <thead>
                    <tr>
                        <th scope="col">Maatstaf</th>
                        <th scope="col" class="num">Model</th>
                        <th scope="col" class="num">Basislijn</th>
                        <th scope="col">Oordeel</th>
                    </tr>
                </thead>
                <tbody>
                    <tr>
                        <th scope="row">Gemiddelde afwijking (ketels)</th>
                        <td class="num">${formatDecimal(quality.mae.model)}</td>
                        <td class="num">${formatDecimal(quality.mae.baseline)}</td>
                        ${verdict(quality.mae.model, quality.mae.baseline, true)}
                    </tr>
                    <tr>
                        <th scope="row">Segment juist</th>
                        <td class="num">${formatFraction(quality.segmentAccuracy.model)}</td>
                        <td class="num">${formatFraction(quality.segmentAccuracy.baseline)}</td>
                        ${verdict(quality.segmentAccuracy.model, quality.segmentAccuracy.baseline, false)}
                    </tr>
                    <tr>
                        <th scope="row">Type klant juist</th>
                        <td class="num">${formatFraction(quality.typeAccuracy.model)}</td>
                        <td class="num">${formatFraction(quality.typeAccuracy.baseline)}</td>
                        ${verdict(quality.typeAccuracy.model, quality.typeAccuracy.baseline, false)}
                    </tr>
                </tbody>
            </table>
            <p class="legend">${
                beats
                    ? 'Het model zit dichter bij de echte potentie dan de basislijn.'
                    : 'Let op: het model zit niet dichter bij de echte potentie dan de basislijn.'
            }</p>`;
    } else {
        const sentence = estimateSentence(report);
        body =
            estimate.status === 'refused'
                ? html`<p class="notice">${sentence}</p>`
                : html`<p>${sentence}</p>`;
    }
    return html`<section aria-labelledby="schatting">
        <h2 id="schatting">Kwaliteit van de schatting</h2>
        ${body}
    </section>`;
}

function errors(report: RunReport): Html {
    const { rejected } = report.records;
    const failed = report.records.failed + report.tasks.failed;
    const perObject = Object.entries(report.records.rejectedByObject)
        .map(([object, count]) => `${object} ${formatCount(count)}`)
        .join(', ');
    const summary =
        rejected + failed === 0
            ? html`<p>${noErrorsSentence(report)}</p>`
            : html`<dl class="kv">
                  <dt>Afgewezen invoerrecords</dt>
                  <dd>${formatCount(rejected)} (${perObject})</dd>
                  <dt>Mislukte schrijfacties</dt>
                  <dd>${formatCount(failed)}</dd>
              </dl>`;
    const next =
        rejected + failed === 0
            ? ''
            : html`<p>Elke regel in het foutenbestand noemt het record, het veld en de reden. Corrigeer de gegevens in Salesforce; de
                  volgende run schrijft alleen wat dan nog afwijkt.</p>`;
    return html`<section aria-labelledby="fouten">
        <h2 id="fouten">Fouten</h2>
        ${summary}
        <p>Per record met de reden:<br /><code>${report.files.errors}</code></p>
        ${next}
    </section>`;
}

/** A file of the run, or why it is not there. */
function fileName(file: string | null): Html {
    return file === null ? html`niet achtergelaten` : html`<code>${file}</code>`;
}

function outcome(report: RunReport): Html {
    const { outcome: result, files, jobs } = report;
    return html`<section aria-labelledby="resultaat">
        <h2 id="resultaat">Resultaat</h2>
        <p><span class="status status-${result.status}">${STATUS_TEXT[result.status]} · exitcode ${result.exitCode}</span></p>
        <dl class="kv">
            <dt>Reden</dt>
            <dd>${outcomeReason(report)}</dd>
            ${EXIT_CODES[result.status].dutch.next === '' ? '' : html`<dt>Wat nu</dt><dd>${EXIT_CODES[result.status].dutch.next}</dd>`}
            <dt>Gestart</dt>
            <dd>${formatDateTime(report.startedAt)}</dd>
            <dt>Klaar</dt>
            <dd>${formatDateTime(report.finishedAt)}</dd>
            <dt>Configuratie</dt>
            <dd><code>${report.configFile}</code></dd>
            <dt>Rapport</dt>
            <dd><code>${files.report}</code></dd>
            <dt>Wijzigingen</dt>
            <dd>${fileName(files.brandDetailUpdates)}</dd>
            <dt>Geschatte potentie</dt>
            <dd>${fileName(files.potentialUpserts)}, ${fileName(files.potentialKeys)}
                (${formatCount(report.records.potentialsToUpsert + report.records.potentialsToKey)} regels,
                ${formatCount(report.records.potentialsWritten)} geschreven)</dd>
            ${
                report.tasks.requested
                    ? html`<dt>Opvolgtaken</dt>
                      <dd>${fileName(files.followUpsWanted)}, ${fileName(files.followUpInserts)}</dd>`
                    : ''
            }
            ${
                jobs.length > 0
                    ? html`<dt>Bulk API-jobs</dt>
                      <dd>${jobs.map((job, index) => html`${index > 0 ? ', ' : ''}${job.object} <code>${job.id}</code> (${job.state})`)}</dd>`
                    : ''
            }
        </dl>
    </section>`;
}

/** What the night classified: the heat map, the type changes, the estimate and the downgrades. */
function classification(report: RunReport, kind: NightKind): Html {
    const types = report.axes.customerTypes;
    return html`${heatMap(report, types, report.axes.segments, kind)}
        <div class="row">${transitionMatrix(report, types, kind)} ${estimateQuality(report)}</div>
        ${downgrades(report)}`;
}

/**
 * report.html: the run report as one self-contained page (inline CSS, no scripts, no network) for the sales
 * manager. Every value from the report is escaped.
 */
export function renderHtmlReport(report: RunReport, options: HtmlReportOptions): string {
    const kind = nightKind(report);
    const title = `Klantsegmentatie${options.simulation ? ' SIMULATIE' : ''} — ${formatDate(report.startedAt)} — ${report.source.label}`;
    const page = html`<!doctype html>
<html lang="nl">
    <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:" />
        <title>${title}</title>
        <style>
            ${trusted(STYLES)}
        </style>
    </head>
    <body>
        <div class="page">
            ${header(report, options)}
            <main>
                ${safetyStopNotice(report)} ${keyFigures(report, kind)} ${held(report)}
                ${kind === 'stoppedEarly' ? '' : classification(report, kind)} ${followUps(report)}
                <div class="row">${errors(report)} ${outcome(report)}</div>
            </main>
            <footer>Gemaakt door <code>npm run reclassify</code> uit <code>${report.files.report}</code> (rapportversie ${report.reportVersion}).</footer>
        </div>
    </body>
</html>
`;
    return page.text;
}
