/**
 * Salesforce record Ids as the command keeps them: the 18-character form. Reports export the 15-character form
 * (case-sensitive), Data Loader and the API the 18-character one, whose last three characters say which of the
 * first fifteen are capitals, so that a tool that changed their case cannot make it another record.
 */

/** The suffix characters: each encodes five "is a capital" bits, one per character of a block of five. */
const SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

const isDigit = (code: number) => code >= 48 && code <= 57;
const isCapital = (code: number) => code >= 65 && code <= 90;
const isSmall = (code: number) => code >= 97 && code <= 122;

/** The three suffix characters of a 15-character Id. */
function suffixOf(id15: string): string {
    let suffix = '';
    for (let block = 0; block < 15; block += 5) {
        let capitals = 0;
        for (let at = 4; at >= 0; at--)
            capitals = (capitals << 1) | (isCapital(id15.charCodeAt(block + at)) ? 1 : 0);
        suffix += SUFFIX[capitals];
    }
    return suffix;
}

/** Whether every character is a letter or a digit. */
function isAlphanumeric(value: string): boolean {
    for (let at = 0; at < value.length; at++) {
        const code = value.charCodeAt(at);
        if (!isDigit(code) && !isCapital(code) && !isSmall(code)) return false;
    }
    return true;
}

/**
 * The first fifteen characters of an 18-character Id with their case as its suffix says (so an Id whose case a
 * tool changed reads as the record it names), or undefined when the suffix cannot belong to them.
 */
function recase(id18: string): string | undefined {
    let id15 = '';
    for (let block = 0; block < 3; block++) {
        const capitals = SUFFIX.indexOf(id18.charAt(15 + block).toUpperCase());
        if (capitals < 0) return undefined;
        for (let at = 0; at < 5; at++) {
            const char = id18.charAt(block * 5 + at);
            const capital = ((capitals >> at) & 1) === 1;
            if (capital && isDigit(char.charCodeAt(0))) return undefined;
            id15 += capital ? char.toUpperCase() : char.toLowerCase();
        }
    }
    return id15;
}

/**
 * The 18-character form of a 15- or 18-character Salesforce Id, or undefined when the value is not one. A
 * well-formed 18-character Id is returned as it is (no copy): the common case of every record an org returns.
 */
export function normalizeId(value: string): string | undefined {
    if ((value.length !== 15 && value.length !== 18) || !isAlphanumeric(value)) return undefined;
    const suffix = suffixOf(value);
    if (value.length === 15) return value + suffix;
    if (value.endsWith(suffix)) return value;
    const id15 = recase(value);
    return id15 === undefined ? undefined : id15 + suffixOf(id15);
}
