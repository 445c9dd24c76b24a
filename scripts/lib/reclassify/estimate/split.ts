/**
 * Splits `units` whole units over slots in proportion to `weights` (largest remainder; equal remainders go to
 * the earlier slot), writing into out[offset .. offset + weights.length). Equal shares when all weights are 0.
 */
export function splitWholeUnits(
    units: number,
    weights: ArrayLike<number>,
    out: Int32Array | number[],
    offset = 0
): void {
    const n = weights.length;
    let total = 0;
    for (let slot = 0; slot < n; slot++) total += Math.max(0, weights[slot] ?? 0);
    let given = 0;
    for (let slot = 0; slot < n; slot++) {
        const weight = total > 0 ? Math.max(0, weights[slot] ?? 0) / total : 1 / n;
        const whole = Math.floor(units * weight);
        out[offset + slot] = whole;
        given += whole;
    }
    let left = units - given;
    while (left > 0) {
        let best = -1;
        let bestRemainder = -1;
        for (let slot = 0; slot < n; slot++) {
            const weight = total > 0 ? Math.max(0, weights[slot] ?? 0) / total : 1 / n;
            const remainder = units * weight - (out[offset + slot] ?? 0);
            if (remainder > bestRemainder) {
                best = slot;
                bestRemainder = remainder;
            }
        }
        out[offset + best] = (out[offset + best] ?? 0) + 1;
        left--;
    }
}
