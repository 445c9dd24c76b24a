import { EXIT_CODES } from '../../exitCodes.ts';
import { NO_ESTIMATE, stoppedBeforeClassifying, type RunReport } from '../report.ts';
import { FULL_RUN_EVERY_DAYS } from '../runState.ts';
import { html, type Html } from './html.ts';
import { counted, formatCount, formatFraction } from './format.ts';

/**
 * The Dutch sentences of report.html that depend on what the night did. They are composed from the report's
 * numbers, never translated from its English reasons; a message that only exists as text (an org's error, the
 * reason a row was rejected) is quoted as the command printed it, marked as such.
 */

/** How far the night got: read in full, found unchanged (nothing read), or stopped before it classified. */
export type NightKind = 'full' | 'unchanged' | 'stoppedEarly';

export function nightKind(report: RunReport): NightKind {
    if (!report.changeCheck.readInFull) return 'unchanged';
    return stoppedBeforeClassifying(report) ? 'stoppedEarly' : 'full';
}

/** A night that wrote nothing it classified (a dry run, or held back by the safety stop): its changes are "would". */
export function hypothetical(report: RunReport): boolean {
    return report.dryRun || report.safetyStop.stopped;
}

/** Where the heat map's counts stand: after the night, as it would leave them, or as the last complete run left them. */
export function distributionMoment(report: RunReport, kind: NightKind): string {
    if (kind === 'unchanged') return 'zoals de vorige volledige run ze achterliet';
    return hypothetical(report) ? 'zoals deze run ze zou indelen (er is niets geschreven)' : 'na deze run';
}

/** A message of the command quoted as it printed it (English, like errors.csv and the terminal). */
export function quoted(message: string): Html {
    return html`<code class="message" lang="en">${message}</code>`;
}

export const UNCHANGED_NOTICE =
    `Niets gewijzigd in de org sinds de vorige volledige run (dezelfde aantallen records, geen record gewijzigd ` +
    `behalve door die run): er is niets gelezen of geschreven, en de verdeling hieronder is die van die run. ` +
    `Uiterlijk ${FULL_RUN_EVERY_DAYS} dagen na die run leest een run weer alles, of eerder met --full.`;

export const STOPPED_EARLY_NOTICE =
    'De run is gestopt voordat hij merkgegevens indeelde: er is niets geschreven. De reden staat onder Resultaat.';

/** Why the run ended as it did, in Dutch: the exit code's text, made concrete from the counts where it can. */
export function outcomeReason(report: RunReport): Html {
    const { outcome, records, estimate } = report;
    const dutch = EXIT_CODES[outcome.status].dutch;
    switch (outcome.status) {
        case 'ok':
            return html`${report.changeCheck.readInFull ? dutch.text : 'niets gewijzigd sinds de vorige volledige run, dus niets gelezen of geschreven'}`;
        case 'partial':
            if (estimate.status === 'refused')
                return html`de schatting is geweigerd (zie Kwaliteit van de schatting); de andere installateurs zijn ingedeeld`;
            return html`${counted(records.rejected, 'afgewezen invoerrecord', 'afgewezen invoerrecords')}${
                records.heldInstallers > 0
                    ? ` (${counted(records.heldInstallers, 'installateur', 'installateurs')} vastgehouden)`
                    : ''
            }, ${counted(records.failed, 'mislukte schrijfactie', 'mislukte schrijfacties')}${
                report.tasks.failed > 0
                    ? `, ${counted(report.tasks.failed, 'opvolgtaak', 'opvolgtaken')} niet aangemaakt`
                    : ''
            }: zie het foutenbestand`;
        case 'stopped':
            return html`${dutch.text}`;
        default:
            return html`${dutch.text}.<br />Melding van de run: ${quoted(outcome.reason)}`;
    }
}

