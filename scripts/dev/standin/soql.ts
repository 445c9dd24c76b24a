import { normalizeId } from './ids.ts';
import type { FieldDef, ObjectSchema, OrgSchema } from './schema.ts';
import type { StoredRecord } from './store.ts';
import { fieldReader, xsdType, type StoredValue } from './values.ts';

/**
 * The SOQL the package needs: SELECT fields (or COUNT()) FROM one object, WHERE conditions joined by AND,
 * ORDER BY one field, LIMIT. Errors carry the org's error codes and its message layout (the query, a caret
 * under the offending token, "ERROR at Row:r:Column:c", the reason); constructs outside the subset are
 * refused with MALFORMED_QUERY saying so, never silently misread.
 */

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type Condition =
    | { field: FieldDef; operator: ComparisonOperator; value: StoredValue }
    | { field: FieldDef; operator: 'IN' | 'NOT IN'; values: StoredValue[] };

export type SoqlQuery = {
    object: ObjectSchema;
    /** SELECT COUNT(): the result is a number, no records. */
    count: boolean;
    fields: FieldDef[];
    conditions: Condition[];
    orderBy?: { field: FieldDef; descending: boolean };
    limit?: number;
};

export class SoqlError extends Error {
    override readonly name = 'SoqlError';
    constructor(
        readonly errorCode: string,
        message: string
    ) {
        super(message);
    }
}

type TokenKind = 'word' | 'string' | 'number' | 'date' | 'datetime' | 'symbol' | 'end';
type Token = { kind: TokenKind; text: string; value: string; start: number };

const SYMBOLS = ['!=', '<>', '<=', '>=', '=', '<', '>', '(', ')', ',', '*'];
const ESCAPES: Record<string, string> = {
    n: '\n',
    t: '\t',
    r: '\r',
    b: '\b',
    f: '\f',
    '"': '"',
    "'": "'",
    '\\': '\\'
};
const DATE_LITERAL = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2}))?/;

class Parser {
    private readonly tokens: Token[];
    private position = 0;

    constructor(
        private readonly text: string,
        private readonly schema: OrgSchema
    ) {
        this.tokens = this.tokenize();
    }

    /** The org's message layout: the query, a caret under the token, the row and column, the reason. */
    errorAt(token: Token, errorCode: string, reason: string): SoqlError {
        const before = this.text.slice(0, token.start);
        const row = before.split('\n').length;
        const lineStart = before.lastIndexOf('\n') + 1;
        const line = this.text.slice(lineStart).split('\n')[0] ?? '';
        const column = token.start - lineStart + 1;
        return new SoqlError(
            errorCode,
            `\n${line}\n${' '.repeat(column - 1)}^\nERROR at Row:${row}:Column:${column}\n${reason}`
        );
    }

