import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { listingIcs } from '../../functions/listings/directory.js';
import { networkCalendar } from '../../functions/meetings/meetings.js';
import type { MeetingRecord } from '../../functions/meetings/store.js';
import { renderIcs } from '../../functions/shared/ics.js';
import { calendarLinks } from '../../functions/shared/calendar-links.js';
import { encodeHeaderText, inviteMime } from '../../functions/shared/mime.js';
import type { ListingRecord } from '../../functions/listings/store.js';
import { aListing } from '../fixtures/listings.js';
import { parseMime } from '../support/mime.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const unfolded = (ics: string) => ics.replace(/\r\n /g, '').split('\r\n');

describe('calendar files follow RFC 5545, 5546 and 7986', () => {
  it('gives a listing file no METHOD, since it names no ORGANIZER', () => {
    const r = { id: '01JDQ7ZK3M9X4T8B2C6V5N1PRS', network: 'kemi-perhekeskus', status: 'published', published: aListing(), publishedRevision: 1, updatedAt: NOW.toISOString() } as unknown as ListingRecord;
    const lines = unfolded(listingIcs(r, 'https://verkosto.example.fi', 'fi', NOW)!);
    expect(lines.some((l) => l.startsWith('METHOD:'))).toBe(false);
    expect(lines.some((l) => l.startsWith('ORGANIZER'))).toBe(false);
  });

  it('refuses a METHOD without an ORGANIZER in every event', () => {
    expect(() => renderIcs([{ uid: 'x@verkosto', stamp: NOW, start: { date: '2026-12-09', time: '13:00' }, summary: 'x' }], { method: 'PUBLISH' })).toThrow(/ORGANIZER/);
  });

  it("publishes a network's feed with an ORGANIZER per event and tells apps to refresh it every six hours", () => {
    const meeting = {
      id: 'm1', network: 'kemi-perhekeskus', status: 'scheduled', sequence: 0, updatedAt: NOW.toISOString(), date: '2026-12-09', startTime: '13:00', endTime: '15:00',
      title: { fi: 'Verkostokahvit' }, description: { fi: 'Kuulumiset' }, place: { name: 'Pruntsin Poukama', address: 'Keskuspuistokatu 8' }, presenters: [],
    } as unknown as MeetingRecord;
    const ics = networkCalendar([meeting], 'Kemin verkosto', 'verkosto@verkosto.example.fi', 'https://verkosto.example.fi');
    const lines = unfolded(ics);
    const cal = new ICAL.Component(ICAL.parse(ics));

    expect(lines).toContain('METHOD:PUBLISH');
    expect(lines).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT6H');
    expect(lines).toContain('X-PUBLISHED-TTL:PT6H');
    expect(cal.getAllSubcomponents('vevent').every((e) => e.getFirstPropertyValue('organizer') === 'mailto:verkosto@verkosto.example.fi')).toBe(true);
  });
});

describe('calendar invitations as iMIP mail', () => {
  const ics = renderIcs(
    [{ uid: 'meeting-1@verkosto', stamp: NOW, start: { date: '2026-12-09', time: '13:00' }, summary: 'Verkostokahvit', organizer: { name: 'Verkosto', email: 'verkosto@verkosto.example.fi' } }],
    { method: 'REQUEST' },
  );
  const raw = inviteMime({
    from: 'verkosto@verkosto.example.fi',
    to: 'maija@example.fi',
    subject: 'Ilmoittautuminen vahvistettu: Verkostokahvit – jouluglögi',
    text: 'Paikkasi on varattu.',
    html: '<p>Paikkasi on varattu.</p>',
    headers: { 'Content-Language': 'fi' },
    calendar: { method: 'REQUEST', content: ics, filename: 'invite.ics' },
  });
  const root = parseMime(raw);

  it('puts text/calendar with its method inside multipart/alternative, after the text and HTML', () => {
    expect(root.type).toBe('multipart/mixed');
    const [alternative, attachment] = root.parts;
    expect(alternative!.type).toBe('multipart/alternative');
    expect(alternative!.parts.map((p) => p.type)).toEqual(['text/plain', 'text/html', 'text/calendar']);
    expect(alternative!.parts[2]!.params.method).toBe('REQUEST');
    expect(alternative!.parts[2]!.body).toBe(ics);
    expect(attachment!.type).toBe('application/ics');
    expect(attachment!.headers['content-disposition']).toBe('attachment; filename="invite.ics"');
    expect(attachment!.body).toBe(ics);
  });

  it('carries the headers given and encodes a non-ASCII subject', () => {
    expect(root.headers['content-language']).toBe('fi');
    expect(root.headers['mime-version']).toBe('1.0');
    expect(root.headers.subject).toMatch(/^=\?UTF-8\?B\?/);
    const decoded = root.headers.subject!.split(' ').map((w) => Buffer.from(w.replace(/^=\?UTF-8\?B\?|\?=$/g, ''), 'base64').toString('utf8')).join('');
    expect(decoded).toBe('Ilmoittautuminen vahvistettu: Verkostokahvit – jouluglögi');
  });

  it('keeps every line within 78 characters and every encoded word within 75', () => {
    for (const line of raw.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
    for (const word of encodeHeaderText('ä'.repeat(200)).split('\r\n ')) expect(word.length).toBeLessThanOrEqual(75);
  });
});

describe('"Add to Google Calendar" and "Add to Outlook.com" links', () => {
  const event = {
    summary: 'Verkostokahvit & glögi',
    description: 'Kuulumiset',
    location: 'Pruntsin Poukama, Kemi',
    url: 'https://verkosto.example.fi/fi/meetings/view/?id=m1',
    start: { date: '2026-12-09', time: '13:00' },
    end: { date: '2026-12-09', time: '15:00' },
  };

  it('gives Google the UTC times, the text, place and a link back, and the recurrence rule', () => {
    const google = new URL(calendarLinks({ ...event, rrule: 'FREQ=WEEKLY;BYDAY=WE' }).google);
    expect(google.origin + google.pathname).toBe('https://calendar.google.com/calendar/render');
    expect(Object.fromEntries(google.searchParams)).toEqual({
      action: 'TEMPLATE',
      text: 'Verkostokahvit & glögi',
      dates: '20261209T110000Z/20261209T130000Z',
      ctz: 'Europe/Helsinki',
      details: 'Kuulumiset\n\nhttps://verkosto.example.fi/fi/meetings/view/?id=m1',
      location: 'Pruntsin Poukama, Kemi',
      recur: 'RRULE:FREQ=WEEKLY;BYDAY=WE',
    });
  });

  it('gives Outlook.com the compose form with ISO instants, in summer time too', () => {
    const outlook = new URL(calendarLinks({ ...event, start: { date: '2027-06-09', time: '13:00' }, end: { date: '2027-06-09', time: '15:00' } }).outlook);
    expect(outlook.origin + outlook.pathname).toBe('https://outlook.live.com/calendar/0/action/compose');
    expect(outlook.searchParams.get('rru')).toBe('addevent');
    expect(outlook.searchParams.get('subject')).toBe('Verkostokahvit & glögi');
    expect(outlook.searchParams.get('startdt')).toBe('2027-06-09T10:00:00.000Z');
    expect(outlook.searchParams.get('enddt')).toBe('2027-06-09T12:00:00.000Z');
  });

  it('offers an event without an end time as an hour long', () => {
    const { end: _end, ...open } = event;
    expect(new URL(calendarLinks(open).google).searchParams.get('dates')).toBe('20261209T110000Z/20261209T120000Z');
  });
});
