/**
 * Exit codes of `npm run reclassify`, for the admin and for a scheduler. Every code has a text and a next step
 * (a test holds us to that), so a non-zero exit always comes with a one-line reason; `dutch` says the same in
 * the run report (report.html), which is written for the sales team.
 */
export const EXIT_CODES = {
    ok: {
        code: 0,
        text: 'every record went through',
        next: '',
        dutch: { text: 'elk record is verwerkt', next: '' }
    },
    partial: {
        code: 1,
        text: 'the run finished, but some records were rejected or could not be written',
        next: 'errors.csv lists each record with its reason; fix the data or the cause and run again (only what still differs is written).',
        dutch: {
            text: 'de run is klaar, maar sommige records zijn afgewezen of konden niet worden geschreven',
            next: 'Het foutenbestand noemt elk record met de reden. Corrigeer de gegevens of de oorzaak en draai opnieuw: alleen wat dan nog afwijkt, wordt geschreven.'
        }
    },
    failed: {
        code: 2,
        text: 'the run stopped before it finished',
        next: 'report.json says how far it got; what was written is correct, and the next run repairs the rest.',
        dutch: {
            text: 'de run is gestopt voordat hij klaar was',
            next: 'Dit rapport laat zien hoe ver de run kwam. Wat geschreven is, klopt; de volgende run herstelt de rest.'
        }
    },
    refused: {
        code: 3,
        text: 'nothing was read or written: the command, the config or the input was refused',
        next: 'read the message, correct the option, config or file it names, and run again.',
        dutch: {
            text: 'er is niets gelezen of geschreven: de opdracht, de configuratie of de invoer is geweigerd',
            next: 'Lees de melding, verbeter de optie, de configuratie of het bestand dat ze noemt, en draai opnieuw.'
        }
    },
    busy: {
        code: 4,
        text: 'another reclassification of this org is running',
        next: 'wait for it to finish; if it died, remove the lock file named in the message.',
        dutch: {
            text: 'er loopt al een herclassificatie van deze org',
            next: 'Wacht tot die klaar is; is dat proces gestopt, verwijder dan het slotbestand dat de melding noemt.'
        }
    },
    stopped: {
        code: 5,
        text: 'the safety stop: nothing was written, because the run would clear the classification of many brand details or the org has far fewer records than at the last complete run',
        next: 'check the input (a header-only or filtered export, a query or permission change that hides records or fields); report.json and report.html say what would be cleared. If the change is real, run again with --allow-mass-change.',
        dutch: {
            text: 'de veiligheidsstop: er is niets geschreven, omdat de run de indeling van veel merkgegevens zou wissen of de org veel minder records telt dan bij de vorige volledige run',
            next: 'Controleer de invoer (een lege of gefilterde export, een query of een veldrecht die records of velden verbergt). Is de wijziging echt bedoeld, draai dan opnieuw met --allow-mass-change.'
        }
    }
} as const;

export type ExitStatus = keyof typeof EXIT_CODES;
