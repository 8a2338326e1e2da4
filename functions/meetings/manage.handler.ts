import { attendeeCsv } from './attendee-csv.js';
import { monotonicFactory } from 'ulid';
import { coordinatorAuth } from '../auth/runtime.js';
import { clock, publisher } from '../listings/runtime.js';
import { invalid, notFound } from '../shared/errors.js';
import { httpHandler, type HttpRequest, type HttpResult } from '../shared/http.js';
import { issuesToFieldCodes } from '../shared/validation.js';
import { cancelMeetings, changeMeeting, scheduleSeries } from './meetings.js';
import { meetingStore, turnStore } from './runtime.js';
import { cancelMeeting, meetingChange, openTurns, scheduleMeetings } from './schema.js';
import { closeTurn, deskTurns, openTurns as openTurnsOn, releaseTurn } from './turns.js';
import type * as z from '../shared/zod.js';

const auth = await coordinatorAuth();
const store = meetingStore();
const ulid = monotonicFactory();
const deps = { store, publisher: publisher(), clock, ids: { next: () => ulid() } };
const turnDeps = { meetings: store, turns: turnStore(), publisher: deps.publisher, clock, ids: deps.ids };

async function meetingNetwork(req: HttpRequest<unknown>): Promise<string> {
  const m = await store.get(req.params.id ?? '');
  if (!m) throw notFound();
  return m.network;
}

function parse<S extends z.ZodMiniType>(schema: S, raw: unknown): z.output<S> {
  const out = schema.safeParse(raw);
  if (!out.success) throw invalid('Some fields need attention', issuesToFieldCodes(out.error.issues));
  return out.data;
}

/**
 * POST  /api/coordinator/networks/{network}/meetings        one meeting, a list of dates or a monthly rule
 * GET   /api/coordinator/networks/{network}/meetings        all coming meetings with seat counts
 * PATCH /api/coordinator/meetings/{id}                      {changes, scope: one|rest}
 * POST  /api/coordinator/meetings/{id}/cancel               {scope, reason?}
 * GET   /api/coordinator/meetings/{id}/attendees            attendees and waitlist
 * GET   /api/coordinator/meetings/{id}/attendees.csv?lang   the same as CSV for Excel, in the desk's language (attendee-csv.ts)
 * GET   /api/coordinator/meetings/{id}/turns                presentation turns with who claimed them
 * POST  /api/coordinator/meetings/{id}/turns                {count, minutes?, scope: one|rest} opens turns
 * POST  /api/coordinator/meetings/{id}/turns/{slot}/release a claimed turn is free again; the claimant is mailed
 * POST  /api/coordinator/meetings/{id}/turns/{slot}/close   a free turn is no longer offered
 */
export const handler = httpHandler(
  { maxBodyBytes: 32 * 1024, authorize: auth.require((req) => (req.params.network !== undefined ? req.params.network : meetingNetwork(req))) },
  async (req, session): Promise<HttpResult> => {
    const route = req.event.routeKey;
    const raw = (): unknown => {
      try {
        return req.event.body ? JSON.parse(req.event.isBase64Encoded ? Buffer.from(req.event.body, 'base64').toString() : req.event.body) : undefined;
      } catch {
        throw invalid('Request body is not valid JSON', undefined, 'invalid_json');
      }
    };
    if (route === 'POST /api/coordinator/networks/{network}/meetings') {
      const ids = await scheduleSeries(req.params.network!, parse(scheduleMeetings, raw()), session, deps);
      return { status: 202, body: { ids } };
    }
    if (route === 'GET /api/coordinator/networks/{network}/meetings') {
      const list = await store.upcoming(req.params.network!, new Date(clock.now().getTime() - 86400_000).toISOString());
      // What the desk's edit form starts from comes along: title, texts, place and link as they stand.
      return {
        status: 200,
        body: {
          meetings: list.map((m) => ({
            id: m.id, seriesId: m.seriesId, title: m.title, description: m.description, agenda: m.agenda ?? null, place: m.place ?? null, online: m.online ?? null,
            date: m.date, startTime: m.startTime, endTime: m.endTime, status: m.status, capacity: m.capacity ?? null, confirmed: m.confirmed, waitlisted: m.waitlisted,
            turnsOpened: m.slotSeq ?? 0,
          })),
        },
      };
    }
    const id = req.params.id!;
    if (route === 'PATCH /api/coordinator/meetings/{id}') {
      const body = parse(meetingChange, raw());
      return { status: 202, body: { ids: await changeMeeting(id, body.changes, body.scope, session, deps) } };
    }
    if (route === 'POST /api/coordinator/meetings/{id}/cancel') {
      const body = parse(cancelMeeting, raw() ?? {});
      return { status: 202, body: { ids: await cancelMeetings(id, body.scope, body.reason, session, deps) } };
    }
    if (route === 'GET /api/coordinator/meetings/{id}/turns') return { status: 200, body: { turns: await deskTurns(id, turnDeps) } };
    if (route === 'POST /api/coordinator/meetings/{id}/turns') {
      const opened = await openTurnsOn(id, parse(openTurns, raw()), session, turnDeps);
      return { status: 202, body: { meetings: opened } };
    }
    if (route === 'POST /api/coordinator/meetings/{id}/turns/{slot}/release') {
      await releaseTurn(id, req.params.slot ?? '', session, turnDeps);
      return { status: 202, body: { released: req.params.slot } };
    }
    if (route === 'POST /api/coordinator/meetings/{id}/turns/{slot}/close') {
      await closeTurn(id, req.params.slot ?? '', session, turnDeps);
      return { status: 202, body: { closed: req.params.slot } };
    }
    const rsvps = await store.rsvps(id);
    const rows = rsvps.filter((r) => r.status !== 'cancelled').sort((a, b) => (a.status === b.status ? (a.position ?? 0) - (b.position ?? 0) || a.createdAt.localeCompare(b.createdAt) : a.status === 'confirmed' ? -1 : 1));
    if (route.endsWith('.csv')) {
      return { status: 200, body: attendeeCsv(rows, req.lang), headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="attendees-${id}.csv"`, 'cache-control': 'no-store' } };
    }
    return { status: 200, body: { attendees: rows.filter((r) => r.status === 'confirmed'), waitlist: rows.filter((r) => r.status === 'waitlisted') } };
  },
);
