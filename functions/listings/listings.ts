import { createHash } from 'node:crypto';
import * as z from '../shared/zod.js';
import type { Session } from '../auth/auth.js';
import { renderEmail } from '../shared/email.js';
import { conflict, DomainError, forbidden, invalid, notFound, unauthorized } from '../shared/errors.js';
import type { UiLanguage } from '../shared/i18n.js';
import type { Mailer } from '../shared/mailer.js';
import type { NetworkConfig, Networks } from '../shared/networks.js';
import { once, type OnceStore } from '../shared/once.js';
import type { Limits } from '../shared/limits.js';
import type { Publisher } from '../shared/publisher.js';
import { enforceLimits, type RateLimiter, type WindowCounter } from '../shared/rate-limit.js';
import { searchWords } from '../shared/search.js';
import { addDays, addMonths, helsinkiDate } from '../shared/time.js';
import { TokenError, type Tokens } from '../shared/tokens.js';
import { listingMail } from './mails.js';
import type { ListingInput, ListingSnapshot } from './schema.js';
import type { DirectoryCard, ListingRecord, ListingStore, RecentSubmissions } from './store.js';

export interface Clock {
  now(): Date;
}
export interface Ids {
  next(): string;
}

/** Edit links live long: organisations update their listings for years. */
export const EDIT_TOKEN_DAYS = 400;
export const REMINDER_DAYS_BEFORE = 14;
/** "Still valid" moves the end of validity this far. */
export const EXTENSION_MONTHS = 12;

/* ---------- submission ---------- */

export interface SubmitDeps {
  publisher: Publisher;
  networks: Networks;
  ids: Ids;
  clock: Clock;
  recent: RecentSubmissions;
  limiter: RateLimiter;
  limits: Pick<Limits, 'listings' | 'duplicateSubmissionMinutes'>;
  /** Told when the duplicate check or a limit could not be read (logged and counted as a metric). */
  guardUnavailable(err: unknown): void;
}

/** What makes two submissions the same listing: the content as it means, whatever the order of its keys. */
export const submissionFingerprint = (input: ListingInput) => createHash('sha256').update(JSON.stringify(meaning(input))).digest('base64url').slice(0, 32);

/**
 * A new listing from the public form. An identical submission within the
 * duplicate window answers with the first one's id and publishes nothing
 * (a double click, a script's repeats); a new one counts against the
 * per-client and per-contact-address limits before anything is mailed.
 */
export async function submitListing(input: ListingInput, lang: UiLanguage, client: string, deps: SubmitDeps): Promise<string> {
  if (!deps.networks.has(input.network)) throw invalid('Unknown network', { network: 'unknown_network' });
  const id = deps.ids.next();
  const fingerprint = submissionFingerprint(input);
  // The form keeps working while the table is away (the listing waits on the bus); the guards then let it through.
  const earlier = await guard(() => deps.recent.claim(fingerprint, id, deps.limits.duplicateSubmissionMinutes * 60), deps);
  if (earlier) return earlier;
  try {
    await guard(() => enforceLimits(deps.limiter, 'listing', deps.limits.listings, { client, address: input.contact.email }), deps);
    const listing: ListingSnapshot = { id, revision: 1, lang, submittedAt: deps.clock.now().toISOString(), data: input };
    await deps.publisher.publish('Listing.Submitted', { version: 1, listing });
  } catch (err) {
    // Nothing was submitted: the same content may be sent again.
    await guard(() => deps.recent.release(fingerprint, id), deps);
    throw err;
  }
  return id;
}

/** A guard's own fault (the table unreachable) lets the request through; its answers (429) stand. */
async function guard<T>(check: () => Promise<T>, deps: Pick<SubmitDeps, 'guardUnavailable'>): Promise<T | undefined> {
  try {
    return await check();
  } catch (err) {
    if (err instanceof DomainError) throw err;
    deps.guardUnavailable(err);
    return undefined;
  }
}

export async function storePendingListing(listing: ListingSnapshot, store: ListingStore): Promise<'stored' | 'duplicate'> {
  return store.putPending(listing);
}

