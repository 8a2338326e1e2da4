import * as z from '../shared/zod.js';
import type { Session } from '../auth/auth.js';
import { conflict, DomainError, invalid, notFound, unauthorized } from '../shared/errors.js';
import { pick, type UiLanguage } from '../shared/i18n.js';
import { renderIcs, type IcsEvent } from '../shared/ics.js';
import type { Publisher } from '../shared/publisher.js';
import { addMonths, daysInMonth, helsinkiToUtc, isoWeekday } from '../shared/time.js';
import type { Tokens } from '../shared/tokens.js';
import type { MeetingFields, RsvpInput, ScheduleMeetings } from './schema.js';
import type { DynamoMeetingStore, MeetingRecord, RsvpRecord } from './store.js';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export interface MeetingDeps {
  store: DynamoMeetingStore;
  publisher: Publisher;
  clock: { now(): Date };
  ids: { next(): string };
}

/** The dates of a series: a list as given, or the nth weekday of each month (-1 = last) from..until. */
export function expandDates(s: Pick<ScheduleMeetings, 'dates' | 'rule'>): string[] {
  if (s.dates) return [...new Set(s.dates)].sort();
  const r = s.rule!;
  const want = WEEKDAYS.indexOf(r.weekday);
  const out: string[] = [];
  for (let month = `${r.from.slice(0, 7)}-01`; month <= r.until; month = addMonths(month, 1)) {
    const days = Array.from({ length: daysInMonth(month) }, (_, i) => `${month.slice(0, 8)}${String(i + 1).padStart(2, '0')}`).filter((d) => isoWeekday(d) === want);
    const day = r.nth === -1 ? days.at(-1) : days[r.nth - 1];
    if (day && day >= r.from && day <= r.until) out.push(day);
  }
  return out;
}

function record(network: string, seriesId: string, id: string, date: string, f: MeetingFields, actor: string, now: string): MeetingRecord {
  return {
    ...f,
    id,
    network,
    seriesId,
    date,
    start: helsinkiToUtc(date, f.startTime).toISOString(),
    end: helsinkiToUtc(date, f.endTime).toISOString(),
    status: 'scheduled',
    sequence: 0,
    confirmed: 0,
    waitlisted: 0,
    waitSeq: 0,
    createdBy: actor,
    updatedAt: now,
  };
}

const stamp = (session: Session, network: string, id: string, at: string) => ({ actor: session.email, network, target: { kind: 'meeting' as const, id }, at });

export async function scheduleSeries(network: string, input: ScheduleMeetings, session: Session, deps: MeetingDeps): Promise<string[]> {
  const dates = expandDates(input);
  if (dates.length === 0) throw invalid('The rule gives no dates', { 'rule.until': 'invalid' });
  const now = deps.clock.now();
  if (dates.some((d) => helsinkiToUtc(d, input.meeting.startTime) < now)) throw invalid('A meeting cannot start in the past', { dates: 'invalid_date' });
  const seriesId = deps.ids.next();
  const ids: string[] = [];
  for (const date of dates) {
    const id = deps.ids.next();
    await deps.store.put(record(network, seriesId, id, date, input.meeting, session.email, now.toISOString()));
    await deps.publisher.publish('Meeting.Scheduled', { version: 1, meetingId: id, network, seriesId, audit: stamp(session, network, id, now.toISOString()) });
    ids.push(id);
  }
  return ids;
}

type Change = { title?: MeetingRecord['title']; description?: MeetingRecord['description']; agenda?: string; date?: string; startTime?: string; endTime?: string; place?: MeetingRecord['place']; online?: MeetingRecord['online'] };

/** Which meetings a change or cancellation touches: this one, or this and the later ones of its series. */
async function scope(m: MeetingRecord, which: 'one' | 'rest', store: DynamoMeetingStore): Promise<MeetingRecord[]> {
  if (which === 'one') return [m];
  return (await store.series(m.network, m.seriesId, m.start)).filter((x) => x.status === 'scheduled');
}

