import { addDays, daysInMonth, helsinkiDate, helsinkiToUtc, isoWeekday } from '../shared/time.js';
import { WEEKDAYS, type ListingInput } from './schema.js';

export interface Occurrence {
  start: Date;
  end?: Date;
  /** Helsinki date */
  date: string;
}

type Schedule = ListingInput['schedule'];

/** Does this date match a monthly rule: weekday in the list, in the given week of the month? */
function monthlyMatch(date: string, weekdays: number[], weekOfMonth: 1 | 2 | 3 | 4 | -1): boolean {
  if (!weekdays.includes(isoWeekday(date))) return false;
  const day = Number(date.slice(8, 10));
  if (weekOfMonth === -1) return day + 7 > daysInMonth(date);
  return Math.ceil(day / 7) === weekOfMonth;
}

/**
 * The next occurrences of a listing's schedule at or after `from`, in
 * Helsinki time (so 10:00 stays 10:00 across the DST switch).
 */
export function nextOccurrences(schedule: Schedule, from: Date, limit = 5, horizonDays = 400): Occurrence[] {
  const make = (date: string, startTime: string, endTime?: string): Occurrence => ({
    date,
    start: helsinkiToUtc(date, startTime),
    ...(endTime ? { end: helsinkiToUtc(date, endTime) } : {}),
  });
  if (schedule.type === 'none') return [];
  if (schedule.type === 'once') {
    const o = make(schedule.date, schedule.startTime, schedule.endTime);
    return (o.end ?? o.start) >= from ? [o] : [];
  }
  const weekdays = schedule.weekdays.map((w) => WEEKDAYS.indexOf(w));
  const out: Occurrence[] = [];
  let date = helsinkiDate(from);
  const lastDate = schedule.until ?? addDays(date, horizonDays);
  for (let i = 0; i <= horizonDays && date <= lastDate && out.length < limit; i++, date = addDays(date, 1)) {
    const hit = schedule.frequency === 'weekly' ? weekdays.includes(isoWeekday(date)) : monthlyMatch(date, weekdays, schedule.weekOfMonth ?? 1);
    if (!hit) continue;
    const o = make(date, schedule.startTime, schedule.endTime);
    if ((o.end ?? o.start) >= from) out.push(o);
  }
  return out;
}

type Validity = Pick<ListingInput, 'schedule' | 'validFrom' | 'validUntil'>;

/**
 * The last day a listing is current, in Helsinki: its valid-until, or the
 * end of its dates (a one-off event's day, a rule's until), whichever comes
 * first. Undefined while it goes on without an end.
 */
export function lastDay(l: Validity): string | undefined {
  const s = l.schedule;
  const ends = [l.validUntil, s.type === 'once' ? s.date : s.type === 'recurring' ? s.until : undefined].filter((d): d is string => d !== undefined);
  return ends.length ? ends.sort()[0] : undefined;
}

/**
 * The next occurrences within the listing's validity: none before valid-from
 * (a group starting in December shows its first December date), none after
 * valid-until.
 */
export function listingOccurrences(l: Validity, from: Date, limit = 5): Occurrence[] {
  const start = l.validFrom && helsinkiDate(from) < l.validFrom ? helsinkiToUtc(l.validFrom, '00:00') : from;
  return nextOccurrences(l.schedule, start, limit).filter((o) => !l.validUntil || o.date <= l.validUntil);
}
