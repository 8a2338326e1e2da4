import { describe, expect, it } from 'vitest';
import { matches, PatternError, validatePattern } from '../../local/bus/pattern.js';

/**
 * Where the local matcher and AWS's own engine (event-ruler, which EventBridge
 * runs) disagreed: IPv6 CIDR, arrays of arrays, case-insensitive matching of
 * characters whose case forms differ in length, and the patterns PutRule
 * refuses. Cases follow the EventBridge user guide and event-ruler's rules
 * (JsonRuleCompiler, CIDR, WildcardParser, EqualsIgnoreCaseParser).
 */
const event = (detail: unknown) => ({ source: 'verkosto', 'detail-type': 'Test.Happened', detail });

describe('EventBridge pattern semantics the local bus keeps', () => {
  describe('cidr', () => {
    it('matches IPv6 addresses inside an IPv6 block, however the address is written', () => {
      const pattern = { detail: { ip: [{ cidr: '2001:db8::/32' }] } };
      expect(matches(pattern, event({ ip: '2001:db8::1' }))).toBe(true);
      expect(matches(pattern, event({ ip: '2001:0DB8:0000:0000:0000:0000:0000:ffff' }))).toBe(true);
      expect(matches(pattern, event({ ip: '2001:db9::1' }))).toBe(false);
      expect(matches(pattern, event({ ip: '10.0.0.1' }))).toBe(false);
    });

    it('matches an IPv6 block with a mask that is not a multiple of 16', () => {
      const pattern = { detail: { ip: [{ cidr: 'fe80::/10' }] } };
      expect(matches(pattern, event({ ip: 'febf:ffff::1' }))).toBe(true);
      expect(matches(pattern, event({ ip: 'fec0::1' }))).toBe(false);
    });

    it('keeps IPv4 and IPv6 apart: an IPv4 block never matches an IPv6 address', () => {
      expect(matches({ detail: { ip: [{ cidr: '0.0.0.0/0' }] } }, event({ ip: '::1' }))).toBe(false);
      expect(matches({ detail: { ip: [{ cidr: '10.0.0.0/8' }] } }, event({ ip: '10.1.2.3' }))).toBe(true);
    });

    it('does not match text that only looks like an address', () => {
      expect(matches({ detail: { ip: [{ cidr: '10.0.0.0/8' }] } }, event({ ip: '10.0.0.256' }))).toBe(false);
      expect(matches({ detail: { ip: [{ cidr: '2001:db8::/32' }] } }, event({ ip: '2001:db8:::1' }))).toBe(false);
    });

    it('matches an exact IP value written another way, as event-ruler compares addresses', () => {
      expect(matches({ detail: { ip: ['2001:db8::1'] } }, event({ ip: '2001:0db8:0:0:0:0:0:1' }))).toBe(true);
    });
  });

  describe('arrays of arrays in events', () => {
    it('flattens nested arrays of values', () => {
      const e = event({ tags: [['red', 'green'], ['blue', ['violet']]] });
      expect(matches({ detail: { tags: ['blue'] } }, e)).toBe(true);
      expect(matches({ detail: { tags: ['violet'] } }, e)).toBe(true);
      expect(matches({ detail: { tags: [{ prefix: 'gr' }] } }, e)).toBe(true);
      expect(matches({ detail: { tags: ['black'] } }, e)).toBe(false);
      expect(matches({ detail: { tags: [{ exists: true }] } }, e)).toBe(true);
    });

    it('flattens nested arrays of objects', () => {
      const e = event({ items: [[{ kind: 'a', n: 1 }], [{ kind: 'b', n: 2 }]] });
      expect(matches({ detail: { items: { kind: ['b'] } } }, e)).toBe(true);
      expect(matches({ detail: { items: { kind: ['c'] } } }, e)).toBe(false);
    });

    it('keeps fields of one pattern object to one array element', () => {
      const e = event({ items: [[{ kind: 'a', n: 1 }], [{ kind: 'b', n: 2 }]] });
      expect(matches({ detail: { items: { kind: ['b'], n: [2] } } }, e)).toBe(true);
      expect(matches({ detail: { items: { kind: ['a'], n: [2] } } }, e)).toBe(false);
    });

    it('finds no value in nested empty arrays', () => {
      expect(matches({ detail: { tags: [{ exists: false }] } }, event({ tags: [[], [[]]] }))).toBe(true);
    });
  });

  describe('equals-ignore-case', () => {
    it('matches a character whose upper case is longer (ß → SS)', () => {
      expect(matches({ detail: { street: [{ 'equals-ignore-case': 'straße' }] } }, event({ street: 'STRASSE' }))).toBe(true);
      expect(matches({ detail: { street: [{ 'equals-ignore-case': 'straße' }] } }, event({ street: 'Straße' }))).toBe(true);
    });

    it('matches letters beyond ASCII in either case', () => {
      expect(matches({ detail: { city: [{ 'equals-ignore-case': 'ÄÄNEKOSKI' }] } }, event({ city: 'äänekoski' }))).toBe(true);
      expect(matches({ detail: { word: [{ 'equals-ignore-case': 'ΣΟΦΊΑ' }] } }, event({ word: 'σοφία' }))).toBe(true);
      expect(matches({ detail: { word: [{ 'equals-ignore-case': 'σοφία' }] } }, event({ word: 'ΣΟΦΊΑ' }))).toBe(true);
    });

    it('does the same inside prefix, suffix and anything-but', () => {
      const e = event({ street: 'GROSSE STRASSE' });
      expect(matches({ detail: { street: [{ prefix: { 'equals-ignore-case': 'große' } }] } }, e)).toBe(true);
      expect(matches({ detail: { street: [{ suffix: { 'equals-ignore-case': 'straße' } }] } }, e)).toBe(true);
      expect(matches({ detail: { street: [{ 'anything-but': { 'equals-ignore-case': ['große straße'] } }] } }, e)).toBe(false);
    });

    it('does not match other text of the same length', () => {
      expect(matches({ detail: { street: [{ 'equals-ignore-case': 'straße' }] } }, event({ street: 'STRASSEN' }))).toBe(false);
      expect(matches({ detail: { street: [{ 'equals-ignore-case': 'straße' }] } }, event({ street: 'STRAS' }))).toBe(false);
    });
  });

  describe('PutRule validation', () => {
    it.each<[string, unknown]>([
      ['an empty object under a field', { detail: {} }],
      ['an empty object inside $or', { $or: [{ source: ['a'] }, {}] }],
      ['a CIDR mask over 32 bits', { detail: { ip: [{ cidr: '10.0.0.0/33' }] } }],
      ['a CIDR mask of 32 bits (event-ruler wants fewer)', { detail: { ip: [{ cidr: '10.0.0.1/32' }] } }],
      ['a CIDR octet over 255', { detail: { ip: [{ cidr: '300.0.0.0/8' }] } }],
      ['a CIDR without a mask', { detail: { ip: [{ cidr: '10.0.0.1' }] } }],
      ['an IPv6 CIDR mask over 127 bits', { detail: { ip: [{ cidr: '2001:db8::/129' }] } }],
      ['a malformed IPv6 CIDR', { detail: { ip: [{ cidr: '2001:db8:::/32' }] } }],
      ['a CIDR that is not a string', { detail: { ip: [{ cidr: 10 }] } }],
      ['an anything-but list of strings and numbers', { detail: { n: [{ 'anything-but': ['a', 1] }] } }],
      ['an empty anything-but list', { detail: { n: [{ 'anything-but': [] }] } }],
      ['an anything-but of a boolean', { detail: { n: [{ 'anything-but': true }] } }],
      ['an anything-but list with null', { detail: { n: [{ 'anything-but': [null] }] } }],
      ['an anything-but prefix that is empty', { detail: { n: [{ 'anything-but': { prefix: '' } }] } }],
      ['an anything-but prefix that is a number', { detail: { n: [{ 'anything-but': { prefix: 1 } }] } }],
      ['an anything-but of an unknown operator', { detail: { n: [{ 'anything-but': { numeric: ['>', 1] } }] } }],
      ['a prefix that is a number', { detail: { n: [{ prefix: 1 }] } }],
      ['an empty prefix', { detail: { n: [{ prefix: '' }] } }],
      ['an empty suffix', { detail: { n: [{ suffix: '' }] } }],
      ['a suffix that is an array', { detail: { n: [{ suffix: ['a'] }] } }],
      ['a wildcard with consecutive stars', { detail: { n: [{ wildcard: 'a**' }] } }],
      ['a wildcard with an escape of another character', { detail: { n: [{ wildcard: 'a\\b' }] } }],
      ['a wildcard ending in a lone backslash', { detail: { n: [{ wildcard: 'a\\' }] } }],
      ['an anything-but wildcard with consecutive stars', { detail: { n: [{ 'anything-but': { wildcard: ['**'] } }] } }],
      ['two lower bounds in one numeric', { detail: { n: [{ numeric: ['>', 1, '>=', 2] }] } }],
      ['two upper bounds in one numeric', { detail: { n: [{ numeric: ['<', 1, '<=', 2] }] } }],
      ['an upper bound before a lower bound', { detail: { n: [{ numeric: ['<', 10, '>', 1] }] } }],
      ['equality beside a bound', { detail: { n: [{ numeric: ['=', 1, '<', 2] }] } }],
      ['a range whose bottom is not below its top', { detail: { n: [{ numeric: ['>', 5, '<', 5] }] } }],
      ['a numeric comparison with a string', { detail: { n: [{ numeric: ['>', '1'] }] } }],
      ['a nested array as a match value', { detail: { n: [['a']] } }],
      ['an object as a match value that is no operator', { detail: { n: [{ a: 1, b: 2 }] } }],
      ['a key beside equals-ignore-case', { detail: { n: [{ 'equals-ignore-case': 'a', prefix: 'b' }] } }],
      ['a key beside equals-ignore-case inside prefix', { detail: { n: [{ prefix: { 'equals-ignore-case': 'a', suffix: 'b' } }] } }],
      ['equals-ignore-case of a number', { detail: { n: [{ 'equals-ignore-case': 1 }] } }],
      ['exists of a string', { detail: { n: [{ exists: 'true' }] } }],
      ['an empty array', { detail: { n: [] } }],
    ])('refuses %s', (_name, pattern) => {
      expect(() => validatePattern(pattern)).toThrow(PatternError);
    });

    it.each<[string, unknown]>([
      ['an IPv6 CIDR', { detail: { ip: [{ cidr: '2001:db8::/64' }] } }],
      ['an IPv4 CIDR of /31', { detail: { ip: [{ cidr: '10.0.0.0/31' }] } }],
      ['a two-sided numeric range', { detail: { n: [{ numeric: ['>=', 0, '<', 10] }] } }],
      ['a single numeric bound', { detail: { n: [{ numeric: ['<=', 10] }] } }],
      ['numeric equality', { detail: { n: [{ numeric: ['=', 3.018e2] }] } }],
      ['an anything-but list of numbers', { detail: { n: [{ 'anything-but': [1, 2] }] } }],
      ['an anything-but of one string', { detail: { n: [{ 'anything-but': 'a' }] } }],
      ['an anything-but prefix list', { detail: { n: [{ 'anything-but': { prefix: ['a', 'b'] } }] } }],
      ['a wildcard with escapes of star and backslash', { detail: { n: [{ wildcard: 'a\\*b\\\\c*' }] } }],
      ['match values of every JSON scalar', { detail: { n: ['a', 1, true, null] } }],
      ['prefix equals-ignore-case', { detail: { n: [{ prefix: { 'equals-ignore-case': 'ab' } }] } }],
    ])('accepts %s', (_name, pattern) => {
      expect(() => validatePattern(pattern)).not.toThrow();
    });
  });
});

