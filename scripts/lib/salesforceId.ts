/**
 * Salesforce record Ids as the command keeps them: the 18-character form. Reports export the 15-character form
 * (case-sensitive), Data Loader and the API the 18-character one, whose last three characters say which of the
 * first fifteen are capitals.
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
 * The 18-character form of a 15- or 18-character Salesforce Id, or undefined when the value is not one. An
 * 18-character Id is taken as it is (no copy): the form of every record an org returns and Data Loader exports.
 */
export function normalizeId(value: string): string | undefined {
    if ((value.length !== 15 && value.length !== 18) || !isAlphanumeric(value)) return undefined;
    return value.length === 15 ? value + suffixOf(value) : value;
}
