import * as z from '../shared/zod.js';
import { clock, mailer, onceStore, siteUrl } from '../listings/runtime.js';
import { eventHandler } from '../shared/consumer.js';
import { ENV, parseEnv } from '../shared/env.js';
import { once } from '../shared/once.js';
import { logger } from '../shared/powertools.js';
import { loadTokens } from '../shared/token-keys.js';
import { meetingMail } from './mails.js';
import { meetingIcs, rsvpLink } from './meetings.js';
import { meetingStore, turnStore } from './runtime.js';
import { turnMail, type TurnMailKind } from './turn-mails.js';
import { confirmedTurnLines, confirmLink } from './turns.js';
import type { MeetingRecord, RsvpRecord } from './store.js';

const organizer = parseEnv({ [ENV.mailSender]: z.email() })[ENV.mailSender];
const store = meetingStore();
const turns = turnStore();
const mail = mailer();
const onceDone = onceStore();
const tokens = await loadTokens();
const site = siteUrl();

type Kind = Parameters<typeof meetingMail>[0];

/**
 * One mail to one attendee, once per event, with the invite as iMIP (see
 * shared/mime.ts). Only someone who was sent a REQUEST (a confirmed place) is
 * sent a CANCEL: a waitlisted person has nothing in their calendar to remove.
 */
async function send(eventId: string, kind: Kind, m: MeetingRecord, r: RsvpRecord, reason?: string, turnLines: readonly string[] = []) {
  await once(onceDone, `mail#${eventId}#${r.rsvpId}`, async () => {
    const confirmed = kind !== 'waitlisted' && kind !== 'cancelled' && kind !== 'withdrawn' && r.status === 'confirmed';
    const method = kind === 'cancelled' || kind === 'withdrawn' ? 'CANCEL' : 'REQUEST';
    const invited = kind === 'waitlisted' ? false : kind === 'cancelled' ? r.status === 'confirmed' : true;
    const cancelUrl = await rsvpLink(r, m, { tokens, siteUrl: site, clock });
    const calendarUrl = `${site}/api/meetings/${encodeURIComponent(m.id)}/invite.ics?lang=${r.lang}`;
    const content = meetingMail(kind, m, r.lang, { ...(r.position ? { position: r.position } : {}), cancelUrl, calendarUrl, showOnline: confirmed, ...(reason ? { reason } : {}), waitlisted: !invited, turns: turnLines });
    const ics = invited ? meetingIcs(m, r.lang, { method, attendee: r, organizer, showOnline: confirmed, url: `${site}/${r.lang}/meetings/view/?id=${m.id}` }) : undefined;
    await mail.send({
      to: r.email,
      ...content,
      ...(ics ? { calendar: { method, content: ics, filename: 'invite.ics' } } : {}),
      tags: { kind: `meeting-${kind}` },
    });
  });
}

/**
 * A presentation turn's mail to its claimant: the confirmation link while
 * the claim is held, the notice that the desk released it, or that the
 * meeting changed or was cancelled. A claim whose hold ended or that was
 * confirmed meanwhile is not sent a link.
 */
async function turnNotice(eventId: string, kind: TurnMailKind, m: MeetingRecord, d: { slotId: string; claimId: string }, reason?: string) {
  const [claim, slot] = await Promise.all([turns.claim(m.id, d.claimId), turns.slot(m.id, d.slotId)]);
  if (!claim) return;
  if (kind === 'claimed' && !(slot?.state === 'held' && slot.claimId === d.claimId && slot.holdUntil && slot.holdUntil > clock.now().toISOString())) return;
  await once(onceDone, `mail#${eventId}#${d.claimId}`, async () => {
    const holdUntil = slot?.holdUntil;
    const confirmUrl = kind === 'claimed' && holdUntil ? await confirmLink(claim, holdUntil, { tokens, siteUrl: site, clock }) : undefined;
    const content = turnMail(kind, m, claim, { ...(confirmUrl ? { confirmUrl } : {}), ...(holdUntil ? { holdUntil } : {}), ...(slot?.minutes ? { minutes: slot.minutes } : {}), ...(reason ? { reason } : {}), pageUrl: `${site}/${claim.lang}/meetings/view/?id=${encodeURIComponent(m.id)}` });
    await mail.send({ to: claim.email, ...content, tags: { kind: `presentation-${kind}` } });
  });
}

/** Invites, waitlist notices, promotions, updated and cancelled invites, reminders; presentation-turn links and release notices. */
export const handler = eventHandler(
  ['Rsvp.Submitted', 'Rsvp.Cancelled', 'Meeting.Updated', 'Meeting.Cancelled', 'Meeting.ReminderDue', 'PresentationSlot.Claimed', 'PresentationSlot.Released'],
  async (d, meta) => {
    const meetingId = (d as { meetingId: string }).meetingId;
    const m = await store.get(meetingId);
    if (!m) throw new Error(`Meeting ${meetingId} not found`);
    if (meta.type === 'PresentationSlot.Claimed' || meta.type === 'PresentationSlot.Released') {
      await turnNotice(meta.id, meta.type === 'PresentationSlot.Claimed' ? 'claimed' : 'released', m, d as { slotId: string; claimId: string });
      return;
    }
    const turnLines = await confirmedTurnLines(m, turns, clock.now());
    if (meta.type === 'Rsvp.Submitted' || meta.type === 'Rsvp.Cancelled') {
      const e = d as { rsvpId: string; promotedRsvpId?: string; promotedRsvpIds?: string[] };
      const own = await store.getRsvp(meetingId, e.rsvpId);
      if (own && meta.type === 'Rsvp.Cancelled' && own.status === 'cancelled') await send(meta.id, 'withdrawn', m, own, undefined, turnLines);
      if (own && meta.type === 'Rsvp.Submitted' && own.status !== 'cancelled') await send(meta.id, own.status === 'confirmed' ? 'confirmed' : 'waitlisted', m, own, undefined, turnLines);
      for (const id of new Set([...(e.promotedRsvpIds ?? []), ...(e.promotedRsvpId ? [e.promotedRsvpId] : [])])) {
        const r = await store.getRsvp(meetingId, id);
        if (r?.status === 'confirmed') await send(meta.id, 'promoted', m, r, undefined, turnLines);
      }
      return;
    }
    // A late reminder or update for an older version of the meeting is skipped.
    const sequence = (d as { sequence: number }).sequence;
    if (meta.type === 'Meeting.ReminderDue' && (m.status !== 'scheduled' || sequence !== m.sequence)) return;
    const kind: Kind = meta.type === 'Meeting.Updated' ? 'updated' : meta.type === 'Meeting.Cancelled' ? 'cancelled' : 'reminder';
    const everyone = (await store.rsvps(meetingId)).filter((r) => r.status === 'confirmed' || (kind === 'cancelled' && r.status === 'waitlisted'));
    const reason = (d as { reason?: string }).reason;
    for (const r of everyone) await send(meta.id, kind, m, r, reason, turnLines);
    // Whoever presents is told too: they may not have signed up as attendees.
    const presenters = kind === 'reminder' ? [] : (m.slotSeq ? await turns.slots(m.id) : []).filter((s) => s.state === 'claimed' && s.claimId);
    for (const s of presenters) await turnNotice(meta.id, kind === 'updated' ? 'meetingChanged' : 'meetingCancelled', m, { slotId: s.slotId, claimId: s.claimId! }, reason);
    logger.info('Meeting mail', { meetingId, kind, recipients: everyone.length, presenters: presenters.length });
  },
);
