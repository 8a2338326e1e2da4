import { describe, expect, it } from 'vitest';
import { nextOccurrences } from '../../functions/listings/recurrence.js';
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
