import { busiestSecond as busiestSecondOfSorted } from '../../bench/lib/stats.js';
import { describe, expect, it } from 'vitest';
import { pacer } from '../../functions/digests/digests.js';

/**
 * Runs `n` paced sends on a fake clock and returns when each went. Sleeping
 * moves the clock, `late(i)` more than asked (a busy event loop), and each
 * send takes `workMs`.
 */
async function sendTimes(n: number, rate: number, concurrency: number, opts: { late?: (i: number) => number; workMs?: number } = {}): Promise<number[]> {
  let now = 0;
  let sleeps = 0;
  const pace = pacer(rate, concurrency, () => now, (ms) => {
    now += ms + (opts.late?.(sleeps++) ?? 0);
    return Promise.resolve();
  });
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    await pace();
    times.push(now);
    now += opts.workMs ?? 0;
  }
  return times;
}

/** The bench's measure of a send: the most sends within any one second. */
const busiestSecond = (times: number[]) => busiestSecondOfSorted([...times].sort((a, b) => a - b));
const average = (times: number[]) => ((times.length - 1) * 1000) / (times.at(-1)! - times[0]!);
/** Up to ±20 ms between leaving here and reaching SES: the first half of each 100 late, the second early. */
const jitter = (times: number[]) => times.map((t, i) => t + (i % 100 < 50 ? 20 : -20));

describe('the digest send pacer', () => {
  it('never lets more than the rate into any one second, even with jitter on the way to SES', async () => {
    const times = await sendTimes(500, 50, 1);
    expect(busiestSecond(times)).toBeLessThanOrEqual(50);
    expect(busiestSecond(jitter(times))).toBeLessThanOrEqual(50);
  });

  it('never lets more than the rate into any one second when timers fire late', async () => {
    const times = await sendTimes(500, 50, 1, { late: (i) => (i % 10 === 0 ? 45 : 1) });
    expect(busiestSecond(jitter(times))).toBeLessThanOrEqual(50);
  });

  it('keeps the average within 90 % of the rate, also when every timer fires a little late', async () => {
    expect(average(await sendTimes(500, 50, 1))).toBeGreaterThanOrEqual(45);
    expect(average(await sendTimes(500, 50, 1, { late: () => 2 }))).toBeGreaterThanOrEqual(45);
    expect(average(await sendTimes(500, 50, 1))).toBeLessThanOrEqual(50);
  });

  it('gives each of N concurrent senders a 1/N share', async () => {
    expect(busiestSecond(await sendTimes(100, 50, 2))).toBeLessThanOrEqual(25);
  });

  it('lets callers that ask at once through one by one, spaced', async () => {
    // Arrange
    let now = 0;
    const pace = pacer(10, 1, () => now, (ms) => {
      now += ms;
      return Promise.resolve();
    });
    const times: number[] = [];

    // Act
    await Promise.all(Array.from({ length: 5 }, () => pace().then(() => times.push(now))));

    // Assert
    expect(times).toEqual([0, 100, 200, 300, 400]);
  });
});
