import { describe, expect, it } from 'vitest';
import { RefreshingCache } from '../../functions/listings/directory-cache.js';
import { ByteLru, estimateJsonBytes } from '../../functions/shared/lru.js';

const lru = (maxBytes: number, evicted: string[] = []) => new ByteLru<string, string>({ maxBytes, sizeOf: (v) => v.length, onEvict: (k) => evicted.push(k) });

describe('a byte-bounded LRU map', () => {
  it('keeps values while their sizes fit the budget', () => {
    const cache = lru(10).set('a', 'xxxx').set('b', 'yyyyyy');

    expect([cache.get('a'), cache.get('b'), cache.bytes, cache.size]).toEqual(['xxxx', 'yyyyyy', 10, 2]);
  });

  it('drops the least recently used values when a new one passes the budget', () => {
    const evicted: string[] = [];
    const cache = lru(10, evicted).set('a', 'xxx').set('b', 'yyy').set('c', 'zzz');
    cache.get('a');

    cache.set('d', 'wwwwwww');

    expect(evicted).toEqual(['b', 'c']);
    expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.get('d'), cache.bytes]).toEqual(['xxx', undefined, undefined, 'wwwwwww', 10]);
  });

  it('counts a replaced value once, at its new size', () => {
    const cache = lru(10).set('a', 'xxxxxx').set('a', 'yy');

    expect([cache.bytes, cache.size, cache.get('a')]).toEqual([2, 1, 'yy']);
  });

  it('keeps a value larger than the whole budget alone, and says so, rather than drop what was just made', () => {
    // Arrange
    const evicted: string[] = [];
    const over: Array<[string, number]> = [];
    const cache = new ByteLru<string, string>({ maxBytes: 5, sizeOf: (v) => v.length, onEvict: (k) => evicted.push(k), onOverBudget: (k, bytes) => over.push([k, bytes]) });
    cache.set('a', 'xx');

    // Act
    cache.set('huge', 'x'.repeat(6));

    // Assert
    expect([cache.get('huge'), cache.get('a'), cache.bytes, cache.size]).toEqual(['x'.repeat(6), undefined, 6, 1]);
    expect(evicted).toEqual(['a']);
    expect(over).toEqual([['huge', 6]]);
  });

  it('lets a value that fits push out the one over budget', () => {
    const cache = lru(5).set('huge', 'x'.repeat(6));

    cache.set('b', 'yy');

    expect([cache.get('huge'), cache.get('b'), cache.bytes]).toEqual([undefined, 'yy', 2]);
  });

  it('frees the bytes of a deleted value', () => {
    const cache = lru(10).set('a', 'xxxx');

    expect(cache.delete('a')).toBe(true);
    expect([cache.bytes, cache.size, cache.delete('a')]).toEqual([0, 0, false]);
  });
});

describe('estimating the JSON bytes of many records from a sample', () => {
  it('is exact for records of one size', () => {
    const records = Array.from({ length: 1000 }, (_, i) => ({ id: String(i % 10), text: 'abc' }));

    expect(estimateJsonBytes(records)).toBe(Buffer.byteLength(JSON.stringify(records[0])) * 1000);
  });

  it('counts multi-byte characters as their UTF-8 bytes, and nothing for no records', () => {
    expect(estimateJsonBytes(['ä'])).toBe(4);
    expect(estimateJsonBytes([])).toBe(0);
  });
});

describe('the directory cache bounded by bytes', () => {
  /** A cache whose every network's value is 40 bytes, recording which networks it loaded. */
  function fortyBytesEach(maxBytes: number) {
    const loads: string[] = [];
    const cache = new RefreshingCache<string>({
      load: async (network) => (loads.push(network), `cards of ${network}`.padEnd(40, '.')),
      now: () => 0,
      freshMs: 60_000,
      staleMs: 60_000,
      maxBytes,
      sizeOf: (v) => v.length,
    });
    return { loads, cache };
  }

  it('keeps the most recently read networks within its budget and loads an evicted one again when read', async () => {
    const { loads, cache } = fortyBytesEach(100);

    for (const n of ['a', 'b', 'a', 'c', 'a']) await cache.get(n);

    expect(loads).toEqual(['a', 'b', 'c']);
    expect(cache.held).toEqual({ bytes: 80, values: 2 });
    await cache.get('b');
    expect(loads).toEqual(['a', 'b', 'c', 'b']);
  });

  it('loads a network larger than the whole budget once, then answers it from memory', async () => {
    // Arrange: one network's value is four times the budget
    const { loads, cache } = fortyBytesEach(10);

    // Act
    for (let i = 0; i < 3; i++) await cache.get('kemi');

    // Assert
    expect(loads).toEqual(['kemi']);
    expect(cache.held).toEqual({ bytes: 40, values: 1 });
  });
});
