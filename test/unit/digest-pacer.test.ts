import { describe, expect, it } from 'vitest';
import { pacer } from '../../functions/digests/digests.js';

/** Runs `n` paced sends on a fake clock (sleeping moves it) and returns when each went. */
async function sendTimes(n: number, rate: number, concurrency: number, workSpentMs = 0): Promise<number[]> {
  let now = 0;
  const pace = pacer(rate, concurrency, () => now, (ms) => {
    now += ms;
    return Promise.resolve();
  });
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    await pace();
    times.push(now);
    now += workSpentMs;
  }
  return times;
}

const busiestSecond = (times: number[]) => {
  let peak = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= 1000) j++;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
};

describe('the digest send pacer', () => {
  it('never lets more than the rate through in any one second, with a little room for network jitter', async () => {
    // Act
    const times = await sendTimes(500, 50, 1);

    // Assert
    expect(busiestSecond(times)).toBeLessThanOrEqual(50);
    expect(busiestSecond(times.map((t, i) => t + (i % 100 < 50 ? 5 : -5)))).toBeLessThanOrEqual(50);
  });

  it('keeps the average within 90 % of the rate', async () => {
    const times = await sendTimes(500, 50, 1);
    const rate = ((times.length - 1) * 1000) / (times.at(-1)! - times[0]!);
    expect(rate).toBeGreaterThanOrEqual(45);
    expect(rate).toBeLessThanOrEqual(50);
  });

  it('gives each of N concurrent senders a 1/N share', async () => {
    const times = await sendTimes(100, 50, 2);
    expect(busiestSecond(times)).toBeLessThanOrEqual(25);
  });

  it('does not catch up with a burst after a slow send', async () => {
    const times = await sendTimes(10, 50, 1, 200);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(20);
  });
});
