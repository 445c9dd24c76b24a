/**
 * A small seeded pseudo-random source for the synthetic data and the estimator's fold assignment: the same seed
 * gives the same sequence on every machine and Node version (Math.random cannot be seeded).
 * sfc32 (Chris Doty-Humphrey's Small Fast Counter), seeded through splitmix32.
 */
export class Random {
    private a: number;
    private b: number;
    private c: number;
    private d: number;
    private spareNormal: number | null = null;

    constructor(seed: number) {
        let state = seed >>> 0;
        const splitmix = () => {
            state = (state + 0x9e3779b9) >>> 0;
            let z = state;
            z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
            z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
            return (z ^ (z >>> 16)) >>> 0;
        };
        this.a = splitmix();
        this.b = splitmix();
        this.c = splitmix();
        this.d = splitmix();
        for (let i = 0; i < 12; i++) {
            this.nextUint32();
        }
    }

    nextUint32(): number {
        const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
        this.d = (this.d + 1) >>> 0;
        this.a = this.b ^ (this.b >>> 9);
        this.b = (this.c + (this.c << 3)) >>> 0;
        this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
        this.c = (this.c + t) >>> 0;
        return t;
    }

    /** Uniform in [0, 1). */
    next(): number {
        return this.nextUint32() / 4294967296;
    }

    /** Uniform whole number in [0, n). */
    int(n: number): number {
        return Math.floor(this.next() * n);
    }

    /** Uniform in [low, high). */
    uniform(low: number, high: number): number {
        return low + (high - low) * this.next();
    }

    chance(probability: number): boolean {
        return this.next() < probability;
    }

    /** Normal(mean, sd), Box–Muller. */
    normal(mean = 0, sd = 1): number {
        if (this.spareNormal !== null) {
            const spare = this.spareNormal;
            this.spareNormal = null;
            return mean + sd * spare;
        }
        let u = 0;
        while (u === 0) {
            u = this.next();
        }
        const radius = Math.sqrt(-2 * Math.log(u));
        const angle = 2 * Math.PI * this.next();
        this.spareNormal = radius * Math.sin(angle);
        return mean + sd * radius * Math.cos(angle);
    }

    /** Index drawn with the given (not necessarily normalised) weights. */
    weighted(weights: readonly number[]): number {
        let total = 0;
        for (const weight of weights) {
            total += weight;
        }
        let draw = this.next() * total;
        for (let index = 0; index < weights.length; index++) {
            draw -= weights[index] ?? 0;
            if (draw < 0) {
                return index;
            }
        }
        return weights.length - 1;
    }

    pick<T>(values: readonly T[]): T {
        const value = values[this.int(values.length)];
        if (value === undefined) {
            throw new Error('pick from an empty list');
        }
        return value;
    }
}
