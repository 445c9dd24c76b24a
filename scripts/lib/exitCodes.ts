/**
 * Exit codes of `npm run reclassify`, for the admin and for a scheduler. Every code has a text and a next step
 * (a test holds us to that), so a non-zero exit always comes with a one-line reason.
 */
export const EXIT_CODES = {
    ok: { code: 0, text: 'every record went through', next: '' },
    partial: {
        code: 1,
        text: 'the run finished, but some records were rejected or could not be written',
        next: 'errors.csv lists each record with its reason; fix the data or the cause and run again (only what still differs is written).'
    },
    failed: {
        code: 2,
        text: 'the run stopped before it finished',
        next: 'report.json says how far it got; what was written is correct, and the next run repairs the rest.'
    },
    refused: {
        code: 3,
        text: 'nothing was read or written: the command, the config or the input was refused',
        next: 'read the message, correct the option, config or file it names, and run again.'
    },
    busy: {
        code: 4,
        text: 'another reclassification of this org is running',
        next: 'wait for it to finish; if it died, remove the lock file named in the message.'
    },
    stopped: {
        code: 5,
        text: 'the safety stop: nothing was written, because the run would clear the classification of many brand details or the org has far fewer records than at the last complete run',
        next: 'check the input (a header-only or filtered export, a query or permission change that hides records or fields); report.json and report.html say what would be cleared. If the change is real, run again with --allow-mass-change.'
    }
} as const;

export type ExitStatus = keyof typeof EXIT_CODES;