export async function changeMeeting(id: string, change: Change, which: 'one' | 'rest', session: Session, deps: MeetingDeps): Promise<string[]> {
  const m = await deps.store.get(id);
  if (!m) throw notFound();
  if (m.status === 'cancelled') throw conflict('cancelled', 'This meeting has been cancelled');
  if (which === 'rest' && change.date) throw invalid('A series cannot move to one date', { 'changes.date': 'invalid' });
  const now = deps.clock.now().toISOString();
  const changed: string[] = [];
  for (const target of await scope(m, which, deps.store)) {
    const next: MeetingRecord = { ...target, ...change, sequence: target.sequence + 1, updatedAt: now };
    next.start = helsinkiToUtc(next.date, next.startTime).toISOString();
    next.end = helsinkiToUtc(next.date, next.endTime).toISOString();
    if (next.endTime <= next.startTime) throw invalid('The end must be after the start', { 'changes.endTime': 'before_start' });
    if (!(await deps.store.update(next, target.sequence))) throw conflict('changed', 'The meeting was changed meanwhile; reload and try again');
    await deps.publisher.publish('Meeting.Updated', { version: 1, meetingId: next.id, network: next.network, sequence: next.sequence, audit: stamp(session, next.network, next.id, now) });
    changed.push(next.id);
  }
  return changed;
}

export async function cancelMeetings(id: string, which: 'one' | 'rest', reason: string | undefined, session: Session, deps: MeetingDeps): Promise<string[]> {
  const m = await deps.store.get(id);
  if (!m) throw notFound();
  const now = deps.clock.now().toISOString();
  const cancelled: string[] = [];
  for (const target of await scope(m, which, deps.store)) {
    if (target.status === 'cancelled') continue;
    const next: MeetingRecord = { ...target, status: 'cancelled', sequence: target.sequence + 1, updatedAt: now };
    if (!(await deps.store.update(next, target.sequence))) throw conflict('changed', 'The meeting was changed meanwhile; reload and try again');
    await deps.publisher.publish('Meeting.Cancelled', { version: 1, meetingId: next.id, network: next.network, sequence: next.sequence, ...(reason ? { reason } : {}), audit: stamp(session, next.network, next.id, now) });
    cancelled.push(next.id);
  }
  return cancelled;
}

/** When answers close: the configured hours before the start (at the start by default). */
export const rsvpClosesAt = (m: MeetingRecord) => new Date(new Date(m.start).getTime() - m.rsvpClosesHoursBefore * 3600_000);

export async function answer(meetingId: string, input: RsvpInput, deps: MeetingDeps): Promise<{ rsvpId: string; status: 'confirmed' | 'waitlisted'; position?: number }> {
  const m = await deps.store.get(meetingId);
  if (!m) throw notFound();
  if (m.status !== 'scheduled') throw new DomainError('gone', 'cancelled', 'This meeting has been cancelled');
  if (deps.clock.now() >= rsvpClosesAt(m)) throw new DomainError('gone', 'closed', 'Answers to this meeting have closed');
  if (input.attendance === 'onsite' && !m.place) throw invalid('This meeting is online only', { attendance: 'invalid_choice' });
  if (input.attendance === 'online' && !m.online) throw invalid('This meeting is on site only', { attendance: 'invalid_choice' });
  const rsvpId = deps.ids.next();
  const earlier = await firstAnswerOf(meetingId, input.email, rsvpId, deps);
  if (earlier) {
    const r = earlier.record;
    if (r && r.status !== 'cancelled') {
      // The same address again: its first answer stands, and its mail (with the link) goes again.
      const status = r.status === 'confirmed' ? 'confirmed' : 'waitlisted';
      await deps.publisher.publish('Rsvp.Submitted', { version: 1, meetingId, network: m.network, rsvpId: earlier.rsvpId, status });
      return { rsvpId: earlier.rsvpId, status, ...(r.position ? { position: r.position } : {}) };
    }
    // A cancelled answer (or one whose request died before storing it) does not bar a new one: the address now points at the new answer.
    if (!(await deps.store.reclaimAddress(meetingId, input.email, earlier.rsvpId, rsvpId))) throw conflict('answered', 'This address answered just now; use the link in your email');
  }
  const seat = await deps.store.takeSeat(meetingId, m.capacity, true);
  const position = seat ? undefined : await deps.store.nextWaitPosition(meetingId);
  const r: RsvpRecord = {
    meetingId,
    rsvpId,
    name: input.name,
    email: input.email.trim().toLowerCase(),
    ...(input.organisation ? { organisation: input.organisation } : {}),
    attendance: input.attendance,
    lang: input.lang,
    status: seat ? 'confirmed' : 'waitlisted',
    ...(position ? { position } : {}),
    createdAt: deps.clock.now().toISOString(),
  };
  await deps.store.putRsvp(r);
  // A seat freed while this answer joined the waitlist is not left empty: it goes to whoever is first (this answer only if it is).
  const promoted = seat ? [] : await fillFreeSeats(meetingId, deps);
  const status = seat || promoted.includes(rsvpId) ? 'confirmed' : 'waitlisted';
  const others = promoted.filter((id) => id !== rsvpId);
  await deps.publisher.publish('Rsvp.Submitted', { version: 1, meetingId, network: m.network, rsvpId, status, ...(others.length ? { promotedRsvpIds: others } : {}) });
  return { rsvpId, status, ...(status === 'waitlisted' && position ? { position } : {}) };
}

