import type { UiLanguage } from '../shared/i18n.js';
import { helsinkiDate, helsinkiTime } from '../shared/time.js';
import type { RsvpRecord } from './store.js';

/** Column headings and words, in the language of the desk that asked. */
const WORDS = {
  fi: {
    head: ['Nimi', 'Sähköposti', 'Organisaatio', 'Osallistuu', 'Tila', 'Jonosija', 'Ilmoittautui'],
    attendance: { onsite: 'Paikan päällä', online: 'Etänä' },
    status: { confirmed: 'Mukana', waitlisted: 'Jonossa', cancelled: 'Perunut' },
  },
  sv: {
    head: ['Namn', 'E-post', 'Organisation', 'Deltar', 'Status', 'Köplats', 'Anmäld'],
    attendance: { onsite: 'På plats', online: 'På distans' },
    status: { confirmed: 'Med', waitlisted: 'I kö', cancelled: 'Avbokad' },
  },
  en: {
    head: ['Name', 'Email', 'Organisation', 'Attends', 'Status', 'Waitlist position', 'Signed up'],
    attendance: { onsite: 'On site', online: 'Online' },
    status: { confirmed: 'Attending', waitlisted: 'On the waitlist', cancelled: 'Cancelled' },
  },
} as const;

/**
 * One quoted cell. A value starting with = + - @ (or a tab or CR) is
 * prefixed with ' so a spreadsheet shows it instead of running it as a
 * formula (CSV injection).
 */
const cell = (v: unknown) => `"${String(v ?? '').replace(/^([=+\-@\t\r])/, "'$1").replace(/"/g, '""')}"`;

/** "29.11.2026 21.47" (fi, sv) or "29/11/2026 21:47" (en), in Helsinki time: what a spreadsheet in Finland reads as a date. */
function signedUp(iso: string, lang: UiLanguage): string {
  const at = new Date(iso);
  const [y, mo, d] = helsinkiDate(at).split('-');
  const [h, mi] = helsinkiTime(at).split(':');
  return lang === 'en' ? `${d}/${mo}/${y} ${h}:${mi}` : `${Number(d)}.${Number(mo)}.${y} ${Number(h)}.${mi}`;
}

/**
 * The attendee list as CSV for Excel: UTF-8 with a BOM (so it reads ä and
 * ö), semicolons (Excel's separator in a Finnish locale), CRLF lines,
 * headings and words in the desk's language, times in Helsinki time.
 */
export function attendeeCsv(rows: readonly RsvpRecord[], lang: UiLanguage): string {
  const w = WORDS[lang];
  const lines = [
    w.head.map(cell).join(';'),
    ...rows.map((r) => [r.name, r.email, r.organisation, w.attendance[r.attendance], w.status[r.status], r.position ?? '', signedUp(r.createdAt, lang)].map(cell).join(';')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
