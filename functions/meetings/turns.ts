import * as z from '../shared/zod.js';
import type { Session } from '../auth/auth.js';
import { conflict, DomainError, notFound, unauthorized } from '../shared/errors.js';
import type { Publisher } from '../shared/publisher.js';
import type { Tokens } from '../shared/tokens.js';
import type { OpenTurns, TurnClaimInput } from './schema.js';
import type { DynamoMeetingStore, MeetingRecord } from './store.js';
import type { PublicTurn, TurnClaim, TurnSlot } from './turn-store.js';

/** Where turns and claims are kept (turn-store.ts keeps them in DynamoDB; every write that decides something is conditional). */
export interface TurnStore {
  reserveNumbers(meetingId: string, count: number): Promise<number>;
  putSlot(s: TurnSlot): Promise<void>;
  slot(meetingId: string, slotId: string): Promise<TurnSlot | undefined>;
  slots(meetingId: string): Promise<TurnSlot[]>;
  /** open (or held past its hold) → held by this claim; false when another claim has it */
  hold(meetingId: string, slotId: string, claimId: string, holdUntil: string, now: string): Promise<boolean>;
  /** held by this claim, within its hold → claimed with the public turn */
  confirm(meetingId: string, slotId: string, claimId: string, turn: PublicTurn, now: string): Promise<boolean>;
  /** held or claimed by this claim → open */
  free(meetingId: string, slotId: string, claimId: string): Promise<boolean>;
  /** open (or held past its hold) → closed */
  close(meetingId: string, slotId: string, now: string): Promise<boolean>;
  putClaim(c: TurnClaim): Promise<void>;
  claim(meetingId: string, claimId: string): Promise<TurnClaim | undefined>;
  setClaimStatus(meetingId: string, claimId: string, status: TurnClaim['status'], expiresAt: number): Promise<void>;
}

/**
 * Presentation turns: what the Kemi network does each month, every member
 * organisation in its turn presenting its work. A coordinator opens turns
 * on a coming meeting; a member claims a free one from the meeting page; the
 * claim holds the turn until the emailed link confirms it, for at most
 * HOLD_HOURS; the desk can close a free turn or release a claimed one.
 */
export interface TurnDeps {
  meetings: Pick<DynamoMeetingStore, 'get' | 'series'>;
  turns: TurnStore;
  publisher: Publisher;
  clock: { now(): Date };
  ids: { next(): string };
}

/** A turn's id: its number, two digits so the turns sort in order in the meeting's partition. */
const slotKey = (n: number) => String(n).padStart(2, '0');

/** How long an unconfirmed claim holds a turn. */
export const HOLD_HOURS = 24;
/** How long a released claim is kept, for the mail that tells the claimant. */
const RELEASED_KEEP_DAYS = 7;
/** How long a confirmed claim (names, address) is kept after its meeting. */
const CONFIRMED_KEEP_DAYS = 30;

const seconds = (ms: number) => Math.floor(ms / 1000);

/** The turn as the public sees it: a held turn whose time ran out is free again; names only once confirmed. */
export interface TurnView {
  slotId: string;
  number: number;
  minutes: number | null;
  status: 'free' | 'pending' | 'claimed';
  organisation?: string;
  presenter?: string;
  topic?: string;
}

export function turnView(s: TurnSlot, now: Date): TurnView | undefined {
  if (s.state === 'closed') return undefined;
  const base = { slotId: s.slotId, number: s.number, minutes: s.minutes ?? null };
  if (s.state === 'claimed' && s.turn) return { ...base, status: 'claimed', ...s.turn };
  if (s.state === 'held' && s.holdUntil && s.holdUntil >= now.toISOString()) return { ...base, status: 'pending' };
  return { ...base, status: 'free' };
}

/** The public turns of a meeting, in order (none without a Query when no turn was ever opened). */
export async function publicTurns(m: Pick<MeetingRecord, 'id' | 'slotSeq'>, turns: Pick<TurnStore, 'slots'>, now: Date): Promise<TurnView[]> {
  if (!m.slotSeq) return [];
  return (await turns.slots(m.id)).flatMap((s) => turnView(s, now) ?? []);
}

/** One confirmed turn as a line of text (pages, mails and the digest): "Organisation (Presenter): Topic". */
export function turnLine(t: PublicTurn): string {
  return `${t.organisation}${t.presenter ? ` (${t.presenter})` : ''}: ${t.topic}`;
}

/** The confirmed turns of a meeting as lines, for mails and the digest. */
export async function confirmedTurnLines(m: Pick<MeetingRecord, 'id' | 'slotSeq'>, turns: Pick<TurnStore, 'slots'>, now: Date): Promise<string[]> {
  return (await publicTurns(m, turns, now)).filter((t) => t.status === 'claimed').map((t) => turnLine({ organisation: t.organisation!, topic: t.topic!, ...(t.presenter ? { presenter: t.presenter } : {}) }));
}

