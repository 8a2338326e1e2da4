import { describe, expect, it } from 'vitest';
import { lastDay, listingOccurrences, nextOccurrences } from '../../functions/listings/recurrence.js';
import type { ListingInput } from '../../functions/listings/schema.js';
import { helsinkiDate, helsinkiToUtc } from '../../functions/shared/time.js';

describe('listing recurrence in Helsinki time', () => {
  it('keeps 10:00 local across the spring DST switch (UTC+2 → UTC+3)', () => {
    const from = new Date('2027-03-20T00:00:00Z');
    const out = nextOccurrences({ type: 'recurring', frequency: 'weekly', weekdays: ['wed'], startTime: '10:00', endTime: '12:00' }, from, 2);
    expect(out.map((o) => o.start.toISOString())).toEqual(['2027-03-24T08:00:00.000Z', '2027-03-31T07:00:00.000Z']);
  });

  it('keeps 10:00 local across the autumn DST switch (UTC+3 → UTC+2)', () => {
    const out = nextOccurrences({ type: 'recurring', frequency: 'weekly', weekdays: ['mon'], startTime: '10:00', endTime: '11:00' }, new Date('2027-10-20T00:00:00Z'), 2);
    expect(out.map((o) => o.start.toISOString())).toEqual(['2027-10-25T07:00:00.000Z', '2027-11-01T08:00:00.000Z']);
  });

  it('finds the last Friday of each month, month ends included', () => {
    const out = nextOccurrences({ type: 'recurring', frequency: 'monthly', weekdays: ['fri'], weekOfMonth: -1, startTime: '09:00', endTime: '10:00' }, new Date('2027-01-01T00:00:00Z'), 3);
    expect(out.map((o) => o.date)).toEqual(['2027-01-29', '2027-02-26', '2027-03-26']);
  });

  it('defaults a monthly rule to the first matching weekday', () => {
    const out = nextOccurrences({ type: 'recurring', frequency: 'monthly', weekdays: ['wed'], startTime: '13:00', endTime: '15:00' }, new Date('2026-12-01T00:00:00Z'), 3);
    expect(out.map((o) => o.date)).toEqual(['2026-12-02', '2027-01-06', '2027-02-03']);
  });

  it('stops at the until date', () => {
    const out = nextOccurrences({ type: 'recurring', frequency: 'weekly', weekdays: ['tue', 'thu'], startTime: '10:00', endTime: '11:00', until: '2026-12-10' }, new Date('2026-12-01T00:00:00Z'), 10);
    expect(out.map((o) => o.date)).toEqual(['2026-12-01', '2026-12-03', '2026-12-08', '2026-12-10']);
  });

  it('gives a past one-off event no occurrence and a coming one exactly one', () => {
    const now = new Date('2026-11-22T12:00:00Z');
    expect(nextOccurrences({ type: 'once', date: '2026-11-20', startTime: '18:00' }, now)).toEqual([]);
    expect(nextOccurrences({ type: 'once', date: '2026-12-09', startTime: '13:00', endTime: '15:00' }, now)).toHaveLength(1);
  });

  it('converts Helsinki wall-clock time and dates both ways', () => {
    expect(helsinkiToUtc('2026-07-01', '00:30').toISOString()).toBe('2026-06-30T21:30:00.000Z');
    expect(helsinkiDate(new Date('2026-06-30T21:30:00Z'))).toBe('2026-07-01');
  });
});

