import { describe, expect, it } from 'vitest';
import { attendeeCsv } from '../../functions/meetings/attendee-csv.js';
import type { RsvpRecord } from '../../functions/meetings/store.js';

const rsvp = (over: Partial<RsvpRecord>): RsvpRecord => ({
  meetingId: 'm1', rsvpId: 'r1', name: 'Aino Äijälä', email: 'aino@example.fi', attendance: 'onsite', lang: 'fi', status: 'confirmed', createdAt: '2026-11-29T19:47:00.000Z', ...over,
});
const lines = (csv: string) => csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');

describe('the attendee CSV', () => {
  it('has headings in the desk language, statuses and attendance in words and Helsinki times (fi)', () => {
    // Arrange: 19:47 UTC in November is 21:47 in Helsinki (UTC+2).
    const rows = [rsvp({}), rsvp({ rsvpId: 'r2', name: 'Eero', email: 'eero@example.fi', attendance: 'online', status: 'waitlisted', position: 1, createdAt: '2026-06-30T22:05:00.000Z' })];

    // Act
    const csv = attendeeCsv(rows, 'fi');

    // Assert
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(lines(csv)).toEqual([
      '"Nimi";"Sähköposti";"Organisaatio";"Osallistuu";"Tila";"Jonosija";"Ilmoittautui"',
      '"Aino Äijälä";"aino@example.fi";"";"Paikan päällä";"Mukana";"";"29.11.2026 21.47"',
      // 22:05 UTC on 30 June is 1.05 on 1 July in summer time (UTC+3): the Helsinki date, not the UTC one.
      '"Eero";"eero@example.fi";"";"Etänä";"Jonossa";"1";"1.7.2026 1.05"',
    ]);
  });

  it('is in Swedish and English for those desks', () => {
    expect(lines(attendeeCsv([rsvp({ status: 'waitlisted', position: 2 })], 'sv'))).toEqual([
      '"Namn";"E-post";"Organisation";"Deltar";"Status";"Köplats";"Anmäld"',
      '"Aino Äijälä";"aino@example.fi";"";"På plats";"I kö";"2";"29.11.2026 21.47"',
    ]);
    expect(lines(attendeeCsv([rsvp({ attendance: 'online' })], 'en'))).toEqual([
      '"Name";"Email";"Organisation";"Attends";"Status";"Waitlist position";"Signed up"',
      '"Aino Äijälä";"aino@example.fi";"";"Online";"Attending";"";"29/11/2026 21:47"',
    ]);
  });

  it('defuses a formula and doubles quotes, so a spreadsheet shows the text instead of running it', () => {
    const [, row] = lines(attendeeCsv([rsvp({ organisation: '=HYPERLINK("x")', name: '@Aino' })], 'fi'));

    expect(row).toContain(`"'=HYPERLINK(""x"")"`);
    expect(row!.startsWith(`"'@Aino"`)).toBe(true);
  });
});