/** Turns can be opened and claimed until the meeting starts. */
const coming = (m: MeetingRecord, now: Date) => m.status === 'scheduled' && now < new Date(m.start);

const stamp = (session: Session, m: MeetingRecord, at: string) => ({ actor: session.email, network: m.network, target: { kind: 'meeting' as const, id: m.id }, at });

export async function openTurns(meetingId: string, input: OpenTurns, session: Session, deps: TurnDeps): Promise<{ meetingId: string; slotIds: string[] }[]> {
  const m = await deps.meetings.get(meetingId);
  if (!m) throw notFound();
  const now = deps.clock.now();
  if (!coming(m, now)) throw new DomainError('gone', m.status === 'cancelled' ? 'cancelled' : 'started', m.status === 'cancelled' ? 'This meeting has been cancelled' : 'This meeting has already started');
  const targets = input.scope === 'one' ? [m] : (await deps.meetings.series(m.network, m.seriesId, m.start)).filter((x) => coming(x, now));
  const out: { meetingId: string; slotIds: string[] }[] = [];
  for (const target of targets) {
    const first = await deps.turns.reserveNumbers(target.id, input.count);
    const slotIds: string[] = [];
    for (let n = first; n < first + input.count; n++) {
      const slotId = slotKey(n);
      await deps.turns.putSlot({ meetingId: target.id, slotId, number: n, state: 'open', ...(input.minutes ? { minutes: input.minutes } : {}) });
      slotIds.push(slotId);
    }
    await deps.publisher.publish('PresentationSlots.Opened', { version: 1, meetingId: target.id, network: target.network, slotIds, ...(input.minutes ? { minutes: input.minutes } : {}), audit: stamp(session, target, now.toISOString()) });
    out.push({ meetingId: target.id, slotIds });
  }
  return out;
}

/**
 * A member claims a free turn. Exactly one of any number of claims at once
 * wins (the slot's conditional update); the others are told the turn was
 * taken. The winner's turn is held until the emailed link confirms it.
 */
export async function claimTurn(meetingId: string, slotId: string, input: TurnClaimInput, deps: TurnDeps): Promise<{ claimId: string; holdUntil: string }> {
  const m = await deps.meetings.get(meetingId);
  if (!m) throw notFound();
  const now = deps.clock.now();
  if (!coming(m, now)) throw new DomainError('gone', m.status === 'cancelled' ? 'cancelled' : 'started', m.status === 'cancelled' ? 'This meeting has been cancelled' : 'This meeting has already started');
  const claimId = deps.ids.next();
  // Held for a day, never past the meeting's start.
  const holdUntil = new Date(Math.min(now.getTime() + HOLD_HOURS * 3600_000, new Date(m.start).getTime())).toISOString();
  if (!(await deps.turns.hold(meetingId, slotId, claimId, holdUntil, now.toISOString()))) {
    const s = await deps.turns.slot(meetingId, slotId);
    if (!s) throw notFound('No such turn');
    if (s.state === 'closed') throw new DomainError('gone', 'closed', 'This turn is no longer offered');
    throw conflict('taken', 'This turn was taken just now');
  }
  const claim: TurnClaim = {
    meetingId,
    slotId,
    claimId,
    organisation: input.organisation,
    presenter: input.presenter,
    showPresenter: input.showPresenter,
    topic: input.topic,
    email: input.email.trim().toLowerCase(),
    lang: input.lang,
    status: 'pending',
    createdAt: now.toISOString(),
    // An unconfirmed claim's names and address leave the table a day after its hold.
    expiresAt: seconds(Date.parse(holdUntil)) + 86_400,
  };
  try {
    await deps.turns.putClaim(claim);
    await deps.publisher.publish('PresentationSlot.Claimed', { version: 1, meetingId, network: m.network, slotId, claimId });
  } catch (err) {
    // Nobody was told: the turn is free again at once, not after the hold.
    await deps.turns.free(meetingId, slotId, claimId).catch(() => undefined);
    throw err;
  }
  return { claimId, holdUntil };
}

const turnClaims = z.object({ meetingId: z.string(), slotId: z.string(), claimId: z.string() });

/** The link in the claim mail: valid as long as the hold. */
export async function confirmLink(c: Pick<TurnClaim, 'meetingId' | 'slotId' | 'claimId' | 'lang'>, holdUntil: string, deps: { tokens: Tokens; siteUrl: string; clock: { now(): Date } }): Promise<string> {
  const ttl = Math.max(60, seconds(Date.parse(holdUntil) - deps.clock.now().getTime()));
  const token = await deps.tokens.sign('presentation', { meetingId: c.meetingId, slotId: c.slotId, claimId: c.claimId }, ttl, deps.clock.now());
  return `${deps.siteUrl}/${c.lang}/meetings/turn/#token=${token}`;
}