/** What the estimate did, in one or two sentences. */
export function estimateSentence(report: RunReport): Html {
    const { estimate } = report;
    if (estimate.status === 'done' && estimate.estimatedInstallers === 0)
        return html`Vannacht hoefde geen installateur geschat te worden. De schatting is wel opnieuw geleerd en getoetst, van
            de ${counted(estimate.trainingInstallers, 'installateur', 'installateurs')} waarvan sales de potentie invulde.`;
    if (estimate.status === 'done')
        return html`${counted(estimate.estimatedInstallers, 'installateur', 'installateurs')} zonder ingevulde ketelpotentie zijn geschat
            (${counted(estimate.rowsToUpsert, 'geschatte potentieregel', 'geschatte potentieregels')}), geleerd van de
            ${counted(estimate.trainingInstallers, 'installateur', 'installateurs')} waarvan sales de potentie invulde.`;
    if (estimate.status === 'refused')
        return html`De schatting is geweigerd: te weinig installateurs waarvan sales de ketelpotentie invulde om van te leren
            (${formatCount(estimate.trainingInstallers)}; het minimum staat in de configuratie onder
            <code>estimate.minTrainingInstallers</code>). Er is niets geschat; met <code>--force-estimate</code> schat de run
            toch, met <code>--no-estimate</code> zonder schatting.`;
    if (!report.changeCheck.readInFull)
        return html`Niets gewijzigd sinds de vorige volledige run, dus niets geschat.`;
    if (estimate.reason === NO_ESTIMATE)
        return html`De schatting is overgeslagen: de run is gestart met <code>--no-estimate</code>.`;
    return html`De schatting is niet getoetst. Melding van de run: ${quoted(estimate.reason)}`;
}

/** The type changes against the changed records, and the locked records that would change, apart. */
export function transitionSentences(report: RunReport, moved: number): Html {
    const { changed, lockedWouldChange } = report.records;
    const rest = changed - moved;
    const types =
        moved === 0
            ? `Geen enkel type klant is verschoven${changed > 0 ? ` (de ${formatCount(changed)} gewijzigde merkgegevens houden hun type klant)` : ''}.`
            : `${formatCount(moved)} van de ${formatCount(changed)} gewijzigde merkgegevens ${hypothetical(report) ? 'zouden een ander type klant krijgen' : 'krijgen een ander type klant'}${
                  rest > 0
                      ? `; de andere ${formatCount(rest)} houden hun type en krijgen bijvoorbeeld een ander segment of een andere toelichting`
                      : ''
              }.`;
    const locked =
        lockedWouldChange > 0
            ? html`<p>${formatCount(lockedWouldChange)} handmatig vastgezette merkgegevens zouden volgens de regels anders uitkomen;
                  ze blijven zoals ze zijn en staan hier op de diagonaal.</p>`
            : '';
    return html`<p>${types}</p>
        ${locked}`;
}

/** What the safety stop saw, as facts against its limit. */
export function safetyStopFacts(report: RunReport): Html {
    const stop = report.safetyStop;
    const facts: string[] = [];
    if (stop.classified > 0)
        facts.push(
            `De run zou bij ${formatCount(stop.clears)} van de ${formatCount(stop.classified)} ingedeelde merkgegevens het type klant of segment wissen (${formatFraction(stop.clears / stop.classified)}).`
        );
    for (const { object, before, now } of stop.shrunk)
        facts.push(
            `${object}: ${formatCount(before)} records bij de vorige volledige run, nu ${formatCount(now)} (${formatFraction((before - now) / before)} minder).`
        );
    return html`<ul>
        ${facts.map((fact) => html`<li>${fact}</li>`)}
    </ul>`;
}

/** The line under "Fouten" when there are none: what was read and written, as far as the night got. */
export function noErrorsSentence(report: RunReport): string {
    if (!report.changeCheck.readInFull) return 'Geen fouten: er is niets gelezen of geschreven.';
    if (stoppedBeforeClassifying(report))
        return 'Geen afgewezen records of mislukte schrijfacties: de run stopte voordat hij iets indeelde.';
    if (report.outcome.status === 'failed')
        return 'Geen afgewezen records of mislukte schrijfacties tot de run stopte.';
    const writes = report.dryRun || report.source.kind === 'csv' ? '' : ' en elke schrijfactie is gelukt';
    return `Geen fouten: elk record is gelezen${writes}.`;
}
