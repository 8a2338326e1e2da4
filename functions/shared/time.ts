/**
 * Europe/Helsinki wall-clock time ↔ UTC instants, DST-correct, with Intl
 * only (no time-zone library in the bundles). Dates are 'YYYY-MM-DD',
 * times 'HH:MM'.
 */
export const TIME_ZONE = 'Europe/Helsinki';

// Built on first use, not at import: a formatter with a time zone loads ICU's zone data,
// about 11 ms of CPU that every function importing this module paid at cold start.
let formatter: Intl.DateTimeFormat | undefined;
const parts = () =>
  (formatter ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }));

/** Formatters for people, one per language for the life of the instance: building one with a time zone costs ~0.3 ms, more than the rest of a digest mail's rendering. */
const longFormats = new Map<string, Intl.DateTimeFormat>();

/** An instant as a reader in Finland reads it, in their language: "maanantai 1. joulukuuta 2026 klo 8.00". */
export function formatDateTime(instant: string | Date, lang: 'fi' | 'sv' | 'en'): string {
  let format = longFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang === 'sv' ? 'sv-FI' : lang === 'en' ? 'en-GB' : 'fi-FI', { dateStyle: 'full', timeStyle: 'short', timeZone: TIME_ZONE });
    longFormats.set(lang, format);
  }
  return format.format(new Date(instant));
}

function wall(instant: Date): { date: string; time: string; offsetMinutes: number } {
  const p = Object.fromEntries(parts().formatToParts(instant).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}`, offsetMinutes: Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000) };
}

/** The Helsinki calendar date of an instant. (The last answer is kept: a directory read asks it for one instant thousands of times.) */
let lastDate: { at: number; date: string } | undefined;
export function helsinkiDate(instant: Date): string {
  const at = instant.getTime();
  if (lastDate?.at !== at) lastDate = { at, date: wall(instant).date };
  return lastDate.date;
}

export function helsinkiTime(instant: Date): string {
  return wall(instant).time;
}

/**
 * The instant of a Helsinki wall-clock time. In the spring gap (03:00–04:00
 * does not exist) the time moves forward an hour; in the autumn overlap the
 * first (summer-time) occurrence is taken.
 */
const toUtcMemo = new Map<string, number>();
export function helsinkiToUtc(date: string, time: string): Date {
  const key = `${date} ${time}`;
  let at = toUtcMemo.get(key);
  if (at === undefined) {
    // Pure in its arguments; the directory converts the same few dates and times for every card.
    if (toUtcMemo.size >= 10_000) toUtcMemo.clear();
    at = computeHelsinkiToUtc(date, time);
    toUtcMemo.set(key, at);
  }
  return new Date(at);
}

function computeHelsinkiToUtc(date: string, time: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const naive = Date.UTC(y, m - 1, d, hh, mm);
  // The offsets in force half a day either side bracket any switch; each gives a candidate instant.
  const candidates = [naive - 12 * 3600000, naive + 12 * 3600000].map((t) => naive - wall(new Date(t)).offsetMinutes * 60000);
  const wanted = `${date} ${time}`;
  const real = candidates.filter((c) => {
    const w = wall(new Date(c));
    return `${w.date} ${w.time}` === wanted;
  });
  // Both real: the autumn overlap, take the earlier (summer time). Neither: the spring gap, the summer-time reading (an hour later on the clock).
  return real.length ? Math.min(...real) : candidates[0]!;
}

export function addDays(date: string, days: number): string {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) + days * 86400000;
  return new Date(t).toISOString().slice(0, 10);
}

export function addMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const d = Number(date.slice(8, 10));
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d, last))).toISOString().slice(0, 10);
}

/** 0 = Monday … 6 = Sunday (ISO order). */
export function isoWeekday(date: string): number {
  const t = new Date(`${date}T12:00:00Z`).getUTCDay();
  return (t + 6) % 7;
}

export function daysInMonth(date: string): number {
  return new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 0)).getUTCDate();
}