    private tokenize(): Token[] {
        const tokens: Token[] = [];
        const text = this.text;
        let i = 0;
        while (i < text.length) {
            const char = text[i]!;
            if (/\s/.test(char)) {
                i++;
                continue;
            }
            const start = i;
            if (char === "'") {
                let value = '';
                i++;
                for (;;) {
                    if (i >= text.length) {
                        throw new SoqlError(
                            'MALFORMED_QUERY',
                            `unterminated string literal starting at column ${start + 1}`
                        );
                    }
                    const c = text[i]!;
                    if (c === "'") break;
                    if (c === '\\') {
                        const escaped = ESCAPES[text[i + 1] ?? ''];
                        if (escaped === undefined) {
                            throw new SoqlError(
                                'MALFORMED_QUERY',
                                `Invalid string literal '${text.slice(start, i + 2)}'. Illegal character sequence '\\${text[i + 1] ?? ''}' in string literal.`
                            );
                        }
                        value += escaped;
                        i += 2;
                        continue;
                    }
                    value += c;
                    i++;
                }
                i++;
                tokens.push({ kind: 'string', text: text.slice(start, i), value, start });
                continue;
            }
            const date = DATE_LITERAL.exec(text.slice(i));
            if (date) {
                i += date[0].length;
                tokens.push({ kind: date[1] ? 'datetime' : 'date', text: date[0], value: date[0], start });
                continue;
            }
            const number = /^-?\d+(\.\d+)?/.exec(text.slice(i));
            if (number) {
                i += number[0].length;
                tokens.push({ kind: 'number', text: number[0], value: number[0], start });
                continue;
            }
            const word = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i));
            if (word) {
                i += word[0].length;
                tokens.push({ kind: 'word', text: word[0], value: word[0], start });
                continue;
            }
            const symbol = SYMBOLS.find((s) => text.startsWith(s, i));
            if (!symbol) {
                throw this.errorAt(
                    { kind: 'symbol', text: char, value: char, start },
                    'MALFORMED_QUERY',
                    `unexpected token: '${char}'`
                );
            }
            i += symbol.length;
            tokens.push({ kind: 'symbol', text: symbol, value: symbol, start });
        }
        tokens.push({ kind: 'end', text: '<EOF>', value: '', start: text.length });
        return tokens;
    }

    private peek(): Token {
        return this.tokens[this.position]!;
    }

    private next(): Token {
        const token = this.peek();
        if (token.kind !== 'end') this.position++;
        return token;
    }

    private isKeyword(keyword: string, token: Token = this.peek()): boolean {
        return token.kind === 'word' && token.value.toUpperCase() === keyword;
    }

    private unexpected(token: Token): SoqlError {
        return this.errorAt(token, 'MALFORMED_QUERY', `unexpected token: '${token.text}'`);
    }

    private notSupported(token: Token, what: string): SoqlError {
        return this.errorAt(
            token,
            'MALFORMED_QUERY',
            `${what} is not supported by the local Salesforce stand-in`
        );
    }

    private expectKeyword(keyword: string): Token {
        const token = this.next();
        if (!this.isKeyword(keyword, token)) throw this.unexpected(token);
        return token;
    }

    private expectSymbol(symbol: string): void {
        const token = this.next();
        if (token.kind !== 'symbol' || token.value !== symbol) throw this.unexpected(token);
    }

    parse(): SoqlQuery {
        this.expectKeyword('SELECT');
        let count = false;
        const fieldTokens: Token[] = [];
        if (this.isKeyword('COUNT') && this.tokens[this.position + 1]?.value === '(') {
            this.next();
            this.expectSymbol('(');
            if (this.peek().value !== ')') throw this.notSupported(this.peek(), 'COUNT(field)');
            this.expectSymbol(')');
            count = true;
        } else {
            for (;;) {
                const token = this.next();
                if (token.kind !== 'word' || this.isKeyword('FROM', token)) throw this.unexpected(token);
                if (this.peek().value === '(') throw this.notSupported(token, `${token.text}()`);
                fieldTokens.push(token);
                if (this.peek().value !== ',') break;
                this.next();
            }
        }
        this.expectKeyword('FROM');
        const objectToken = this.next();
        if (objectToken.kind !== 'word') throw this.unexpected(objectToken);
        const object = this.schema.objectByLowerName.get(objectToken.value.toLowerCase());
        if (!object) {
            throw this.errorAt(
                objectToken,
                'INVALID_TYPE',
                `sObject type '${objectToken.value}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`
            );
        }
        const query: SoqlQuery = {
            object,
            count,
            fields: fieldTokens.map((token) => this.field(object, token)),
            conditions: []
        };
        if (this.isKeyword('WHERE')) {
            this.next();
            query.conditions.push(this.condition(object));
            while (this.isKeyword('AND')) {
                this.next();
                query.conditions.push(this.condition(object));
            }
            if (this.isKeyword('OR') || this.isKeyword('NOT')) {
                throw this.notSupported(this.peek(), this.peek().text.toUpperCase());
            }
        }
        if (this.isKeyword('ORDER')) {
            this.next();
            this.expectKeyword('BY');
            const field = this.field(object, this.next());
            let descending = false;
            if (this.isKeyword('ASC') || this.isKeyword('DESC')) {
                descending = this.next().value.toUpperCase() === 'DESC';
            }
            if (this.peek().value === ',' || this.isKeyword('NULLS')) {
                throw this.notSupported(this.peek(), 'this ORDER BY');
            }
            query.orderBy = { field, descending };
        }
        if (this.isKeyword('LIMIT')) {
            this.next();
            const token = this.next();
            if (token.kind !== 'number' || !/^\d+$/.test(token.value)) throw this.unexpected(token);
            query.limit = Number(token.value);
        }
        const rest = this.peek();
        if (rest.kind !== 'end') {
            if (['GROUP', 'HAVING', 'OFFSET', 'FOR', 'WITH', 'USING'].some((k) => this.isKeyword(k, rest))) {
                throw this.notSupported(rest, rest.text.toUpperCase());
            }
            throw this.unexpected(rest);
        }
        return query;
    }

    private field(object: ObjectSchema, token: Token): FieldDef {
        if (token.kind !== 'word') throw this.unexpected(token);
        if (token.value.includes('.')) {
            throw this.notSupported(token, `the relationship field ${token.value}`);
        }
        const field = object.fieldByLowerName.get(token.value.toLowerCase());
        if (!field) {
            throw this.errorAt(
                token,
                'INVALID_FIELD',
                `No such column '${token.value}' on entity '${object.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`
            );
        }
        return field;
    }

    private condition(object: ObjectSchema): Condition {
        if (this.peek().value === '(') throw this.notSupported(this.peek(), 'a parenthesized condition');
        const field = this.field(object, this.next());
        const operatorToken = this.next();
        if (
            this.isKeyword('IN', operatorToken) ||
            (this.isKeyword('NOT', operatorToken) && this.isKeyword('IN'))
        ) {
            if (this.isKeyword('IN')) this.next();
            this.expectSymbol('(');
            const values: StoredValue[] = [this.literal(field)];
            while (this.peek().value === ',') {
                this.next();
                values.push(this.literal(field));
            }
            this.expectSymbol(')');
            return { field, operator: this.isKeyword('NOT', operatorToken) ? 'NOT IN' : 'IN', values };
        }
        if (['LIKE', 'INCLUDES', 'EXCLUDES'].some((k) => this.isKeyword(k, operatorToken))) {
            throw this.notSupported(operatorToken, operatorToken.text.toUpperCase());
        }
        if (
            operatorToken.kind !== 'symbol' ||
            !['=', '!=', '<>', '<', '<=', '>', '>='].includes(operatorToken.value)
        ) {
            throw this.unexpected(operatorToken);
        }
        const operator = (operatorToken.value === '<>' ? '!=' : operatorToken.value) as ComparisonOperator;
        return { field, operator, value: this.literal(field) };
    }

    /** A literal, checked against the field's type as the org checks filter values. */
    private literal(field: FieldDef): StoredValue {
        const token = this.next();
        if (this.isKeyword('NULL', token)) return null;
        const wrongType = (typeName: string, quoted: boolean) =>
            this.errorAt(
                token,
                'INVALID_QUERY_FILTER_OPERATOR',
                `value of filter criterion for field '${field.name}' must be of type ${typeName} and should ${quoted ? '' : 'not '}be enclosed in quotes`
            );
        switch (field.type) {
            case 'Number':
            case 'Percent':
            case 'Currency':
                if (token.kind !== 'number') throw wrongType('double', false);
                return Number(token.value);
            case 'Checkbox':
                if (!this.isKeyword('TRUE', token) && !this.isKeyword('FALSE', token)) {
                    throw wrongType('boolean', false);
                }
                return token.value.toUpperCase() === 'TRUE';
            case 'Date':
                if (token.kind !== 'date') throw wrongType('date', false);
                return token.value;
            case 'DateTime':
                if (token.kind !== 'datetime') throw wrongType('dateTime', false);
                return new Date(token.value).toISOString();
            case 'Id':
            case 'MasterDetail':
            case 'Lookup': {
                if (token.kind !== 'string') throw wrongType('id', true);
                const id = normalizeId(token.value);
                if (!id) {
                    throw this.errorAt(
                        token,
                        'INVALID_QUERY_FILTER_OPERATOR',
                        `invalid ID field: ${token.value}`
                    );
                }
                return id;
            }
            default:
                if (token.kind !== 'string') throw wrongType('string', true);
                return token.value;
        }
    }
}

