/** Dutch number, date and colour helpers for the HTML report. Pure: same input, same text. */

const TIME_ZONE = 'Europe/Amsterdam';

const integer = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export const formatCount = (value: number): string => integer.format(value);

/** A count with its noun in the right number: "1 installateur", "2 installateurs". */
export const counted = (value: number, one: string, many: string): string =>
    `${formatCount(value)} ${value === 1 ? one : many}`;

export const formatDecimal = (value: number): string => oneDecimal.format(value);

/** A fraction in [0, 1] as "83,4%". */
export const formatFraction = (value: number): string => `${oneDecimal.format(value * 100)}%`;

const dateTime = new Intl.DateTimeFormat('nl-NL', {
    timeZone: TIME_ZONE,
    dateStyle: 'long',
    timeStyle: 'short'
});
const dateOnly = new Intl.DateTimeFormat('nl-NL', { timeZone: TIME_ZONE, dateStyle: 'long' });

/** "25 november 2026 om 02:00" in Dutch time; the raw text when it is not a date. */
export function formatDateTime(iso: string): string {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

export function formatDate(iso: string): string {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : dateOnly.format(date);
}

/** "850 ms", "42 s", "3 min 05 s", "1 u 02 min". */
export function formatDuration(ms: number): string {
    if (ms < 1000) return `${Math.round(ms)} ms`;
    const seconds = Math.round(ms / 1000);
    if (seconds < 60) return `${seconds} s`;
    const minutes = Math.floor(seconds / 60);
    if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
    return `${Math.floor(minutes / 60)} u ${String(minutes % 60).padStart(2, '0')} min`;
}

type Rgb = readonly [number, number, number];

function hex(rgb: Rgb): string {
    return `#${rgb.map((channel) => Math.round(channel).toString(16).padStart(2, '0')).join('')}`;
}

function luminance(rgb: Rgb): number {
    const [r, g, b] = rgb.map((channel) => {
        const c = channel / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Colour ramps from a pale to a dark tone; each dark end keeps white text above 4.5:1 contrast. */
export const RAMPS = {
    teal: [
        [236, 246, 244],
        [0, 105, 92]
    ],
    red: [
        [253, 236, 234],
        [170, 35, 28]
    ],
    green: [
        [233, 245, 234],
        [27, 94, 32]
    ],
    slate: [
        [238, 241, 245],
        [55, 71, 94]
    ]
} as const satisfies Record<string, readonly [Rgb, Rgb]>;

export type Ramp = keyof typeof RAMPS;

/**
 * Background and text colour for a cell whose count is `count` of the largest `max`. Zero stays white; any
 * non-zero count is visibly tinted; the text turns white where the background gets dark.
 */
export function cellColours(
    count: number,
    max: number,
    ramp: Ramp
): { background: string; color: string } | undefined {
    if (count <= 0 || max <= 0) return undefined;
    const intensity = 0.12 + 0.88 * Math.min(1, count / max);
    const [from, to] = RAMPS[ramp];
    const rgb = from.map(
        (start, index) => start + ((to[index] ?? start) - start) * intensity
    ) as unknown as Rgb;
    // White text wins when its contrast (1.05 / (L + 0.05)) beats black's ((L + 0.05) / 0.05).
    const light = luminance(rgb);
    return {
        background: hex(rgb),
        color: 1.05 / (light + 0.05) > (light + 0.05) / 0.05 ? '#ffffff' : '#1a1a1a'
    };
}
