import { describe, expect, it } from 'vitest';
import { RefreshingCache } from '../../functions/listings/directory-cache.js';

/** A load the test finishes by hand, counting how often it was started. */
function loads() {
  const pending: Array<{ key: string; resolve: (v: string) => void; reject: (e: Error) => void }> = [];
  let started = 0;
  return {
    load: (key: string) =>
      new Promise<string>((resolve, reject) => {
        started++;
        pending.push({ key, resolve, reject });
      }),
    get started() {
      return started;
    },
    finish(value: string) {
      pending.shift()!.resolve(value);
    },
    fail() {
      pending.shift()!.reject(new Error('table down'));
    },
  };
}
const tick = () => new Promise((r) => setImmediate(r));

function setup() {
  const l = loads();
  let now = 0;
  const errors: unknown[] = [];
  const cache = new RefreshingCache<string>({ load: l.load, now: () => now, freshMs: 5000, staleMs: 60_000, onBackgroundError: (e) => errors.push(e) });
  return { l, cache, errors, at: (t: number) => (now = t) };
}

describe('the directory cache', () => {
  it('shares one load among concurrent misses', async () => {
    // Arrange
    const { l, cache } = setup();

    // Act
    const answers = [cache.get('kemi'), cache.get('kemi'), cache.get('kemi')];
    l.finish('v1');

    // Assert
    expect(await Promise.all(answers)).toEqual(['v1', 'v1', 'v1']);
    expect(l.started).toBe(1);
  });

  it('counts freshness from when a load finished, so a slow load is not stale on arrival', async () => {
    const { l, cache, at } = setup();
    const first = cache.get('kemi');
    at(8000); // the load took longer than the fresh interval
    l.finish('v1');
    await first;

    at(12_000);
    expect(await cache.get('kemi')).toBe('v1');
    expect(l.started).toBe(1);
  });

  it('answers with the old value while one reload runs, then with the new one', async () => {
    // Arrange
    const { l, cache, at } = setup();
    const first = cache.get('kemi');
    l.finish('v1');
    await first;

    // Act: past fresh, within stale
    at(6000);
    const during = await Promise.all([cache.get('kemi'), cache.get('kemi')]);
    l.finish('v2');
    await tick();

    // Assert
    expect(during).toEqual(['v1', 'v1']);
    expect(l.started).toBe(2);
    expect(await cache.get('kemi')).toBe('v2');
  });

  it('waits for a reload when the value is older than the stale limit', async () => {
    const { l, cache, at } = setup();
    const first = cache.get('kemi');
    l.finish('v1');
    await first;

    at(61_000);
    const answer = cache.get('kemi');
    l.finish('v2');
    expect(await answer).toBe('v2');
  });

  it('keeps the old value and reports a failed background reload, and does not keep a failed first load', async () => {
    // Arrange
    const { l, cache, errors, at } = setup();
    const first = cache.get('kemi');
    l.fail();
    await expect(first).rejects.toThrow('table down');
    const second = cache.get('kemi');
    l.finish('v1');
    await second;

    // Act
    at(6000);
    const stale = await cache.get('kemi');
    l.fail();
    await tick();

    // Assert
    expect(stale).toBe('v1');
    expect(errors).toHaveLength(1);
    expect(l.started).toBe(3);
  });

  describe('with a version check', () => {
    function checked(current: () => boolean) {
      const l = loads();
      let now = 0;
      let checks = 0;
      const cache = new RefreshingCache<string>({
        load: l.load,
        now: () => now,
        freshMs: 5000,
        staleMs: 60_000,
        maxAgeMs: 300_000,
        revalidate: (_key: string, value: string) => {
          checks++;
          return Promise.resolve(current() ? value : undefined);
        },
      });
      return { l, cache, at: (t: number) => (now = t), checks: () => checks };
    }

    it('keeps the value without loading when nothing changed, fresh again from the check', async () => {
      // Arrange
      const { l, cache, at, checks } = checked(() => true);
      const first = cache.get('kemi');
      l.finish('v1');
      await first;

      // Act: stale, so the check runs in the background; then within the renewed fresh interval
      at(70_000);
      expect(await cache.get('kemi')).toBe('v1');
      at(74_000);
      const again = await cache.get('kemi');

      // Assert
      expect(again).toBe('v1');
      expect(l.started).toBe(1);
      expect(checks()).toBe(1);
    });

    it('keeps what the check brought up to date, without loading, and bounds it by its new size', async () => {
      // Arrange: a cache of at most 10 bytes; the check turns 'v1' into the longer 'v1+change'
      const l = loads();
      let now = 0;
      const cache = new RefreshingCache<string>({
        load: l.load,
        now: () => now,
        freshMs: 5000,
        staleMs: 60_000,
        maxAgeMs: 300_000,
        revalidate: (_key: string, value: string) => Promise.resolve(`${value}+change`),
        maxBytes: 10,
        sizeOf: (v) => v.length,
      });
      const first = cache.get('kemi');
      l.finish('v1');
      await first;

      // Act
      now = 70_000;
      const updated = await cache.get('kemi');

      // Assert
      expect(updated).toBe('v1+change');
      expect(l.started).toBe(1);
      expect(cache.held).toEqual({ bytes: 9, values: 1 });
    });

    it('loads anew when the check says a card changed', async () => {
      const { l, cache, at } = checked(() => false);
      const first = cache.get('kemi');
      l.finish('v1');
      await first;

      at(70_000);
      const answer = cache.get('kemi');
      await tick();
      l.finish('v2');
      expect(await answer).toBe('v2');
      expect(l.started).toBe(2);
    });

    it('loads anew past the longest age even when nothing changed', async () => {
      const { l, cache, at, checks } = checked(() => true);
      const first = cache.get('kemi');
      l.finish('v1');
      await first;

      at(301_000);
      const answer = cache.get('kemi');
      l.finish('v2');
      expect(await answer).toBe('v2');
      expect(checks()).toBe(0);
    });
  });

  it('keeps networks apart', async () => {
    const { l, cache } = setup();
    const kemi = cache.get('kemi');
    const lahti = cache.get('lahti');
    l.finish('kemi-cards');
    l.finish('lahti-cards');
    expect([await kemi, await lahti]).toEqual(['kemi-cards', 'lahti-cards']);
    expect(l.started).toBe(2);
  });

  it('loads every time when caching is off', async () => {
    const l = loads();
    const cache = new RefreshingCache<string>({ load: l.load, now: () => 0, freshMs: 0, staleMs: 0 });
    const a = cache.get('kemi');
    l.finish('v1');
    await a;
    const b = cache.get('kemi');
    l.finish('v2');
    expect(await b).toBe('v2');
    expect(l.started).toBe(2);
  });
});
