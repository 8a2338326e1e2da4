import { describe, expect, it } from 'vitest';
import { bestOf, rankOrder } from '../../functions/shared/rank.js';

/** Scores with many ties and near-ties, as a corpus of alike listings gives. */
function scores(n: number, seed: number): Float64Array {
  let x = seed;
  const next = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const base = [0, 0.75, 1.5, 2.25, 3.125, 9.1, 1e-9, 123456.789];
  return Float64Array.from({ length: n }, () => (next() < 0.5 ? base[Math.floor(next() * base.length)]! : next() * 100) * (next() < 0.1 ? 1 + 1e-15 : 1));
}

/** What a comparison sort gives: best first, ties by `then`, then as they come. */
const bySort = (s: Float64Array, then?: ArrayLike<number>) =>
  Array.from(s.keys()).sort((a, b) => s[b]! - s[a]! || (then ? then[a]! - then[b]! : 0) || a - b);

describe('ranking hits', () => {
  it.each([0, 1, 7, 511, 512, 513, 5_000, 44_000])('orders %i scores best first, equal scores as they come, as a stable comparison sort does', (n) => {
    const s = scores(n, n + 1);

    expect(Array.from(rankOrder(s))).toEqual(bySort(s));
  });

  it.each([300, 20_000])('breaks ties of %i scores by the directory order given', (n) => {
    const s = scores(n, 7);
    const then = Array.from({ length: n }, (_, i) => (i * 7919) % n);

    expect(Array.from(rankOrder(s, then))).toEqual(bySort(s, then));
  });

  it('orders negative scores below zero and positive ones', () => {
    const s = Float64Array.from([-1, 2, 0, -0.5, 3, ...new Array(600).fill(1)]);

    expect(Array.from(rankOrder(s)).slice(0, 3)).toEqual([4, 1, 5]);
    expect(Array.from(rankOrder(s)).slice(-3)).toEqual([2, 3, 0]);
  });

  it.each([1, 20, 100])('picks the best %i as the full ranking would', (k) => {
    const s = scores(3_000, k);

    expect(bestOf(s, k)).toEqual(bySort(s).slice(0, k));
  });
});
