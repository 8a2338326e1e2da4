import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { expandDates, meetingIcs, reminderAt } from '../../functions/meetings/meetings.js';
import type { MeetingRecord } from '../../functions/meetings/store.js';

const aMeeting = (over: Partial<MeetingRecord> = {}): MeetingRecord => ({
  id: 'M1',
  network: 'kemi-perhekeskus',
  seriesId: 'S1',
  title: { fi: 'Verkostokahvit; joulu, glögi', sv: 'Nätverkskaffe' },
  description: { fi: 'Rivi 1\nRivi 2' },
  presenters: ['Kemin seurakunta'],
  date: '2027-03-28',
  startTime: '13:00',
  endTime: '15:00',
  start: '2027-03-28T10:00:00.000Z',
  end: '2027-03-28T12:00:00.000Z',
  place: { name: 'Pruntsin Poukama', address: 'Keskuspuistokatu 8, Kemi' },
  rsvpClosesHoursBefore: 0,
  languages: ['fi'],
  status: 'scheduled',
  sequence: 3,
  confirmed: 0,
  waitlisted: 0,
  waitSeq: 0,
  createdBy: 'k@kemi.example.fi',
  updatedAt: '2026-11-22T10:00:00.000Z',
  ...over,
});

describe('meeting series', () => {
  it('takes the first Wednesday of each month until June', () => {
    expect(expandDates({ rule: { weekday: 'wed', nth: 1, from: '2027-01-01', until: '2027-06-30' } })).toEqual(['2027-01-06', '2027-02-03', '2027-03-03', '2027-04-07', '2027-05-05', '2027-06-02']);
  });

  it('takes the last Friday, across month ends of 28 to 31 days', () => {
    expect(expandDates({ rule: { weekday: 'fri', nth: -1, from: '2027-01-01', until: '2027-04-30' } })).toEqual(['2027-01-29', '2027-02-26', '2027-03-26', '2027-04-30']);
  });

  it('skips a month without a fifth-week match and a date before the start', () => {
    expect(expandDates({ rule: { weekday: 'mon', nth: 1, from: '2027-02-02', until: '2027-03-31' } })).toEqual(['2027-03-01']);
  });

  it('takes a list of dates as given, sorted and without repeats', () => {
    expect(expandDates({ dates: ['2026-12-09', '2026-10-26', '2026-12-09', '2026-11-18'] })).toEqual(['2026-10-26', '2026-11-18', '2026-12-09']);
  });
});

describe('meeting invites (RFC 5545, parsed with ical.js)', () => {
  const parse = (text: string) => new ICAL.Component(ICAL.parse(text));

  it('carries UID, SEQUENCE, METHOD and the Helsinki start across the DST switch', () => {
    const cal = parse(meetingIcs(aMeeting(), 'fi', { method: 'REQUEST', organizer: 'verkosto@verkosto.example.fi', showOnline: false, url: 'https://x.fi/m' }));
    const event = new ICAL.Event(cal.getFirstSubcomponent('vevent')!);
    expect(cal.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(event.uid).toBe('meeting-M1@verkosto');
    expect(event.sequence).toBe(3);
    // 28 March 2027 is the day clocks go forward: 13:00 in Helsinki is 10:00 UTC.
    cal.getAllSubcomponents('vtimezone').forEach((tz) => ICAL.TimezoneService.register(new ICAL.Timezone(tz)));
    expect(event.startDate.toJSDate().toISOString()).toBe('2027-03-28T10:00:00.000Z');
    expect(event.summary).toBe('Verkostokahvit; joulu, glögi');
    expect(event.description).toContain('Rivi 1\nRivi 2');
  });

  it('marks a cancellation METHOD:CANCEL with STATUS:CANCELLED', () => {
    const cal = parse(meetingIcs(aMeeting({ status: 'cancelled', sequence: 4 }), 'fi', { method: 'CANCEL', organizer: 'v@v.fi', showOnline: false, url: 'https://x.fi/m' }));
    const vevent = cal.getFirstSubcomponent('vevent')!;
    expect(cal.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(vevent.getFirstPropertyValue('sequence')).toBe(4);
  });

  it('withholds the online link unless it may be shown', () => {
    const m = aMeeting({ online: { url: 'https://teams.example.fi/salainen', withheldUntilConfirmed: true } });
    expect(meetingIcs(m, 'fi', { method: 'PUBLISH', organizer: 'v@v.fi', showOnline: false, url: 'https://x.fi' })).not.toContain('salainen');
    expect(meetingIcs(m, 'fi', { method: 'REQUEST', organizer: 'v@v.fi', showOnline: true, url: 'https://x.fi' }).replace(/\r\n /g, '')).toContain('salainen');
  });
});

describe('reminder time', () => {
  const now = new Date('2027-01-10T12:00:00Z');
  it('is a day before the start', () => {
    expect(reminderAt({ start: '2027-01-20T11:00:00.000Z' }, now)?.toISOString()).toBe('2027-01-19T11:00:00.000Z');
  });
  it('is an hour before for a meeting sooner than a day, and none when that has passed', () => {
    expect(reminderAt({ start: '2027-01-10T20:00:00.000Z' }, now)?.toISOString()).toBe('2027-01-10T19:00:00.000Z');
    expect(reminderAt({ start: '2027-01-10T12:30:00.000Z' }, now)).toBeUndefined();
  });
});
