/**
 * The order of `scores` from best to worst, equal scores by `then`
 * (smallest first) or, without it, as they come. Large lists go through a
 * stable radix sort of the scores' bits: a comparison sort of the 44,000
 * hits of a common word took 8–12 ms, this about one.
 *
 * @param then non-negative integers below 2³³, one per score
 */
export function rankOrder(scores: Float64Array, then?: ArrayLike<number>): Int32Array {
  const n = scores.length;
  if (n <= SMALL) {
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort(then ? (a, b) => scores[b]! - scores[a]! || then[a]! - then[b]! : (a, b) => scores[b]! - scores[a]!);
    return Int32Array.from(order);
  }
  const bits = new Uint32Array(scores.buffer, scores.byteOffset, n * 2);
  const lo = new Uint32Array(n);
  const hi = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let h = bits[2 * i + HI]!;
    let l = bits[2 * i + LO]!;
    // As unsigned integers, in the order of the numbers (a negative one's bits turned over, a positive one's sign set), then turned over for best first.
    if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else h = (h | 0x80000000) >>> 0;
    hi[i] = ~h >>> 0;
    lo[i] = ~l >>> 0;
  }
  let order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let spare = new Int32Array(n);
  // Least significant digit first, 11 bits at a time; a digit every key shares orders nothing and is skipped.
  const pass = (keys: ArrayLike<number>, shift: number): void => {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(keys[i]! >>> shift) & DIGIT]!++;
    if (counts[(keys[0]! >>> shift) & DIGIT] === n) return;
    let sum = 0;
    for (let d = 0; d <= DIGIT; d++) {
      const c = counts[d]!;
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const at = order[i]!;
      spare[counts[(keys[at]! >>> shift) & DIGIT]!++] = at;
    }
    [order, spare] = [spare, order];
  };
  if (then) for (let shift = 0; shift < 32; shift += 11) pass(then, shift);
  for (const keys of [lo, hi]) for (let shift = 0; shift < 32; shift += 11) pass(keys, shift);
  return order;
}

/** The positions of the `k` best scores, best first, equal scores as they come: what the first `k` of `rankOrder(scores)` are, without sorting the rest. */
export function bestOf(scores: Float64Array, k: number): number[] {
  const best: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    if (best.length === k && s <= scores[best[k - 1]!]!) continue;
    // After every kept score at least as good: equal scores keep their order.
    let at = best.length;
    while (at > 0 && scores[best[at - 1]!]! < s) at--;
    best.splice(at, 0, i);
    if (best.length > k) best.pop();
  }
  return best;
}

/** Below this many, a comparison sort is quicker than the radix passes' fixed cost. */
const SMALL = 512;
const DIGIT = 0x7ff;
const counts = new Uint32Array(DIGIT + 1);
const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const HI = LITTLE ? 1 : 0;
const LO = LITTLE ? 0 : 1;