/** The notice coordinators get: what came in and where to moderate it. Finnish first, with sv/en lines. */
export function moderationNotice(listing: ListingSnapshot, network: NetworkConfig, siteUrl: string, edited = false) {
  const url = `${siteUrl}/fi/coordinator/?network=${encodeURIComponent(network.id)}#listing-${encodeURIComponent(listing.id)}`;
  const heading = edited ? 'Muutettu ilmoitus odottaa tarkistusta' : 'Uusi ilmoitus odottaa tarkistusta';
  return renderEmail({
    lang: 'fi',
    subject: `${heading}: ${listing.data.title.fi}`,
    preheader: `${listing.data.organisation.name} – ${network.name.fi}`,
    title: network.name.fi,
    blocks: [
      {
        heading,
        paragraphs: [
          'Ilmoitus näkyy hakemistossa ja uutiskirjeessä vasta, kun koordinaattori on hyväksynyt sen.',
          'En annons väntar på granskning. / A listing is waiting for moderation.',
        ],
        facts: [
          ['Otsikko', listing.data.title.fi],
          ['Järjestäjä', listing.data.organisation.name],
          ['Tiivistelmä', listing.data.summary.fi],
        ],
        action: { label: 'Tarkista ilmoitus', url },
      },
    ],
    footer: [`Saat tämän viestin, koska olet verkoston ${network.name.fi} koordinaattori.`],
  });
}

/** The notice sent instead of single ones once a network's hourly ceiling is reached. */
export function batchedNotice(waiting: number, network: NetworkConfig, siteUrl: string) {
  const url = `${siteUrl}/fi/coordinator/?network=${encodeURIComponent(network.id)}`;
  const count = waiting >= BATCH_COUNT_CAP ? `${BATCH_COUNT_CAP}+` : String(waiting);
  return renderEmail({
    lang: 'fi',
    subject: `${count} ilmoitusta odottaa tarkistusta`,
    preheader: `${network.name.fi}: ${count} ilmoitusta odottaa tarkistusta`,
    title: network.name.fi,
    blocks: [
      {
        heading: `${count} ilmoitusta odottaa tarkistusta`,
        paragraphs: [
          'Verkostoon on tullut tällä tunnilla tavallista enemmän ilmoituksia. Niistä ei lähetetä enää erillisiä viestejä tämän tunnin aikana; kaikki odottavat tarkistusjonossa.',
          `${count} listings wait for moderation; no more single notices are sent this hour. / ${count} annonser väntar på granskning.`,
        ],
        action: { label: 'Avaa tarkistusjono', url },
      },
    ],
    footer: [`Saat tämän viestin, koska olet verkoston ${network.name.fi} koordinaattori.`],
  });
}

/** The batched notice counts the moderation queue up to this many. */
export const BATCH_COUNT_CAP = 200;

export interface NoticeDeps {
  mailer: Mailer;
  networks: Networks;
  onceStore: OnceStore;
  siteUrl: string;
  counter: WindowCounter;
  /** notices per network per clock hour before they are batched */
  ceiling: number;
  /** how many listings of the network wait for moderation (up to BATCH_COUNT_CAP) */
  waiting(network: string): Promise<number>;
}

/**
 * Coordinators hear of each new or changed listing, up to the network's
 * hourly ceiling; the first one beyond it sends one "N listings wait"
 * notice instead and the rest of the hour sends none, so a flood of
 * submissions cannot turn the service into a mail cannon at its own
 * coordinators (or get the SES account paused).
 */
export async function notifyCoordinators(listing: ListingSnapshot, eventId: string, deps: NoticeDeps, edited = false): Promise<number> {
  const network = deps.networks.get(listing.data.network);
  if (!network) return 0;
  // Counted once per event, so a redelivery keeps the decision it had.
  const counted = await deps.onceStore.claim(`notice-count#${eventId}`);
  const nth = counted ? await deps.counter.next('coordinator-notices', network.id, 3600) : 1;
  if (counted && nth > deps.ceiling + 1) {
    // Beyond the batched notice: nothing this hour, and a redelivery must not send the single notice either.
    for (const i of network.coordinators.keys()) await deps.onceStore.claim(`mail#${eventId}#coord#${i}`);
    return 0;
  }
  const mail = counted && nth === deps.ceiling + 1 ? batchedNotice(await deps.waiting(network.id), network, deps.siteUrl) : moderationNotice(listing, network, deps.siteUrl, edited);
  let sent = 0;
  for (const [i, to] of network.coordinators.entries()) {
    // Keyed by event and recipient index, not address: no personal data in keys.
    const result = await once(deps.onceStore, `mail#${eventId}#coord#${i}`, async () => {
      await deps.mailer.send({ to, ...mail, tags: { kind: 'moderation-notice' } });
    });
    if (result === 'done') sent++;
  }
  return sent;
}

/* ---------- moderation ---------- */

type ModerationDeps = { store: ListingStore; publisher: Publisher; clock: Clock };

/**
 * The listing a coordinator decides on: it must have a revision waiting,
 * and when the page says which revision the coordinator looked at, that
 * one (an edit arriving meanwhile is not approved unseen).
 */
