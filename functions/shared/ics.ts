/**
 * iCalendar (RFC 5545) for invites and calendar feeds: CRLF lines folded at
 * 75 octets, TEXT values escaped, times in Europe/Helsinki with its
 * VTIMEZONE, UID stable across updates, SEQUENCE raised on every change.
 */
export interface IcsEvent {
  uid: string;
  sequence?: number;
  /** Helsinki wall-clock start/end: 'YYYY-MM-DD' + 'HH:MM' */
  start: { date: string; time: string };
  end?: { date: string; time: string };
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  /** e.g. FREQ=WEEKLY;BYDAY=WE;UNTIL=20270601T000000Z */
  rrule?: string;
  status?: 'CONFIRMED' | 'CANCELLED' | 'TENTATIVE';
  organizer?: { name: string; email: string };
  attendee?: { name: string; email: string };
  /** when this revision was made */
  stamp: Date;
}

export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n').replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');
}

/** Folds a content line at 75 octets without splitting a UTF-8 character. */
export function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    if (bytes + size > (out.length ? 74 : 75)) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const utcStamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const local = (t: { date: string; time: string }) => `${t.date.replace(/-/g, '')}T${t.time.replace(':', '')}00`;
/**
 * A parameter value (RFC 5545 §3.2): always a quoted-string, which may hold
 * ; : and , but no DQUOTE and no control character; a line break would end
 * the property and start an attacker's one.
 */
const param = (v: string) => `"${v.replace(/[\x00-\x1f\x7f]+/g, ' ').replace(/"/g, "'")}"`;

const VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Helsinki',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0300',
  'TZNAME:EEST',
  'DTSTART:19700329T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0300',
  'TZOFFSETTO:+0200',
  'TZNAME:EET',
  'DTSTART:19701025T040000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/**
 * `method` only where RFC 5546 applies: PUBLISH, REQUEST and CANCEL need an
 * ORGANIZER in every event (§3.2), so a plain calendar file has no METHOD.
 * `refresh` (an ISO duration such as PT6H) tells subscribing apps how often
 * to fetch a feed again: RFC 7986 REFRESH-INTERVAL, and X-PUBLISHED-TTL for
 * Outlook and Apple Calendar.
 */
export function renderIcs(events: IcsEvent[], opts: { method?: 'PUBLISH' | 'REQUEST' | 'CANCEL'; name?: string; refresh?: string } = {}): string {
  if (opts.method && events.some((e) => !e.organizer)) throw new Error(`METHOD:${opts.method} needs an ORGANIZER in every event (RFC 5546)`);
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Verkosto//Verkosto//FI', 'CALSCALE:GREGORIAN', ...(opts.method ? [`METHOD:${opts.method}`] : [])];
  if (opts.name) lines.push(`X-WR-CALNAME:${escapeText(opts.name)}`, 'X-WR-TIMEZONE:Europe/Helsinki');
  if (opts.refresh) lines.push(`REFRESH-INTERVAL;VALUE=DURATION:${opts.refresh}`, `X-PUBLISHED-TTL:${opts.refresh}`);
  lines.push(...VTIMEZONE);
  for (const e of events) {
    lines.push('BEGIN:VEVENT', `UID:${e.uid}`, `SEQUENCE:${e.sequence ?? 0}`, `DTSTAMP:${utcStamp(e.stamp)}`, `DTSTART;TZID=Europe/Helsinki:${local(e.start)}`);
    if (e.end) lines.push(`DTEND;TZID=Europe/Helsinki:${local(e.end)}`);
    if (e.rrule) lines.push(`RRULE:${e.rrule}`);
    lines.push(`SUMMARY:${escapeText(e.summary)}`);
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
    if (e.url) lines.push(`URL:${e.url.replace(/[\r\n]/g, '')}`);
    if (e.organizer) lines.push(`ORGANIZER;CN=${param(e.organizer.name)}:mailto:${e.organizer.email}`);
    if (e.attendee) lines.push(`ATTENDEE;CN=${param(e.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:${e.attendee.email}`);
    lines.push(`STATUS:${e.status ?? 'CONFIRMED'}`, 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}
