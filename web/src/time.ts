/**
 * One way of writing times on every page: "klo 9.30–11.30" in Finnish,
 * "kl. 9.30–11.30" in Swedish, "9:30–11:30" in English — no leading zero,
 * as people write them (Kielitoimisto's and Språkrådet's recommendations).
 */
import { pageLang } from './forms.js';

/** "09:30" → "9.30" (fi, sv) or "9:30" (en). */
export function clockTime(hhmm: string): string {
  const [h = '0', m = '00'] = hhmm.split(':');
  return `${Number(h)}${pageLang() === 'en' ? ':' : '.'}${m}`;
}

/** "9.30–11.30", or only the start when there is no end. */
export function timeRange(start: string, end?: string): string {
  return end ? `${clockTime(start)}–${clockTime(end)}` : clockTime(start);
}

/** The word before a time in running text: "klo", "kl.", or nothing in English. */
export function clockWord(): string {
  return { fi: 'klo ', sv: 'kl. ', en: '' }[pageLang()];
}

/** An instant's wall-clock time in Helsinki as "HH:MM". */
export function helsinkiClock(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/Helsinki' }).format(new Date(iso));
}

/** An instant's date in Helsinki as yyyy-mm-dd. */
export function helsinkiDay(iso: string): string {
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'Europe/Helsinki' }).format(new Date(iso));
}
