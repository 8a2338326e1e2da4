import { describe, expect, it } from 'vitest';
import { matches, PatternError, validatePattern } from '../../local/bus/pattern.js';

/**
 * Examples from the EventBridge user guide ("Amazon EventBridge event
 * patterns", "Content filtering in Amazon EventBridge event patterns",
 * "Comparison operators for use in event patterns").
 */
const ec2Event = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: { 'instance-id': 'i-1234567890abcdef0', state: 'terminated' },
};

const contentEvent = {
  ...ec2Event,
  detail: {
    'c-count': 5,
    'd-count': 3,
    'x-limit': 301.8,
    'source-ip': '10.0.0.123',
    state: 'initializing',
    FileName: 'photo.PNG',
    FilePath: '/usr/lib/node/index.js',
    service: 'EventBridge',
    location: 'New York',
    Day: 'Monday',
    tags: ['red', 'blue'],
  },
};

describe('event pattern matching (EventBridge semantics)', () => {
  describe('exact values', () => {
    it('matches when the source and detail field are among the listed values', () => {
      expect(matches({ source: ['aws.ec2'], detail: { state: ['running', 'terminated'] } }, ec2Event)).toBe(true);
    });

    it('does not match when a listed field has another value', () => {
      expect(matches({ source: ['aws.ec2'], detail: { state: ['running'] } }, ec2Event)).toBe(false);
    });

    it('does not match when the pattern names a field the event lacks', () => {
      expect(matches({ detail: { 'no-such-field': ['x'] } }, ec2Event)).toBe(false);
    });

    it('matches an array field when any element is listed', () => {
      expect(matches({ resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0', 'other'] }, ec2Event)).toBe(true);
      expect(matches({ detail: { tags: ['green', 'blue'] } }, contentEvent)).toBe(true);
      expect(matches({ detail: { tags: ['green'] } }, contentEvent)).toBe(false);
    });

    it('ANDs fields: Location is "New York" and Day is "Monday"', () => {
      expect(matches({ detail: { location: ['New York'], Day: ['Monday'] } }, contentEvent)).toBe(true);
      expect(matches({ detail: { location: ['New York'], Day: ['Tuesday'] } }, contentEvent)).toBe(false);
    });

    it('matches numbers by value and does not confuse them with strings', () => {
      expect(matches({ detail: { 'c-count': [5] } }, contentEvent)).toBe(true);
      expect(matches({ detail: { 'c-count': ['5'] } }, contentEvent)).toBe(false);
    });

    it('matches null only against null', () => {
      const event = { detail: { responseElements: null } };
      expect(matches({ detail: { responseElements: [null] } }, event)).toBe(true);
      expect(matches({ detail: { responseElements: [null] } }, { detail: {} })).toBe(false);
    });
  });

  describe('prefix and suffix', () => {
    it('matches "time" starting with "2017-12-22"', () => {
      expect(matches({ time: [{ prefix: '2017-12-22' }] }, ec2Event)).toBe(true);
      expect(matches({ time: [{ prefix: '2017-10-02' }] }, ec2Event)).toBe(false);
    });

    it('matches a prefix regardless of case with equals-ignore-case', () => {
      expect(matches({ detail: { service: [{ prefix: { 'equals-ignore-case': 'eventb' } }] } }, contentEvent)).toBe(true);
      expect(matches({ detail: { service: [{ prefix: 'eventb' }] } }, contentEvent)).toBe(false);
    });

    it('matches a FileName ending in .png only with the case-insensitive form', () => {
      expect(matches({ detail: { FileName: [{ suffix: '.png' }] } }, contentEvent)).toBe(false);
      expect(matches({ detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } }, contentEvent)).toBe(true);
    });
  });

  describe('anything-but', () => {
    it('matches any state besides "initializing"', () => {
      expect(matches({ detail: { state: [{ 'anything-but': 'initializing' }] } }, ec2Event)).toBe(true);
      expect(matches({ detail: { state: [{ 'anything-but': 'initializing' }] } }, contentEvent)).toBe(false);
    });

    it('takes a list of strings or of numbers', () => {
      expect(matches({ detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } }, ec2Event)).toBe(true);
      expect(matches({ detail: { state: [{ 'anything-but': ['stopped', 'terminated'] }] } }, ec2Event)).toBe(false);
      expect(matches({ detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } }, contentEvent)).toBe(true);
      expect(matches({ detail: { 'c-count': [{ 'anything-but': 5 }] } }, contentEvent)).toBe(false);
    });

    it('excludes a prefix: Region is not in the US', () => {
      expect(matches({ region: [{ 'anything-but': { prefix: 'us-' } }] }, ec2Event)).toBe(false);
      expect(matches({ region: [{ 'anything-but': { prefix: 'us-' } }] }, { ...ec2Event, region: 'eu-north-1' })).toBe(true);
    });

    it('excludes a suffix: FileName does not end with .PNG', () => {
      expect(matches({ detail: { FileName: [{ 'anything-but': { suffix: '.PNG' } }] } }, contentEvent)).toBe(false);
      expect(matches({ detail: { FileName: [{ 'anything-but': { suffix: '.png' } }] } }, contentEvent)).toBe(true);
    });

    it('excludes regardless of case', () => {
      expect(matches({ detail: { state: [{ 'anything-but': { 'equals-ignore-case': 'INITIALIZING' } }] } }, contentEvent)).toBe(false);
    });

    it('excludes by wildcard: a file path that includes /lib/', () => {
      expect(matches({ detail: { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] } }, contentEvent)).toBe(false);
      expect(matches({ detail: { FilePath: [{ 'anything-but': { wildcard: '*/bin/*' } }] } }, contentEvent)).toBe(true);
    });

    it('does not match a field the event lacks', () => {
      expect(matches({ detail: { missing: [{ 'anything-but': 'x' }] } }, contentEvent)).toBe(false);
    });
  });

  describe('numeric', () => {
    it('matches c-count > 0 and <= 5, d-count < 10, x-limit between 0 and 301.8', () => {
      const pattern = {
        detail: {
          'c-count': [{ numeric: ['>', 0, '<=', 5] }],
          'd-count': [{ numeric: ['<', 10] }],
          'x-limit': [{ numeric: ['>=', 0, '<=', 301.8] }],
        },
      };
      expect(matches(pattern, contentEvent)).toBe(true);
    });

    it('does not match outside the range or a non-number', () => {
      expect(matches({ detail: { 'c-count': [{ numeric: ['>', 5] }] } }, contentEvent)).toBe(false);
      expect(matches({ detail: { state: [{ numeric: ['>', 0] }] } }, contentEvent)).toBe(false);
      expect(matches({ detail: { 'd-count': [{ numeric: ['=', 3] }] } }, contentEvent)).toBe(true);
    });
  });

  describe('exists', () => {
    it('matches when a field exists', () => {
      expect(matches({ detail: { state: [{ exists: true }] } }, ec2Event)).toBe(true);
      expect(matches({ detail: { 'c-count': [{ exists: true }] } }, ec2Event)).toBe(false);
    });

    it('matches when a field does not exist', () => {
      expect(matches({ detail: { 'c-count': [{ exists: false }] } }, ec2Event)).toBe(true);
      expect(matches({ detail: { state: [{ exists: false }] } }, ec2Event)).toBe(false);
    });

    it('speaks of leaf values: an object is not a leaf', () => {
      expect(matches({ detail: [{ exists: true }] }, ec2Event)).toBe(false);
    });

    it('matches nested fields (the audit stamp rule of the topology)', () => {
      const stamped = { source: 'verkosto', detail: { audit: { actor: 'a@b.fi' } } };
      expect(matches({ source: ['verkosto'], detail: { audit: { actor: [{ exists: true }] } } }, stamped)).toBe(true);
      expect(matches({ source: ['verkosto'], detail: { audit: { actor: [{ exists: true }] } } }, { source: 'verkosto', detail: {} })).toBe(false);
    });
  });

  describe('equals-ignore-case', () => {
    it('matches name regardless of case', () => {
      expect(matches({ 'detail-type': [{ 'equals-ignore-case': 'ec2 instance state-change notification' }] }, ec2Event)).toBe(true);
      expect(matches({ 'detail-type': [{ 'equals-ignore-case': 'ec2 instance' }] }, ec2Event)).toBe(false);
    });
  });

  describe('wildcard', () => {
    it('matches "*" as any run of characters', () => {
      expect(matches({ detail: { FilePath: [{ wildcard: '/usr/*/index.js' }] } }, contentEvent)).toBe(true);
      expect(matches({ detail: { FilePath: [{ wildcard: '/opt/*' }] } }, contentEvent)).toBe(false);
      expect(matches({ source: [{ wildcard: 'aws.*' }] }, ec2Event)).toBe(true);
    });

    it('treats an escaped star as a literal star', () => {
      expect(matches({ detail: { name: [{ wildcard: 'a\\*b' }] } }, { detail: { name: 'a*b' } })).toBe(true);
      expect(matches({ detail: { name: [{ wildcard: 'a\\*b' }] } }, { detail: { name: 'axxb' } })).toBe(false);
    });
  });

  describe('cidr', () => {
    it('matches a source IP inside the block', () => {
      expect(matches({ detail: { 'source-ip': [{ cidr: '10.0.0.0/24' }] } }, contentEvent)).toBe(true);
      expect(matches({ detail: { 'source-ip': [{ cidr: '10.0.1.0/24' }] } }, contentEvent)).toBe(false);
    });
  });

  describe('$or', () => {
    it('matches when any alternative matches', () => {
      const pattern = { detail: { $or: [{ 'c-count': [{ numeric: ['>', 0, '<=', 5] }] }, { 'd-count': [{ numeric: ['<', 10] }] }, { 'x-limit': [{ numeric: ['=', 3.018e2] }] }] } };
      expect(matches(pattern, contentEvent)).toBe(true);
    });

    it('does not match when no alternative does', () => {
      const pattern = { detail: { $or: [{ 'c-count': [{ numeric: ['>', 10] }] }, { state: ['stopped'] }] } };
      expect(matches(pattern, contentEvent)).toBe(false);
    });

    it('works at the top level beside other fields', () => {
      const pattern = { source: ['aws.ec2'], $or: [{ region: ['us-west-1'] }, { account: ['000000000000'] }] };
      expect(matches(pattern, ec2Event)).toBe(true);
    });
  });

  describe('pattern validation', () => {
    it('refuses a bare value that is not in an array', () => {
      expect(() => validatePattern({ source: 'aws.ec2' })).toThrow(PatternError);
    });

    it('refuses an unknown operator', () => {
      expect(() => validatePattern({ source: [{ contains: 'x' }] })).toThrow(/unknown operator/);
    });

    it('refuses $or with a single alternative', () => {
      expect(() => validatePattern({ $or: [{ source: ['a'] }] })).toThrow(/\$or/);
    });

    it('refuses consecutive wildcard characters', () => {
      expect(() => validatePattern({ source: [{ wildcard: 'a**b' }] })).toThrow(/consecutive/);
    });

    it('accepts every pattern of the topology', async () => {
      const { allRules } = await import('../../lib/topology.js');
      for (const rule of allRules) expect(() => validatePattern(rule.pattern)).not.toThrow();
    });
  });
});