describe('monthly rules at month ends and DST', () => {
  const monthly = (weekdays: Array<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun'>, weekOfMonth: 1 | 2 | 3 | 4 | -1, startTime = '10:00') =>
    ({ type: 'recurring', frequency: 'monthly', weekdays, weekOfMonth, startTime, endTime: '23:00' }) as const;

  it('finds the last Tuesday of February in a leap year on the 29th', () => {
    const out = nextOccurrences(monthly(['tue'], -1), new Date('2028-02-01T00:00:00Z'), 1);
    expect(out.map((o) => o.date)).toEqual(['2028-02-29']);
  });

  it('finds the fourth Thursday even in a month with five', () => {
    const out = nextOccurrences(monthly(['thu'], 4), new Date('2026-12-01T00:00:00Z'), 2);
    expect(out.map((o) => o.date)).toEqual(['2026-12-24', '2027-01-28']);
  });

  it('tells the last Thursday from the fourth when a month has five', () => {
    const out = nextOccurrences(monthly(['thu'], -1), new Date('2026-12-01T00:00:00Z'), 2);
    expect(out.map((o) => o.date)).toEqual(['2026-12-31', '2027-01-28']);
  });

  it('keeps a monthly 10:00 at 10:00 Helsinki on both sides of the spring switch', () => {
    const out = nextOccurrences(monthly(['sun'], -1), new Date('2027-02-01T00:00:00Z'), 2);
    // 28 Feb 2027 is UTC+2, 28 Mar 2027 (the switch day itself) is UTC+3 by 10:00.
    expect(out.map((o) => o.start.toISOString())).toEqual(['2027-02-28T08:00:00.000Z', '2027-03-28T07:00:00.000Z']);
  });

  it('moves a time in the spring gap (03:30 does not exist on the switch night) an hour forward', () => {
    const out = nextOccurrences(monthly(['sun'], -1, '03:30'), new Date('2027-03-01T00:00:00Z'), 1);
    expect(out[0]!.start.toISOString()).toBe('2027-03-28T01:30:00.000Z');
  });

  it('takes the first of the two 03:30s on the autumn switch night', () => {
    const out = nextOccurrences(monthly(['sun'], -1, '03:30'), new Date('2027-10-01T00:00:00Z'), 1);
    expect(out[0]!.start.toISOString()).toBe('2027-10-31T00:30:00.000Z');
  });
});

describe('occurrences within the validity, and the last day', () => {
  const wednesdays: Extract<ListingInput['schedule'], { type: 'recurring' }> = { type: 'recurring', frequency: 'weekly', weekdays: ['wed'], startTime: '10:00', endTime: '12:00' };
  type Case = [string, Pick<ListingInput, 'schedule' | 'validUntil'>, string | undefined];

  it('starts at valid-from when that is later than now', () => {
    const out = listingOccurrences({ schedule: wednesdays, validFrom: '2026-12-01' }, new Date('2026-11-23T10:00:00Z'), 1);
    expect(out.map((o) => o.date)).toEqual(['2026-12-02']);
  });

  it('stops at valid-until', () => {
    const out = listingOccurrences({ schedule: wednesdays, validUntil: '2026-12-09' }, new Date('2026-11-23T10:00:00Z'), 10);
    expect(out.map((o) => o.date)).toEqual(['2026-11-25', '2026-12-02', '2026-12-09']);
  });

  it('gives an occurrence under way (started, not ended) as the next one', () => {
    const out = listingOccurrences({ schedule: wednesdays }, new Date('2026-11-25T09:00:00Z'), 1);
    expect(out[0]!.date).toBe('2026-11-25');
  });

  it.each([
    ['the valid-until of a listing without dates', { schedule: { type: 'none' }, validUntil: '2027-06-30' }, '2027-06-30'],
    ['the day of a one-off event', { schedule: { type: 'once', date: '2026-12-09', startTime: '13:00' } }, '2026-12-09'],
    ['the until of a rule before its valid-until', { schedule: { ...wednesdays, until: '2027-05-26' }, validUntil: '2027-06-30' }, '2027-05-26'],
    ['the valid-until before the until of a rule', { schedule: { ...wednesdays, until: '2027-05-26' }, validUntil: '2027-01-31' }, '2027-01-31'],
    ['nothing for a rule without an end', { schedule: wednesdays }, undefined],
  ] as Case[])('takes as the last day %s', (_name, listing, expected) => {
    expect(lastDay(listing)).toBe(expected);
  });
});
