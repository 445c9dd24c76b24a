import { CholeskyDecomposition, Matrix, SingularValueDecomposition } from 'ml-matrix';

/**
 * Least squares for several targets at once, from sufficient statistics: X'X and X'y are summed per fold in one
 * streaming pass (memory p x p per fold, not n x p), so k-fold cross-validation costs no second fit pass: the
 * model of fold f is solved from (total - fold f). Column 0 must be the intercept (all ones). The solve itself is
 * ml-matrix's (Cholesky, or SVD when the system is not positive definite).
 */
export class FoldedNormalEquations {
    private readonly gram: Float64Array[];
    private readonly moments: Float64Array[];
    private readonly nonZero: Int32Array;

    constructor(
        readonly width: number,
        readonly targets: number,
        readonly folds: number
    ) {
        this.gram = Array.from({ length: folds }, () => new Float64Array(width * width));
        this.moments = Array.from({ length: folds }, () => new Float64Array(width * targets));
        this.nonZero = new Int32Array(width);
    }

    /** Adds one observation (features x, targets y) to fold `fold`. Only the non-zero features cost time. */
    add(fold: number, x: Float64Array, y: ArrayLike<number>): void {
        const gram = this.gram[fold];
        const moments = this.moments[fold];
        if (!gram || !moments) {
            throw new RangeError(`fold ${fold} out of range`);
        }
        const p = this.width;
        const nonZero = this.nonZero;
        let count = 0;
        for (let j = 0; j < p; j++) {
            if ((x[j] ?? 0) !== 0) nonZero[count++] = j;
        }
        for (let u = 0; u < count; u++) {
            const a = nonZero[u] ?? 0;
            const xa = x[a] ?? 0;
            const rowOffset = a * p;
            for (let v = u; v < count; v++) {
                const b = nonZero[v] ?? 0;
                gram[rowOffset + b] = (gram[rowOffset + b] ?? 0) + xa * (x[b] ?? 0);
            }
            for (let t = 0; t < this.targets; t++) {
                moments[a * this.targets + t] = (moments[a * this.targets + t] ?? 0) + xa * (y[t] ?? 0);
            }
        }
    }

    /**
     * Ridge solution leaving out fold `excluded` (-1: use every fold). The penalty of column j is
     * `pseudoObservations` x the mean of x_j² over the observations used: as if that many observations with
     * x_j at its typical size said "no effect". It matters for a small org (a few hundred installers against a
     * few dozen columns) and vanishes for a large one. The intercept (column 0) and the columns flagged in
     * `unpenalised` are free, so a large penalty shrinks towards the model of those columns alone; a column the
     * data leaves empty gets weight 0. Returns the coefficients, target-major: weights[t * width + j].
     */
    solve(excluded: number, pseudoObservations: number, unpenalised?: ArrayLike<number>): Float64Array {
        const p = this.width;
        const gram = new Float64Array(p * p);
        const moments = new Float64Array(p * this.targets);
        for (let fold = 0; fold < this.folds; fold++) {
            if (fold === excluded) {
                continue;
            }
            const g = this.gram[fold] as Float64Array;
            const m = this.moments[fold] as Float64Array;
            for (let cell = 0; cell < g.length; cell++) gram[cell] = (gram[cell] ?? 0) + (g[cell] ?? 0);
            for (let cell = 0; cell < m.length; cell++) moments[cell] = (moments[cell] ?? 0) + (m[cell] ?? 0);
        }
        const observations = Math.max(1, gram[0] ?? 0);
        const a = new Matrix(p, p);
        for (let i = 0; i < p; i++) {
            for (let j = i; j < p; j++) {
                const value = gram[i * p + j] ?? 0;
                a.set(i, j, value);
                a.set(j, i, value);
            }
            const free = i === 0 || (unpenalised?.[i] ?? 0) !== 0;
            if (!free || (gram[i * p + i] ?? 0) === 0) {
                const meanSquare = Math.max((gram[i * p + i] ?? 0) / observations, 1e-9);
                a.set(i, i, a.get(i, i) + Math.max(pseudoObservations, 1e-6) * meanSquare);
            }
        }
        const b = new Matrix(p, this.targets);
        for (let i = 0; i < p; i++) {
            for (let t = 0; t < this.targets; t++) b.set(i, t, moments[i * this.targets + t] ?? 0);
        }
        const cholesky = new CholeskyDecomposition(a);
        const solution = cholesky.isPositiveDefinite()
            ? cholesky.solve(b)
            : new SingularValueDecomposition(a).solve(b);
        const weights = new Float64Array(p * this.targets);
        for (let t = 0; t < this.targets; t++) {
            for (let j = 0; j < p; j++) {
                const value = solution.get(j, t);
                weights[t * p + j] = Number.isFinite(value) ? value : 0;
            }
        }
        return weights;
    }
}

/** x . weights[target] */
export function predict(weights: Float64Array, width: number, target: number, x: Float64Array): number {
    let sum = 0;
    const offset = target * width;
    for (let j = 0; j < width; j++) {
        sum += (weights[offset + j] ?? 0) * (x[j] ?? 0);
    }
    return sum;
}
