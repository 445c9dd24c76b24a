/**
 * Salesforce record Ids: a 3-character key prefix naming the object, 12 characters, and a 3-character
 * suffix that encodes the case of the first 15 so that the 18-character form survives case-insensitive tools.
 */

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function isAlphanumeric(text: string): boolean {
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return false;
    }
    return true;
}

function caseSuffix(id15: string): string {
    let suffix = '';
    for (let chunk = 0; chunk < 3; chunk++) {
        let bits = 0;
        for (let i = 0; i < 5; i++) {
            const char = id15.charCodeAt(chunk * 5 + i);
            if (char >= 65 && char <= 90) bits |= 1 << i;
        }
        suffix += SUFFIX_ALPHABET[bits];
    }
    return suffix;
}

/** The 18-character form of a 15- or 18-character Id, or undefined when it is not a well-formed Id. */
export function normalizeId(value: string): string | undefined {
    if ((value.length !== 15 && value.length !== 18) || !isAlphanumeric(value)) return undefined;
    const suffix = caseSuffix(value);
    if (value.length === 15) return value + suffix;
    return value.endsWith(suffix) ? value : undefined;
}

/**
 * Hands out new Ids for one object. Generated Ids ascend in creation order (base62 digits sort in ASCII
 * order), so ORDER BY Id returns records in the order they were made, as it roughly does in an org.
 */
export class IdGenerator {
    private next = 1;

    constructor(
        readonly keyPrefix: string,
        private readonly isTaken: (id: string) => boolean
    ) {}

    newId(): string {
        for (;;) {
            let counter = this.next++;
            let body = '';
            while (counter > 0) {
                body = BASE62[counter % 62] + body;
                counter = Math.floor(counter / 62);
            }
            const id15 = this.keyPrefix + 'SI' + body.padStart(10, '0');
            const id = id15 + caseSuffix(id15);
            if (!this.isTaken(id)) return id;
        }
    }
}

/** Deterministic opaque Ids for things that are not records (jobs, query cursors), e.g. 750… for bulk jobs. */
export function sequentialId(keyPrefix: string, sequence: number): string {
    const id15 = keyPrefix + 'SI' + String(sequence).padStart(10, '0');
    return id15 + caseSuffix(id15);
}