export function parseSoql(text: string, schema: OrgSchema): SoqlQuery {
    return new Parser(text, schema).parse();
}

type Reader = (record: StoredRecord) => StoredValue;

/** Text comparisons in SOQL ignore case; Ids are compared in their 18-character form. */
function comparable(field: FieldDef, value: StoredValue): StoredValue {
    return typeof value === 'string' && xsdType(field) !== 'id' ? value.toLowerCase() : value;
}

function compare(left: StoredValue, right: StoredValue): number {
    if (left === right) return 0;
    if (left === null) return -1;
    if (right === null) return 1;
    return left < right ? -1 : 1;
}

function predicate(condition: Condition, read: Reader): (record: StoredRecord) => boolean {
    const { field } = condition;
    if ('values' in condition) {
        const wanted = new Set(condition.values.map((value) => comparable(field, value)));
        const negate = condition.operator === 'NOT IN';
        return (record) => wanted.has(comparable(field, read(record))) !== negate;
    }
    const wanted = comparable(field, condition.value);
    switch (condition.operator) {
        case '=':
            return (record) => comparable(field, read(record)) === wanted;
        // As in SOQL (unlike SQL), != also matches records where the field is null.
        case '!=':
            return (record) => comparable(field, read(record)) !== wanted;
        default: {
            const test = {
                '<': (c: number) => c < 0,
                '<=': (c: number) => c <= 0,
                '>': (c: number) => c > 0,
                '>=': (c: number) => c >= 0
            }[condition.operator];
            return (record) => {
                const value = comparable(field, read(record));
                return value !== null && wanted !== null && test(compare(value, wanted));
            };
        }
    }
}

/** Runs a query on a snapshot of records; `today` is the date formula fields are computed for. */
export function runQuery(query: SoqlQuery, records: readonly StoredRecord[], today: string): StoredRecord[] {
    const tests = query.conditions.map((condition) =>
        predicate(condition, fieldReader(condition.field, today))
    );
    let matches =
        tests.length === 0 ? [...records] : records.filter((record) => tests.every((test) => test(record)));
    if (query.orderBy) {
        const { field, descending } = query.orderBy;
        const read = fieldReader(field, today);
        // SOQL puts nulls first in ascending order and last in descending order.
        matches = matches
            .map((record) => ({ record, key: comparable(field, read(record)) }))
            .sort((a, b) => (descending ? -1 : 1) * compare(a.key, b.key))
            .map(({ record }) => record);
    }
    return query.limit === undefined ? matches : matches.slice(0, query.limit);
}
