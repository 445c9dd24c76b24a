/**
 * What `node:util` parseArgs refused, in one line an admin can act on: a mistyped option names the nearest known
 * one, and a stray argument (often an option npm kept for itself because the `--` was missing) says where
 * options go.
 */
export function argvProblem(error: unknown, knownOptions: readonly string[], command: string): string {
    const { code, message } = error as { code?: string; message: string };
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
        const given = /'([^']+)'/.exec(message)?.[1] ?? '';
        const nearest = nearestOption(given, knownOptions);
        return `unknown option ${given}${nearest ? `; did you mean --${nearest}?` : ''} (all options: npm run ${command} -- --help)`;
    }
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
        const given = /'([^']+)'/.exec(message)?.[1] ?? '';
        return `unexpected argument "${given}": npm passes options on only after a lone --, as in npm run ${command} -- --option value (see npm run ${command} -- --help)`;
    }
    return message;
}

/** The known option closest to what was typed (a prefix of it, or a few letters off), if any is close enough. */
export function nearestOption(given: string, knownOptions: readonly string[]): string | undefined {
    const typed = given.replace(/^-+/, '').split('=')[0]!.toLowerCase();
    if (typed === '') return undefined;
    const prefixed = knownOptions.filter((option) => option.startsWith(typed));
    if (prefixed.length === 1) return prefixed[0];
    const limit = Math.max(2, Math.floor(typed.length / 3));
    let best: { option: string; distance: number } | undefined;
    for (const option of knownOptions) {
        const distance = editDistance(typed, option);
        if (distance <= limit && (!best || distance < best.distance)) best = { option, distance };
    }
    return best?.option;
}

/** Levenshtein distance: insertions, deletions and substitutions of one character each cost 1. */
function editDistance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
            current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
        }
        previous = current;
    }
    return previous[b.length]!;
}
