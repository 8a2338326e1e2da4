/**
 * How the meeting pages describe a meeting: its time in Helsinki, place,
 * online link, seats. Everything goes into the page with textContent.
 */
import { pageLang, setLocalText, type Localised, type Messages } from './forms.js';
import { clockTime } from './time.js';

export interface PublicMeeting {
  id: string;
  /** the meetings scheduled together (a monthly rule, a list of dates) share it */
  seriesId?: string;
  network: string;
  title: string;
  description: string;
  texts: { title: Localised; description: Localised };
  calendarLinks: { google: string; outlook: string };
  agenda: string | null;
  presenters: string[];
  date: string;
  startTime: string;
  endTime: string;
  start: string;
  end: string;
  place: { name: string; address: string } | null;
  online: { url: string | null; withheld: boolean } | null;
  capacity: number | null;
  seatsLeft: number | null;
  waitlisted: number;
  status: 'scheduled' | 'cancelled';
  rsvpOpen: boolean;
  rsvpClosesAt: string;
  languages: string[];
  /** presentation turns in order; names only once a claim is confirmed */
  turns: PublicTurn[];
  /** turns can be claimed (the meeting is coming and not cancelled) */
  turnsOpen: boolean;
}

export interface PublicTurn {
  slotId: string;
  number: number;
  minutes: number | null;
  status: 'free' | 'pending' | 'claimed';
  organisation?: string;
  presenter?: string;
  topic?: string;
}

/** A confirmed turn as a line: "Organisation (Presenter): Topic" (as the mails and the digest write it). */
export const turnLine = (t: PublicTurn) => `${t.organisation ?? ''}${t.presenter ? ` (${t.presenter})` : ''}: ${t.topic ?? ''}`;

const LOCALES = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' } as const;

export const fill = (text: string | undefined, values: Record<string, string | number>) =>
  (text ?? '').replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));

/**
 * "keskiviikko 6. toukokuuta 2026 klo 13.00–15.00" (times as time.ts writes them). The date and times are
 * the meeting's Helsinki wall-clock values, so they are formatted as they
 * are (in UTC), whatever the reader's own time zone is.
 */
export function whenText(m: Messages, date: string, startTime: string, endTime: string): string {
  const locale = LOCALES[pageLang()];
  const day = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
  return fill(m['meetings.whenFormat'], { date: day, start: clockTime(startTime), end: clockTime(endTime) });
}

/** A moment (ISO) as Helsinki date and time: when sign-up closes. */
export function momentText(iso: string): string {
  return new Intl.DateTimeFormat(LOCALES[pageLang()], { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/Helsinki' }).format(new Date(iso));
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

export function seatsText(m: Messages, meeting: Pick<PublicMeeting, 'seatsLeft'>): string {
  if (meeting.seatsLeft === null) return m['meetings.seats.open'] ?? '';
  return meeting.seatsLeft > 0 ? fill(m['meetings.seats.left'], { n: meeting.seatsLeft }) : (m['meetings.seats.full'] ?? '');
}

/** dt/dd pairs for a dl.facts: when, place, online, seats (and presenters and presentation turns when asked). */
export function facts(m: Messages, meeting: PublicMeeting, o: { when?: boolean; presenters?: boolean; seats?: boolean; joinLabel?: string; turns?: boolean } = {}): Node[] {
  const out: Node[] = [];
  const pair = (label: string, value: Node | string) => {
    const dd = el('dd');
    dd.append(value);
    out.push(el('dt', label), dd);
  };
  if (o.when !== false) pair(m['meetings.when'] ?? '', whenText(m, meeting.date, meeting.startTime, meeting.endTime));
  if (meeting.place) pair(m['meetings.place'] ?? '', `${meeting.place.name}, ${meeting.place.address}`);
  if (meeting.online) {
    if (meeting.online.url) {
      const a = el('a', meeting.online.url);
      a.href = meeting.online.url;
      a.rel = 'noopener noreferrer';
      pair(o.joinLabel ?? m['meetings.online'] ?? '', a);
    } else {
      pair(m['meetings.online'] ?? '', meeting.online.withheld ? (m['meetings.online.withheld'] ?? '') : (m['meetings.online.available'] ?? ''));
    }
  }
  if (o.presenters && meeting.presenters.length) pair(m['meetings.presenters'] ?? '', meeting.presenters.join(', '));
  if (o.turns) {
    // On a card: who presents, and how many turns are still free to claim.
    const claimed = meeting.turns.filter((t) => t.status === 'claimed');
    const free = meeting.turnsOpen ? meeting.turns.filter((t) => t.status === 'free').length : 0;
    if (claimed.length || free) {
      const box = el('div');
      if (claimed.length) {
        const ul = el('ul', undefined, 'turn-lines');
        for (const t of claimed) ul.append(el('li', turnLine(t)));
        box.append(ul);
      }
      if (free) box.append(el('span', fill(m['meetings.turns.free'], { n: free })));
      pair(m['meetings.turns'] ?? '', box);
    }
  }
  if (o.seats !== false && meeting.status !== 'cancelled') pair(m['meetings.seats'] ?? '', seatsText(m, meeting));
  return out;
}

/** The meeting's title in the page language, or Finnish marked lang="fi". */
export function titleInto(target: HTMLElement, meeting: PublicMeeting): void {
  setLocalText(target, meeting.texts.title);
}

export function descriptionInto(target: HTMLElement, meeting: PublicMeeting): void {
  setLocalText(target, meeting.texts.description);
}