async function awaitingDecision(id: string, seen: number | undefined, store: ListingStore): Promise<ListingRecord> {
  const r = await store.get(id);
  if (!r) throw notFound();
  if (r.status === 'withdrawn') throw conflict('withdrawn', 'The submitter has withdrawn this listing');
  if (r.moderation !== 'pending') throw conflict('not_pending', 'This listing has nothing waiting for moderation');
  if (seen !== undefined && seen !== r.revision) throw conflict('changed', 'The listing has changed since you opened it; look at it again');
  return r;
}

/**
 * One revision gets exactly one decision: it is claimed with a conditional
 * write before its event is published, so of parallel approvals and
 * rejections one wins and the others answer 409 with nothing mailed or
 * audited; a publish that fails gives the claim back.
 */
async function decide(id: string, decision: 'approve' | 'reject', seen: number | undefined, deps: ModerationDeps, publish: (r: ListingRecord) => Promise<void>): Promise<void> {
  const r = await awaitingDecision(id, seen, deps.store);
  if (!(await deps.store.claimDecision(id, r.revision, decision))) throw conflict('decided', 'Another coordinator has just decided on this listing');
  try {
    await publish(r);
  } catch (err) {
    await deps.store.releaseDecision(id, r.revision);
    throw err;
  }
}

export async function approveListing(id: string, session: Session, deps: ModerationDeps, seen?: number): Promise<void> {
  await decide(id, 'approve', seen, deps, (r) =>
    deps.publisher.publish('Listing.Approved', {
      version: 1,
      listingId: id,
      network: r.network,
      revision: r.revision,
      audit: { actor: session.email, network: r.network, target: { kind: 'listing', id }, at: deps.clock.now().toISOString() },
    }),
  );
}

export async function rejectListing(id: string, reason: string, session: Session, deps: ModerationDeps, seen?: number): Promise<void> {
  await decide(id, 'reject', seen, deps, (r) =>
    deps.publisher.publish('Listing.Rejected', {
      version: 1,
      listingId: id,
      network: r.network,
      revision: r.revision,
      reason,
      audit: { actor: session.email, network: r.network, target: { kind: 'listing', id }, at: deps.clock.now().toISOString() },
    }),
  );
}

/**
 * Revokes every edit link of a listing (a receipt forwarded too widely, a
 * person who left the organisation): the edit version goes up by one and
 * the contact address gets a new link.
 */
export async function revokeEditLinks(id: string, session: Session, deps: ModerationDeps): Promise<{ editVersion: number }> {
  const r = await deps.store.get(id);
  if (!r) throw notFound();
  if (r.status === 'withdrawn') throw conflict('withdrawn', 'The submitter has withdrawn this listing');
  const editVersion = r.editVersion + 1;
  await deps.publisher.publish('Listing.EditLinkRevoked', {
    version: 1,
    listingId: id,
    network: r.network,
    editVersion,
    audit: { actor: session.email, network: r.network, target: { kind: 'listing', id }, at: deps.clock.now().toISOString() },
  });
  return { editVersion };
}

/* ---------- the submitter's edit link ---------- */

const editClaims = z.object({ listingId: z.string(), ver: z.number().check(z.int()) });
const extendClaims = z.object({ listingId: z.string(), from: z.string() });

export function bearer(headers: Record<string, string>): string {
  const value = headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(value);
  if (!match) throw unauthorized('This needs the personal link from your email');
  return match[1]!;
}

export async function editLink(r: Pick<ListingRecord, 'id' | 'editVersion'>, lang: UiLanguage, deps: { tokens: Tokens; siteUrl: string; clock: Clock }): Promise<string> {
  const token = await deps.tokens.sign('edit', { listingId: r.id, ver: r.editVersion }, EDIT_TOKEN_DAYS * 86400, deps.clock.now());
  // In the fragment: never sent to a server, never in a Referer or an access log.
  return `${deps.siteUrl}/${lang}/listings/edit/#token=${token}`;
}

/** The listing the edit token opens; refuses tampered, expired, revoked and other listings' tokens. */
export async function openWithEditToken(id: string, token: string, deps: { store: ListingStore; tokens: Tokens; clock: Clock }): Promise<ListingRecord> {
  let claims: z.infer<typeof editClaims>;
  try {
    claims = (await deps.tokens.verify('edit', token, editClaims, deps.clock.now())).claims;
  } catch (err) {
    throw unauthorized(err instanceof TokenError && err.reason === 'expired' ? 'The edit link has expired' : 'The edit link is not valid');
  }
  if (claims.listingId !== id) throw forbidden('This link is for another listing');
  const r = await deps.store.get(id);
  if (!r) throw notFound();
  if (claims.ver !== r.editVersion) throw forbidden('This edit link has been revoked');
  return r;
}