/**
 * The emailed link confirms the claim: held → claimed, once. A second use,
 * a hold that ran out or a released claim change nothing and say why.
 */
export async function confirmTurn(token: string, deps: TurnDeps & { tokens: Tokens }): Promise<{ meeting: MeetingRecord; turn: TurnView }> {
  let c: z.infer<typeof turnClaims>;
  try {
    c = (await deps.tokens.verify('presentation', token, turnClaims, deps.clock.now())).claims;
  } catch {
    throw unauthorized('The link is not valid or has expired');
  }
  const [m, claim] = await Promise.all([deps.meetings.get(c.meetingId), deps.turns.claim(c.meetingId, c.claimId)]);
  if (!m || !claim) throw new DomainError('gone', 'expired', 'This claim is no longer held; claim the turn again if it is free');
  if (claim.status === 'released') throw new DomainError('gone', 'released', 'The coordinator has released this turn');
  const now = deps.clock.now();
  const turn: PublicTurn = { organisation: claim.organisation, topic: claim.topic, ...(claim.showPresenter ? { presenter: claim.presenter } : {}) };
  if (!(await deps.turns.confirm(c.meetingId, c.slotId, c.claimId, turn, now.toISOString()))) {
    const s = await deps.turns.slot(c.meetingId, c.slotId);
    if (s?.state === 'claimed' && s.claimId === c.claimId) throw conflict('used', 'This turn is already confirmed');
    throw new DomainError('gone', 'expired', 'This claim is no longer held; claim the turn again if it is free');
  }
  await deps.turns.setClaimStatus(c.meetingId, c.claimId, 'confirmed', seconds(Date.parse(m.end)) + CONFIRMED_KEEP_DAYS * 86_400);
  await deps.publisher.publish('PresentationSlot.Confirmed', { version: 1, meetingId: m.id, network: m.network, slotId: c.slotId, claimId: c.claimId });
  const s = await deps.turns.slot(c.meetingId, c.slotId);
  return { meeting: m, turn: turnView(s!, now)! };
}

/** The desk releases a claimed (or held) turn: it is free again, and the claimant is mailed. */
export async function releaseTurn(meetingId: string, slotId: string, session: Session, deps: TurnDeps): Promise<void> {
  const [m, s] = await Promise.all([deps.meetings.get(meetingId), deps.turns.slot(meetingId, slotId)]);
  if (!m || !s) throw notFound();
  const now = deps.clock.now();
  const view = turnView(s, now);
  if (!s.claimId || !view || view.status === 'free') throw conflict('not_claimed', 'Nobody holds this turn');
  if (!(await deps.turns.free(meetingId, slotId, s.claimId))) throw conflict('changed', 'The turn changed meanwhile; reload and try again');
  await deps.turns.setClaimStatus(meetingId, s.claimId, 'released', seconds(now.getTime()) + RELEASED_KEEP_DAYS * 86_400).catch(() => undefined);
  await deps.publisher.publish('PresentationSlot.Released', { version: 1, meetingId, network: m.network, slotId, claimId: s.claimId, audit: stamp(session, m, now.toISOString()) });
}

/** The desk closes a free turn: it no longer shows. A claimed one must be released first. */
export async function closeTurn(meetingId: string, slotId: string, session: Session, deps: TurnDeps): Promise<void> {
  const [m, s] = await Promise.all([deps.meetings.get(meetingId), deps.turns.slot(meetingId, slotId)]);
  if (!m || !s) throw notFound();
  if (s.state === 'closed') return;
  const now = deps.clock.now();
  if (!(await deps.turns.close(meetingId, slotId, now.toISOString()))) throw conflict('claimed', 'This turn is claimed; release it first');
  await deps.publisher.publish('PresentationSlot.Closed', { version: 1, meetingId, network: m.network, slotId, audit: stamp(session, m, now.toISOString()) });
}

/** The desk's view of a meeting's turns: who claimed each, with the address, and whether it waits for confirmation. */
export async function deskTurns(meetingId: string, deps: Pick<TurnDeps, 'turns' | 'clock'>) {
  const now = deps.clock.now();
  const slots = await deps.turns.slots(meetingId);
  return Promise.all(
    slots
      .filter((s) => s.state !== 'closed')
      .map(async (s) => {
        const view = turnView(s, now)!;
        const claim = view.status !== 'free' && s.claimId ? await deps.turns.claim(meetingId, s.claimId) : undefined;
        return {
          ...view,
          ...(claim ? { organisation: claim.organisation, presenter: claim.presenter, showPresenter: claim.showPresenter, topic: claim.topic, email: claim.email } : {}),
          ...(view.status === 'pending' ? { holdUntil: s.holdUntil } : {}),
        };
      }),
  );
}
