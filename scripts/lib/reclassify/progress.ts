/** Live counts of one stage of the run (read, classify, write). */
export type StageCounts = Record<string, number>;

export type Progress = {
    update(stage: string, counts: StageCounts): void;
    done(stage: string, counts: StageCounts): void;
};

export const silentProgress: Progress = { update: () => undefined, done: () => undefined };

function format(stage: string, counts: StageCounts): string {
    return `${stage}: ${Object.entries(counts)
        .map(([name, count]) => `${count} ${name}`)
        .join(', ')}`;
}

/**
 * Progress on stderr: one rewritten line per stage on a terminal, plain periodic lines in a log file or a
 * scheduler's output (where carriage returns make a mess).
 */
export function stderrProgress(
    write: (text: string) => void,
    isTTY: boolean,
    everyMs = isTTY ? 200 : 10_000
): Progress {
    let last = 0;
    return {
        update(stage, counts) {
            const now = Date.now();
            if (last === 0) last = now; // the first record says nothing yet
            if (now - last < everyMs) return;
            last = now;
            write(isTTY ? `\r\x1b[2K${format(stage, counts)}` : `${format(stage, counts)}\n`);
        },
        done(stage, counts) {
            last = 0;
            write(isTTY ? `\r\x1b[2K${format(stage, counts)}\n` : `${format(stage, counts)}\n`);
        }
    };
}