/**
 * CIDR cases from event-ruler's own tests (src/test/.../CIDRTest.java,
 * Apache-2.0): each block's lowest and highest address as event-ruler
 * computes them, and the blocks it refuses.
 */
describe('cidr as event-ruler computes it (its CIDRTest cases)', () => {
  const ranges: Array<[string, string, string]> = [
    ['0011:2233:4455:6677:8899:aabb:ccdd:eeff/24', '00112200000000000000000000000000', '001122FFFFFFFFFFFFFFFFFFFFFFFFFF'],
    ['2001:db8::ff00:42:8329/24', '20010D00000000000000000000000000', '20010DFFFFFFFFFFFFFFFFFFFFFFFFFF'],
    ['::1/24', '00000000000000000000000000000000', '000000FFFFFFFFFFFFFFFFFFFFFFFFFF'],
    ['10.0.0.0/24', '0A000000', '0A0000FF'],
    ['54.240.196.171/24', '36F0C400', '36F0C4FF'],
    ['192.0.2.0/24', 'C0000200', 'C00002FF'],
    ['13.32.0.0/15', '0D200000', '0D21FFFF'],
    ['27.0.0.0/22', '1B000000', '1B0003FF'],
    ['52.76.128.0/17', '344C8000', '344CFFFF'],
    ['34.192.0.0/12', '22C00000', '22CFFFFF'],
    ['2400:6500:FF00::36FB:1F80/122', '24006500FF0000000000000036FB1F80', '24006500FF0000000000000036FB1FBF'],
    ['2600:9000::/28', '26009000000000000000000000000000', '2600900FFFFFFFFFFFFFFFFFFFFFFFFF'],
    ['2600:1F11::/36', '26001F11000000000000000000000000', '26001F110FFFFFFFFFFFFFFFFFFFFFFF'],
    ['2600:1F14::/35', '26001F14000000000000000000000000', '26001F141FFFFFFFFFFFFFFFFFFFFFFF'],
  ];
  /** An address written from its hex digits: dotted for 8, colon groups for 32. */
  const address = (n: bigint, digits: number) => {
    const hex = n.toString(16).padStart(digits, '0');
    return digits === 8 ? hex.match(/../g)!.map((b) => parseInt(b, 16)).join('.') : hex.match(/.{4}/g)!.join(':');
  };

  it.each(ranges)('%s spans %s to %s and nothing beside', (cidr, low, high) => {
    const pattern = { detail: { ip: [{ cidr }] } };
    const [lo, hi] = [BigInt(`0x${low}`), BigInt(`0x${high}`)];
    const at = (n: bigint) => matches(pattern, event({ ip: address(n, low.length) }));
    expect(() => validatePattern(pattern)).not.toThrow();
    expect([at(lo), at(hi)]).toEqual([true, true]);
    if (lo > 0n) expect(at(lo - 1n)).toBe(false);
    if (hi < (1n << BigInt(low.length * 4)) - 1n) expect(at(hi + 1n)).toBe(false);
  });

  it.each([
    '192.168.0.1/33', 'foo', 'foo/bar/baz', '192.168.0.1/foo', '192.168.0.1/-3424', 'snorkle/3', '10.10.10.10.10/3', '2.1.0.-1/3',
    '2400:6500:3:3:3:3:3:3:3:3FF00::36FB:1F80/122', '2400:6500:3:3:-5:3:3:3:3:3FF00::36FB:1F80/122',
    '2400:6500:3:3:3:3:FFFFFFFFFFF:3:3:3FF00::36FB:1F80/122', '2400:6500:FF00::36FB:1F80/222',
  ])('refuses the malformed block %s', (cidr) => {
    expect(() => validatePattern({ detail: { ip: [{ cidr }] } })).toThrow(PatternError);
  });
});