/** How long a claimed address waits for its answer to be stored before another request may take it over. */
const STALE_CLAIM_MS = 60_000;

/**
 * One answer per address, however many arrive at once: the first claims the
 * address with a conditional write; the others wait (briefly) for its answer
 * to be stored and then answer with it, so none of them takes a second seat.
 */
async function firstAnswerOf(meetingId: string, email: string, rsvpId: string, deps: MeetingDeps): Promise<{ rsvpId: string; record?: RsvpRecord } | undefined> {
  const claimed = await deps.store.claimAddress(meetingId, email, rsvpId, deps.clock.now().toISOString());
  if (!claimed) return undefined;
  for (let i = 0; i < 40; i++) {
    const record = await deps.store.getRsvp(meetingId, claimed.rsvpId);
    if (record) return { rsvpId: claimed.rsvpId, record };
    if (deps.clock.now().getTime() - Date.parse(claimed.at) > STALE_CLAIM_MS) return { rsvpId: claimed.rsvpId };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw conflict('answered', 'This address answered just now; use the link in your email');
}

const rsvpClaims = z.object({ meetingId: z.string(), rsvpId: z.string() });

export async function rsvpLink(r: Pick<RsvpRecord, 'meetingId' | 'rsvpId' | 'lang'>, m: MeetingRecord, deps: { tokens: Tokens; siteUrl: string; clock: { now(): Date } }) {
  const ttl = Math.max(3600, Math.floor((new Date(m.end).getTime() - deps.clock.now().getTime()) / 1000) + 7 * 86400);
  const token = await deps.tokens.sign('rsvp', { meetingId: r.meetingId, rsvpId: r.rsvpId }, ttl, deps.clock.now());
  return `${deps.siteUrl}/${r.lang}/meetings/rsvp/#token=${token}`;
}

/** Cancels an answer by its link; a freed seat goes to the first on the waitlist. The canceller is mailed a confirmation. */
export async function cancelAnswer(token: string, deps: MeetingDeps & { tokens: Tokens }): Promise<{ promoted?: string }> {
  let c: z.infer<typeof rsvpClaims>;
  try {
    c = (await deps.tokens.verify('rsvp', token, rsvpClaims, deps.clock.now())).claims;
  } catch {
    throw unauthorized('The link is not valid or has expired');
  }
  const r = await deps.store.getRsvp(c.meetingId, c.rsvpId);
  if (!r) throw notFound();
  if (r.status === 'cancelled') return {};
  if (!(await deps.store.setRsvpStatus(r.meetingId, r.rsvpId, r.status, 'cancelled'))) return {};
  if (r.status === 'waitlisted') await deps.store.leaveWaitlist(r.meetingId);
  else await deps.store.releaseSeat(r.meetingId);
  const promoted = await fillFreeSeats(r.meetingId, deps);
  const m = await deps.store.get(r.meetingId);
  await deps.publisher.publish('Rsvp.Cancelled', { version: 1, meetingId: r.meetingId, network: m?.network ?? '', rsvpId: r.rsvpId, ...(promoted.length ? { promotedRsvpId: promoted[0], promotedRsvpIds: promoted } : {}) });
  return promoted.length ? { promoted: promoted[0] } : {};
}

/** At most this many promotions per call: a meeting's seats, with room for lost races. */
const MAX_PROMOTIONS = 100;

/**
 * Gives every free seat to the next person waiting, in order, until no seat
 * or nobody is left. Safe to run from any number of requests at once: a
 * seat is taken with the conditional counter update, then given to the
 * first waiting answer with a conditional status change; whoever loses the
 * answer to another request gives the seat back and tries the next one, so
 * overlapping cancellations each fill their seat.
 */
async function fillFreeSeats(meetingId: string, deps: MeetingDeps): Promise<string[]> {
  const promoted: string[] = [];
  const lost = new Set<string>();
  for (let i = 0; i < MAX_PROMOTIONS; i++) {
    const m = await deps.store.get(meetingId);
    // Read after the caller's own write (a waitlist entry stored, a seat released): a seat freed later is its freer's to fill.
    if (!m || m.status !== 'scheduled' || (m.capacity !== undefined && m.confirmed >= m.capacity)) break;
    const next = (await deps.store.waiting(meetingId, 10)).find((w) => !lost.has(w.rsvpId));
    if (!next) break;
    if (!(await deps.store.takeSeat(meetingId, m.capacity))) break;
    if (await deps.store.setRsvpStatus(meetingId, next.rsvpId, 'waitlisted', 'confirmed')) {
      await deps.store.leaveWaitlist(meetingId);
      promoted.push(next.rsvpId);
    } else {
      await deps.store.releaseSeat(meetingId);
      lost.add(next.rsvpId);
    }
  }
  return promoted;
}

/** The meeting as one calendar event, as its invite and its web-calendar links give it. */
export function meetingEvent(m: MeetingRecord, lang: UiLanguage, opts: { method?: 'PUBLISH' | 'REQUEST' | 'CANCEL'; attendee?: RsvpRecord; organizer: string; showOnline: boolean; url: string }): IcsEvent {
  const location = [m.place ? `${m.place.name}, ${m.place.address}` : undefined, opts.showOnline && m.online ? m.online.url : undefined].filter(Boolean).join(' / ');
  const event: IcsEvent = {
    uid: `meeting-${m.id}@verkosto`,
    sequence: m.sequence,
    stamp: new Date(m.updatedAt),
    start: { date: m.date, time: m.startTime },
    end: { date: m.date, time: m.endTime },
    summary: pick(m.title, lang),
    description: [pick(m.description, lang), m.agenda, m.presenters.length ? m.presenters.join(', ') : undefined].filter(Boolean).join('\n\n'),
    ...(location ? { location } : {}),
    url: opts.url,
    status: m.status === 'cancelled' || opts.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED',
    organizer: { name: 'Verkosto', email: opts.organizer },
    ...(opts.attendee ? { attendee: { name: opts.attendee.name, email: opts.attendee.email } } : {}),
  };
  return event;
}

/** The invite: same UID for the meeting's whole life, SEQUENCE raised on every change, CANCEL when cancelled. */
export function meetingIcs(m: MeetingRecord, lang: UiLanguage, opts: { method: 'PUBLISH' | 'REQUEST' | 'CANCEL'; attendee?: RsvpRecord; organizer: string; showOnline: boolean; url: string }): string {
  const event = meetingEvent(m, lang, opts);
  return renderIcs([event], { method: opts.method });
}

/** How often calendar apps subscribed to a network's feed should fetch it again. */
export const FEED_REFRESH = 'PT6H';

export function networkCalendar(meetings: MeetingRecord[], name: string, organizer: string, siteUrl: string): string {
  return renderIcs(
    meetings.map((m) => ({
      uid: `meeting-${m.id}@verkosto`,
      sequence: m.sequence,
      stamp: new Date(m.updatedAt),
      start: { date: m.date, time: m.startTime },
      end: { date: m.date, time: m.endTime },
      summary: pick(m.title, 'fi'),
      description: pick(m.description, 'fi'),
      ...(m.place ? { location: `${m.place.name}, ${m.place.address}` } : {}),
      url: `${siteUrl}/fi/meetings/view/?id=${encodeURIComponent(m.id)}`,
      status: m.status === 'cancelled' ? ('CANCELLED' as const) : ('CONFIRMED' as const),
      organizer: { name: 'Verkosto', email: organizer },
    })),
    { method: 'PUBLISH', name, refresh: FEED_REFRESH },
  );
}

export const REMINDER_HOURS_BEFORE = 24;

/** When the reminder goes: a day before; for a meeting sooner than that, an hour before; none if that has passed. */
export function reminderAt(m: Pick<MeetingRecord, 'start'>, now: Date, hoursBefore = REMINDER_HOURS_BEFORE): Date | undefined {
  const start = new Date(m.start).getTime();
  for (const h of [hoursBefore, 1]) {
    const t = start - h * 3600_000;
    if (t > now.getTime()) return new Date(t);
  }
  return undefined;
}
