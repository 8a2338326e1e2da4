import { monotonicFactory } from 'ulid';
import * as z from '../shared/zod.js';
import { bearer } from '../listings/listings.js';
import { clock, publisher, siteUrl } from '../listings/runtime.js';
import { ENV, parseEnv } from '../shared/env.js';
import { invalid, notFound } from '../shared/errors.js';
import { httpHandler, type HttpResult } from '../shared/http.js';
import { pick } from '../shared/i18n.js';
import { limit } from '../shared/limits.js';
import { DynamoRateLimiter, enforceLimits } from '../shared/rate-limit.js';
import { documentClient } from '../shared/dynamo.js';
import { unauthorized } from '../shared/errors.js';
import { loadTokens } from '../shared/token-keys.js';
import { issuesToFieldCodes } from '../shared/validation.js';
import { networks } from '../subscriptions/runtime.js';
import { calendarLinks } from '../shared/calendar-links.js';
import { answer, cancelAnswer, meetingEvent, meetingIcs, networkCalendar, rsvpClosesAt } from './meetings.js';
import { meetingStore, turnStore } from './runtime.js';
import { rsvpInput, turnClaim } from './schema.js';
import { claimTurn, confirmTurn, publicTurns, type TurnView } from './turns.js';
import type { MeetingRecord } from './store.js';

const env = parseEnv({ [ENV.mailSender]: z.email(), [ENV.tableName]: z.string().check(z.minLength(1)) });
const store = meetingStore();
const ulid = monotonicFactory();
const tokens = await loadTokens();
const turns = turnStore();
const deps = { store, publisher: publisher(), clock, ids: { next: () => ulid() }, tokens };
const turnDeps = { meetings: store, turns, publisher: deps.publisher, clock, ids: deps.ids, tokens };
const site = siteUrl();
const known = networks();
const rsvpLimit = limit('rsvps');
const turnLimit = limit('presentations');
const limiter = new DynamoRateLimiter(documentClient(), env[ENV.tableName]);

/** The public face of a meeting: the online link only when it is not withheld for confirmed attendees. */
function view(m: MeetingRecord, lang: 'fi' | 'sv' | 'en', turnList: TurnView[]) {
  return {
    id: m.id,
    network: m.network,
    seriesId: m.seriesId,
    title: pick(m.title, lang),
    description: pick(m.description, lang),
    texts: { title: m.title, description: m.description },
    agenda: m.agenda ?? null,
    presenters: m.presenters,
    date: m.date,
    startTime: m.startTime,
    endTime: m.endTime,
    start: m.start,
    end: m.end,
    place: m.place ?? null,
    online: m.online ? { url: m.online.withheldUntilConfirmed ? null : m.online.url, withheld: m.online.withheldUntilConfirmed } : null,
    capacity: m.capacity ?? null,
    seatsLeft: m.capacity === undefined ? null : Math.max(0, m.capacity - m.confirmed),
    waitlisted: m.waitlisted,
    status: m.status,
    rsvpOpen: m.status === 'scheduled' && clock.now() < rsvpClosesAt(m),
    rsvpClosesAt: rsvpClosesAt(m).toISOString(),
    languages: m.languages,
    /** presentation turns: free, pending (claimed, not yet confirmed) or claimed with organisation and topic (the presenter only if they agreed) */
    turns: turnList,
    turnsOpen: m.status === 'scheduled' && clock.now() < new Date(m.start),
    /** "Add to Google Calendar" and "Add to Outlook.com" links (the online link only when it is public) */
    calendarLinks: calendarLinks(meetingEvent(m, lang, { organizer: env[ENV.mailSender], showOnline: Boolean(m.online && !m.online.withheldUntilConfirmed), url: `${site}/${lang}/meetings/view/?id=${m.id}` })),
  };
}

const rsvpClaims = z.object({ meetingId: z.string(), rsvpId: z.string() });

/**
 * GET  /api/meetings?network            coming meetings
 * GET  /api/meetings/{id}
 * GET  /api/meetings/{id}/invite.ics    the meeting as a calendar file
 * GET  /api/networks/{network}/calendar.ics   a feed calendar apps subscribe to
 * POST /api/meetings/{id}/rsvps         {name, email, organisation?, attendance, lang}
 * GET  /api/rsvps/me                    (Bearer: the link in the confirmation) the answer and the meeting
 * POST /api/rsvps/cancel                (Bearer) cancel; the first on the waitlist gets the seat
 * POST /api/meetings/{id}/turns/{slot}/claim   {organisation, presenter, showPresenter, topic, email, lang} → 202, held until confirmed; 409 taken
 * POST /api/turns/confirm               (Bearer: the link in the claim mail) confirms the claim once
 */
