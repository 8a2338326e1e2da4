import { describe, expect, it } from 'vitest';
import { escapeText, fold, renderIcs } from '../../functions/shared/ics.js';
import fc from 'fast-check';
import { matchesQuery, normalise, searchWords } from '../../functions/shared/search.js';

describe('search normalisation', () => {
  it('matches Pruntsin Poukama in any case', () => {
    expect(matchesQuery(normalise('Perhekahvila Pruntsin Poukamassa'), 'pruntsin poukama')).toBe(true);
  });

  it('ignores Finnish and Swedish diacritics both ways', () => {
    expect(matchesQuery(normalise('Perhetyö'), 'perhetyo')).toBe(true);
    expect(matchesQuery(normalise('perhetyo'), 'PERHETYÖ')).toBe(true);
    expect(matchesQuery(normalise('Närståendevård i Åbo'), 'narstaendevard abo')).toBe(true);
  });

  it('finds a word inside a compound and needs every word', () => {
    expect(matchesQuery(normalise('Perhekahvila'), 'kahvila')).toBe(true);
    expect(matchesQuery(normalise('Perhekahvila'), 'kahvila kerho')).toBe(false);
  });
});

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

  it('folds long lines at 75 octets without splitting a character', () => {
    const line = `SUMMARY:${'ä'.repeat(60)}`;
    const folded = fold(line);
    for (const part of folded.split('\r\n')) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });
});

describe('the stored search words', () => {
  it('keep each distinct normalised word once', () => {
    expect(searchWords('Perhekahvila PERHEKAHVILA perhekahvila; Pruntsin Poukama')).toBe('perhekahvila pruntsin poukama');
  });

  it('match exactly the queries the whole normalised text matches', () => {
    const word = fc.stringMatching(/^[a-zåäöA-ZÅÄÖé]{1,8}$/);
    const text = fc.array(word, { maxLength: 12 }).map((ws) => ws.join(' '));
    fc.assert(
      fc.property(text, fc.array(word, { minLength: 1, maxLength: 3 }).map((ws) => ws.join(' ')), (t, q) => {
        expect(matchesQuery(searchWords(t), q)).toBe(matchesQuery(normalise(t), q));
      }),
    );
  });
});