/**
 * What an edit of a published listing may change at once: facts that add no
 * link and no free text to the public page (the contact person's name and
 * phone, validity, accessibility). Everything else, links and free text
 * included (website, registration, cost note), waits for a coordinator, and
 * the published version stays until one approves.
 */
const IMMEDIATE = { top: ['validFrom', 'validUntil', 'accessibility'] as ReadonlyArray<keyof ListingInput>, contact: ['name', 'phone'] as ReadonlyArray<keyof ListingInput['contact']> };

function vetted(l: ListingInput): Record<string, unknown> {
  const rest: Record<string, unknown> = { ...l, contact: { ...l.contact } };
  for (const k of IMMEDIATE.top) delete rest[k];
  for (const k of IMMEDIATE.contact) delete (rest.contact as Record<string, unknown>)[k];
  return rest;
}

/**
 * A value as it means, for comparing: keys sorted, absent and undefined
 * fields dropped, an object left empty counts as absent (a form sends an
 * empty age range as `{}`).
 */
function meaning(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(meaning);
  if (v === null || typeof v !== 'object') return v ?? null;
  const entries = Object.entries(v as Record<string, unknown>)
    .filter(([, x]) => x !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, x]) => [k, meaning(x)] as const)
    .filter(([, x]) => x !== null);
  return entries.length ? Object.fromEntries(entries) : null;
}

/** Whether an edit of a published listing changes what coordinators vouch for (then it waits for them). */
export function needsModeration(before: ListingInput, after: ListingInput): boolean {
  return JSON.stringify(meaning(vetted(before))) !== JSON.stringify(meaning(vetted(after)));
}

export async function updateListing(
  id: string,
  token: string,
  input: ListingInput,
  lang: UiLanguage,
  deps: { store: ListingStore; tokens: Tokens; publisher: Publisher; clock: Clock },
): Promise<{ revision: number; moderated: boolean }> {
  const r = await openWithEditToken(id, token, deps);
  if (r.status === 'withdrawn') throw new DomainError('gone', 'withdrawn', 'This listing has been withdrawn');
  if (input.network !== r.network) throw invalid('The network cannot change', { network: 'invalid' });
  // Only a listing that is (or was) public can take a change at once; one never approved waits for its first approval.
  const live = r.published !== undefined && (r.status === 'published' || r.status === 'expired');
  const moderated = !live || needsModeration(r.published!, input);
  const listing: ListingSnapshot = { id, revision: r.revision + 1, lang, submittedAt: deps.clock.now().toISOString(), data: input };
  await deps.publisher.publish('Listing.Updated', { version: 1, listing, publishNow: !moderated });
  return { revision: listing.revision, moderated };
}

export async function withdrawListing(id: string, token: string, deps: { store: ListingStore; tokens: Tokens; publisher: Publisher; clock: Clock }): Promise<void> {
  const r = await openWithEditToken(id, token, deps);
  if (r.status === 'withdrawn') return;
  await deps.publisher.publish('Listing.Withdrawn', { version: 1, listingId: id, network: r.network, at: deps.clock.now().toISOString() });
}

/**
 * The one-click "still valid" link: single use, and only for the validity
 * it was made for (after an edit of the dates or another extension the old
 * link has nothing left to confirm).
 */
export async function extendListing(
  id: string,
  token: string,
  deps: { store: ListingStore; tokens: Tokens; publisher: Publisher; onceStore: OnceStore; clock: Clock },
): Promise<{ validUntil: string }> {
  let verified;
  try {
    verified = await deps.tokens.verify('extend', token, extendClaims, deps.clock.now());
  } catch {
    throw unauthorized('The link is not valid or has expired');
  }
  if (verified.claims.listingId !== id) throw forbidden('This link is for another listing');
  const r = await deps.store.get(id);
  if (!r?.published || (r.status !== 'published' && r.status !== 'expired')) throw notFound();
  if (r.validUntil !== verified.claims.from) throw conflict('used', 'The validity has changed since this link was sent');
  const claim = `jti#${verified.jti}`;
  if (!(await deps.onceStore.claim(claim))) throw conflict('used', 'This link has already been used');
  const today = helsinkiDate(deps.clock.now());
  const base = r.validUntil > today ? r.validUntil : today;
  const to = addMonths(base, EXTENSION_MONTHS);
  try {
    await deps.publisher.publish('Listing.Extended', { version: 1, listingId: id, network: r.network, from: r.validUntil, to });
  } catch (err) {
    // Nothing happened: the link may be used again.
    await deps.onceStore.release(claim);
    throw err;
  }
  return { validUntil: to };
}