export const handler = httpHandler({ maxBodyBytes: 4096 }, async (req): Promise<HttpResult> => {
  const route = req.event.routeKey;
  const now = clock.now();
  if (route === 'GET /api/meetings') {
    const network = req.query.network ?? '';
    if (!known.has(network)) throw invalid('Unknown network', { network: 'unknown_network' });
    const list = await store.upcoming(network, new Date(now.getTime() - 3 * 3600_000).toISOString());
    const withTurns = await Promise.all(list.map(async (m) => view(m, req.lang, await publicTurns(m, turns, now))));
    return { status: 200, body: { meetings: withTurns }, headers: { 'cache-control': 'public, max-age=60' } };
  }
  if (route === 'GET /api/networks/{network}/calendar.ics') {
    const network = known.get(req.params.network!);
    if (!network) throw notFound();
    const list = await store.upcoming(network.id, new Date(now.getTime() - 30 * 86400_000).toISOString());
    return { status: 200, body: networkCalendar(list, network.name.fi, env[ENV.mailSender], site), headers: { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'public, max-age=900' } };
  }
  if (route === 'POST /api/turns/confirm') {
    const out = await confirmTurn(bearer(req.headers), turnDeps);
    return { status: 200, body: { meeting: view(out.meeting, req.lang, await publicTurns(out.meeting, turns, now)), turn: out.turn } };
  }
  if (route === 'GET /api/rsvps/me' || route === 'POST /api/rsvps/cancel') {
    const token = bearer(req.headers);
    if (route === 'POST /api/rsvps/cancel') return { status: 200, body: await cancelAnswer(token, deps) };
    const c = await tokens.verify('rsvp', token, rsvpClaims, now).catch(() => {
      throw unauthorized('The link is not valid or has expired');
    });
    const r = await store.getRsvp(c.claims.meetingId, c.claims.rsvpId);
    const m = await store.get(c.claims.meetingId);
    if (!r || !m) throw notFound();
    const v = view(m, req.lang, await publicTurns(m, turns, now));
    // A confirmed attendee sees the online link the public page withholds.
    if (m.online && r.status === 'confirmed') v.online = { url: m.online.url, withheld: false };
    return { status: 200, body: { rsvp: { status: r.status, position: r.position ?? null, attendance: r.attendance, name: r.name }, meeting: v } };
  }
  const m = await store.get(req.params.id ?? '');
  if (!m) throw notFound();
  if (route === 'GET /api/meetings/{id}') return { status: 200, body: view(m, req.lang, await publicTurns(m, turns, now)) };
  if (route === 'GET /api/meetings/{id}/invite.ics') {
    const ics = meetingIcs(m, req.lang, { method: 'PUBLISH', organizer: env[ENV.mailSender], showOnline: Boolean(m.online && !m.online.withheldUntilConfirmed), url: `${site}/${req.lang}/meetings/view/?id=${m.id}` });
    return { status: 200, body: ics, headers: { 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': `attachment; filename="${m.id}.ics"` } };
  }
  const body = (() => {
    try {
      return req.event.body ? JSON.parse(req.event.body) : undefined;
    } catch {
      throw invalid('Request body is not valid JSON', undefined, 'invalid_json');
    }
  })();
  if (route === 'POST /api/meetings/{id}/turns/{slot}/claim') {
    const claim = turnClaim.safeParse(body);
    if (!claim.success) throw invalid('Some fields need attention', issuesToFieldCodes(claim.error.issues));
    await enforceLimits(limiter, 'presentation', turnLimit, { client: req.client, address: claim.data.email });
    const out = await claimTurn(m.id, req.params.slot ?? '', claim.data, turnDeps);
    return { status: 202, body: { status: 'pending', holdUntil: out.holdUntil } };
  }
  const parsed = rsvpInput.safeParse(body);
  if (!parsed.success) throw invalid('Some fields need attention', issuesToFieldCodes(parsed.error.issues));
  await enforceLimits(limiter, 'rsvp', rsvpLimit, { client: req.client, address: parsed.data.email });
  const out = await answer(m.id, parsed.data, deps);
  return { status: 201, body: out };
});
