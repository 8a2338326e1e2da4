import { describe, expect, it } from 'vitest';
import { escapeText, fold, renderIcs } from '../../functions/shared/ics.js';

describe('iCalendar output', () => {
  const ics = renderIcs(
    [
      {
        uid: 'meeting-1@verkosto',
        sequence: 2,
        stamp: new Date('2026-11-22T10:00:00Z'),
        start: { date: '2026-12-09', time: '13:00' },
        end: { date: '2026-12-09', time: '15:00' },
        summary: 'Verkostokahvit; joulu, glögi',
        description: 'Rivi 1\nRivi 2 \\ kenoviiva',
        location: 'Pruntsin Poukama, Kemi',
        organizer: { name: 'Verkosto', email: 'verkosto@verkosto.example.fi' },
      },
    ],
    { method: 'REQUEST' },
  );

  it('uses CRLF line ends and the method, UID and sequence given', () => {
    expect(ics.split('\r\n')).toContain('METHOD:REQUEST');
    expect(ics).toContain('UID:meeting-1@verkosto\r\n');
    expect(ics).toContain('SEQUENCE:2\r\n');
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/\n/);
  });

  it('gives times in Europe/Helsinki with its VTIMEZONE', () => {
    expect(ics).toContain('DTSTART;TZID=Europe/Helsinki:20261209T130000');
    expect(ics).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Helsinki');
  });

  it('escapes commas, semicolons, backslashes and newlines in text', () => {
    expect(ics).toContain('SUMMARY:Verkostokahvit\\; joulu\\, glögi');
    expect(ics).toContain('DESCRIPTION:Rivi 1\\nRivi 2 \\\\ kenoviiva');
    expect(escapeText('a\r\nb')).toBe('a\\nb');
  });

  it('keeps a parameter value with line breaks, quotes and separators one quoted parameter (RFC 5545 §3.2)', () => {
    const out = renderIcs([{ uid: 'u@verkosto', stamp: new Date('2026-11-01T10:00:00Z'), start: { date: '2026-12-09', time: '13:00' }, summary: 'S', organizer: { name: 'Verkosto', email: 'v@example.fi' }, attendee: { name: 'Eve\r\nEND:VEVENT\r\nBEGIN:VEVENT;ROLE="CHAIR",x', email: 'eve@example.fi' } }]);
    const unfolded = out.replace(/\r\n /g, '');
    expect(unfolded.match(/^BEGIN:VEVENT$/gm)).toHaveLength(1);
    expect(unfolded).toContain('ATTENDEE;CN="Eve END:VEVENT BEGIN:VEVENT;ROLE=\'CHAIR\',x";ROLE=REQ-PARTICIPANT');
    expect(unfolded).toContain('ORGANIZER;CN="Verkosto":mailto:v@example.fi');
  });

  it('folds long lines at 75 octets without splitting a character', () => {
    const line = `SUMMARY:${'ä'.repeat(60)}`;
    const folded = fold(line);
    for (const part of folded.split('\r\n')) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });
});
