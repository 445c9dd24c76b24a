/** Growable typed column: a night over a million installers must not hold an object per record. */
export class Column<T extends Int32Array | Float64Array | Uint8Array | Uint16Array | Int8Array> {
    constructor(
        private make: (length: number) => T,
        public data: T,
        private readonly width = 1
    ) {}
    ensure(rows: number): void {
        if (rows * this.width > this.data.length) {
            const bigger = this.make(Math.max(rows * this.width, this.data.length * 2));
            bigger.set(this.data);
            this.data = bigger;
        }
    }
}

/**
 * Whole numbers that are small in practice (dictionary codes, boiler units per brand): two bytes each, the whole
 * column widened to four bytes the first time a value does not fit, so a million rows cost 2 MB, not 4.
 */
export class SmallIntColumn {
    data: Uint16Array | Int32Array;
    constructor(private readonly width = 1) {
        this.data = new Uint16Array(1024 * width);
    }
    ensure(rows: number): void {
        if (rows * this.width > this.data.length) {
            this.resize(Math.max(rows * this.width, this.data.length * 2), this.data instanceof Int32Array);
        }
    }
    set(cell: number, value: number): void {
        if ((value > 0xffff || value < 0) && this.data instanceof Uint16Array)
            this.resize(this.data.length, true);
        this.data[cell] = value;
    }
    private resize(length: number, wide: boolean): void {
        const resized = wide ? new Int32Array(length) : new Uint16Array(length);
        resized.set(this.data);
        this.data = resized;
    }
}

/**
 * Strings with few distinct values (picklists, dates, account owners) stored once, each record holding a code.
 */
export class Dictionary {
    private readonly values: (string | null)[] = [null];
    private readonly codes = new Map<string | null, number>([[null, 0]]);
    encode(value: string | null): number {
        let code = this.codes.get(value);
        if (code === undefined) {
            code = this.values.length;
            // A copy, not the value itself: a string cut from a Bulk result page would keep the page alive.
            const own = value === null ? null : Buffer.from(value, 'utf8').toString('utf8');
            this.values.push(own);
            this.codes.set(own, code);
        }
        return code;
    }
    decode(code: number): string | null {
        return this.values[code] ?? null;
    }
}

/** One bit per cell: which (installer, product group, brand) keys a read has seen, an eighth of a byte each. */
export class BitSet {
    private readonly bits: Uint8Array;
    constructor(size: number) {
        this.bits = new Uint8Array(Math.ceil(size / 8));
    }
    has(cell: number): boolean {
        return ((this.bits[cell >> 3] ?? 0) & (1 << (cell & 7))) !== 0;
    }
    add(cell: number): void {
        this.bits[cell >> 3] = (this.bits[cell >> 3] ?? 0) | (1 << (cell & 7));
    }
}

/**
 * Strings (Ids, names) stored as UTF-8 bytes in one growing buffer. A million Ids as JavaScript strings cost
 * ~50 bytes each, and a string cut from a Bulk result page can keep the whole page alive; here they cost
 * their bytes plus 5, and never refer to the text they were read from.
 */
export class TextColumn {
    private bytes = Buffer.allocUnsafe(64 * 1024);
    /** Where each value's bytes end (a value starts where the one before it ends). */
    private ends = new Int32Array(1024);
    private nulls = new Uint8Array(1024);
    size = 0;

    /** Appends a value; returns its row. */
    push(value: string | null): number {
        const row = this.size++;
        if (row >= this.ends.length) {
            const ends = new Int32Array(this.ends.length * 2);
            ends.set(this.ends);
            this.ends = ends;
            const nulls = new Uint8Array(this.nulls.length * 2);
            nulls.set(this.nulls);
            this.nulls = nulls;
        }
        const start = row === 0 ? 0 : (this.ends[row - 1] ?? 0);
        if (value === null) {
            this.nulls[row] = 1;
            this.ends[row] = start;
            return row;
        }
        const room = start + value.length * 3;
        if (room > 0x7fffffff) throw new RangeError('TextColumn: more than 2 GB of text');
        if (room > this.bytes.length) {
            const bigger = Buffer.allocUnsafe(Math.min(0x7fffffff, Math.max(room, this.bytes.length * 2)));
            this.bytes.copy(bigger, 0, 0, start);
            this.bytes = bigger;
        }
        this.ends[row] = start + this.bytes.write(value, start, 'utf8');
        return row;
    }

    get(row: number): string | null {
        if (row < 0 || row >= this.size || this.nulls[row] === 1) return null;
        return this.bytes.toString('utf8', row === 0 ? 0 : this.ends[row - 1], this.ends[row]);
    }

    /** The byte at `at` of the row's value (UTF-8): an ASCII character's code, without decoding the value. */
    byteAt(row: number, at: number): number {
        return this.bytes[(row === 0 ? 0 : (this.ends[row - 1] ?? 0)) + at] ?? 0;
    }
}

/** FNV-1a over the UTF-16 code units: the same hash for a key and for the row it was stored from. */
function hashKey(value: string): number {
    let hash = 0x811c9dc5;
    for (let index = 0; index < value.length; index++) {
        hash = Math.imul(hash ^ value.charCodeAt(index), 0x01000193);
    }
    return hash >>> 0;
}

/**
 * Unique strings (Ids) with their row numbers: an open-addressing hash table over a TextColumn, 4 bytes a slot
 * instead of a Map entry and a string per key.
 */
export class TextIndex {
    readonly values = new TextColumn();
    /** Each row's hash, so that growing the table never decodes a value. */
    private hashes = new Uint32Array(1024);
    /** Row + 1 per slot, 0 = empty; at most half full. */
    private slots = new Int32Array(2048);

    get size(): number {
        return this.values.size;
    }

    get(value: string): number | undefined {
        return this.find(value, hashKey(value));
    }

    /** Adds a value; returns its row, or undefined when it is there already. */
    add(value: string): number | undefined {
        const hash = hashKey(value);
        if (this.find(value, hash) !== undefined) return undefined;
        const row = this.values.push(value);
        if (row >= this.hashes.length) {
            const hashes = new Uint32Array(this.hashes.length * 2);
            hashes.set(this.hashes);
            this.hashes = hashes;
        }
        this.hashes[row] = hash;
        if ((row + 1) * 2 > this.slots.length) {
            this.slots = new Int32Array(this.slots.length * 2);
            for (let stored = 0; stored < row; stored++) this.place(this.hashes[stored] ?? 0, stored);
        }
        this.place(hash, row);
        return row;
    }

    private find(value: string, hash: number): number | undefined {
        const mask = this.slots.length - 1;
        for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
            const entry = this.slots[slot] ?? 0;
            if (entry === 0) return undefined;
            if (this.hashes[entry - 1] === hash && this.values.get(entry - 1) === value) return entry - 1;
        }
    }

    private place(hash: number, row: number): void {
        const mask = this.slots.length - 1;
        let slot = hash & mask;
        while ((this.slots[slot] ?? 0) !== 0) slot = (slot + 1) & mask;
        this.slots[slot] = row + 1;
    }
}