/* ---------- projection ---------- */

export function toCard(r: ListingRecord): DirectoryCard {
  const l = r.published!;
  const place = l.channels.map((c) => (c.type === 'place' ? `${c.address} ${c.municipality}` : '')).join(' ');
  return {
    id: r.id,
    network: r.network,
    kind: l.kind,
    title: l.title,
    summary: l.summary,
    organisation: l.organisation.name,
    organisationKind: l.organisation.kind,
    ...(l.organisation.businessId ? { organisationBusinessId: l.organisation.businessId } : {}),
    themes: [...l.themes],
    targetGroups: [...l.targetGroups],
    languages: [...l.languages],
    municipalities: [...new Set(l.channels.flatMap((c) => (c.type === 'place' ? [c.municipality] : [])))],
    locations: l.channels.filter((c) => c.type !== 'phone').length,
    online: l.channels.some((c) => c.type === 'online'),
    free: l.cost.free,
    schedule: l.schedule,
    ...(l.validFrom ? { validFrom: l.validFrom } : {}),
    ...(l.validUntil ? { validUntil: l.validUntil } : {}),
    words: {
      description: {
        fi: searchWords(l.description.fi),
        ...(l.description.sv ? { sv: searchWords(l.description.sv) } : {}),
        ...(l.description.en ? { en: searchWords(l.description.en) } : {}),
      },
      place: searchWords(place),
    },
    publishedAt: r.publishedAt ?? r.updatedAt,
    updatedAt: r.updatedAt,
    seq: r.seq,
  };
}

/**
 * The directory card follows the record: present exactly while the listing
 * is published. Cards carry the record's `seq` and are written only over an
 * older one, so two events of one listing handled at once cannot leave a
 * stale card (a withdrawn listing shown again) behind.
 */
export async function syncCard(id: string, store: ListingStore): Promise<'card' | 'removed' | 'none'> {
  const r = await store.get(id);
  if (!r) return 'none';
  if (r.status === 'published' && r.published) {
    await store.putCard(toCard(r));
    return 'card';
  }
  // A listing never published never had a card.
  if (!r.published) return 'none';
  await store.removeCard(r.network, r.id, r.seq);
  return 'removed';
}

/* ---------- expiry ---------- */

export interface ExpiryDeps {
  store: ListingStore;
  publisher: Publisher;
  mailer: Mailer;
  tokens: Tokens;
  onceStore: OnceStore;
  siteUrl: string;
  clock: Clock;
  /** ids of the networks this deployment hosts */
  networks: readonly string[];
}

/**
 * The daily job, per network: listings whose last day has passed leave the
 * directory (every such listing, however many runs were missed, found by one
 * Query on gsi2); submitters of listings whose validity ends within two weeks
 * are asked once whether they are still valid. A listing published for less
 * than two weeks before its end (a short event) is not asked.
 */
export async function runExpiry(deps: ExpiryDeps): Promise<{ expired: number; reminded: number }> {
  const today = helsinkiDate(deps.clock.now());
  let expired = 0;
  let reminded = 0;
  for (const network of deps.networks) {
    for (const e of await deps.store.lastDayBefore(network, today)) {
      await deps.publisher.publish('Listing.Expired', { version: 1, listingId: e.id, network, lastDay: e.lastDay });
      expired++;
    }
    for (const e of await deps.store.lastDayBetween(network, today, addDays(today, REMINDER_DAYS_BEFORE))) {
      const r = await deps.store.get(e.id);
      if (!r?.published || r.status !== 'published' || !r.validUntil || r.validUntil !== e.lastDay) continue;
      const publishedOn = helsinkiDate(new Date(r.publishedAt ?? r.updatedAt));
      if (publishedOn > addDays(r.validUntil, -REMINDER_DAYS_BEFORE)) continue;
      const validUntil = r.validUntil;
      const done = await once(deps.onceStore, `mail#extend#${r.id}#${validUntil}`, async () => {
        const ttl = (daysBetween(today, validUntil) + 30) * 86400;
        const token = await deps.tokens.sign('extend', { listingId: r.id, from: validUntil }, ttl, deps.clock.now());
        const link = `${deps.siteUrl}/${r.lang}/listings/extend/#token=${token}&id=${encodeURIComponent(r.id)}`;
        await deps.mailer.send({ to: r.data.contact.email, ...listingMail('expiring', r, r.lang, { link, validUntil }), tags: { kind: 'expiry-reminder' } });
      });
      if (done === 'done') reminded++;
    }
  }
  return { expired, reminded };
}

const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86400000);
