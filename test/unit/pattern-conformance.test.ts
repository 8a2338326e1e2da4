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
