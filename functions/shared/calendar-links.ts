import type { IcsEvent } from './ics.js';
import { helsinkiToUtc } from './time.js';

/** Without an end time, an event is offered to web calendars as an hour long. */
const DEFAULT_MINUTES = 60;

const compact = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/**
 * "Add to Google Calendar" and "Add to Outlook.com" links for one event, beside
 * the .ics file for apps that open files. Times go as UTC instants, so neither
 * service guesses a zone. Google takes the recurrence rule; Outlook.com's
 * compose link has none, so it adds the first date only.
 */
export function calendarLinks(e: Pick<IcsEvent, 'summary' | 'description' | 'location' | 'url' | 'start' | 'end' | 'rrule'>): { google: string; outlook: string } {
  const start = helsinkiToUtc(e.start.date, e.start.time);
  const end = e.end ? helsinkiToUtc(e.end.date, e.end.time) : new Date(start.getTime() + DEFAULT_MINUTES * 60_000);
  const details = [e.description, e.url].filter(Boolean).join('\n\n');
  const google = new URLSearchParams({
    action: 'TEMPLATE',
    text: e.summary,
    dates: `${compact(start)}/${compact(end)}`,
    ctz: 'Europe/Helsinki',
    ...(details ? { details } : {}),
    ...(e.location ? { location: e.location } : {}),
    ...(e.rrule ? { recur: `RRULE:${e.rrule}` } : {}),
  });
  const outlook = new URLSearchParams({
    path: '/calendar/action/compose',
    rru: 'addevent',
    subject: e.summary,
    startdt: start.toISOString(),
    enddt: end.toISOString(),
    ...(details ? { body: details } : {}),
    ...(e.location ? { location: e.location } : {}),
  });
  return {
    google: `https://calendar.google.com/calendar/render?${google.toString()}`,
    outlook: `https://outlook.live.com/calendar/0/action/compose?${outlook.toString()}`,
  };
}
