import * as z from 'zod';
import type { Session } from '../auth/auth.js';
import { renderEmail } from '../shared/email.js';
import { conflict, DomainError, forbidden, invalid, notFound, unauthorized } from '../shared/errors.js';
import type { UiLanguage } from '../shared/i18n.js';
import type { Mailer } from '../shared/mailer.js';
import type { NetworkConfig, Networks } from '../shared/networks.js';
import { once, type OnceStore } from '../shared/once.js';
import type { Publisher } from '../shared/publisher.js';
import { normalise } from '../shared/search.js';
import { addDays, addMonths, helsinkiDate } from '../shared/time.js';
import { TokenError, type Tokens } from '../shared/tokens.js';
import { listingMail } from './mails.js';
import { nextOccurrences } from './recurrence.js';
import type { ListingInput, ListingSnapshot } from './schema.js';
import type { DirectoryCard, ListingRecord, ListingStore } from './store.js';

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

export async function submitListing(
  input: ListingInput,
  lang: UiLanguage,
  deps: { publisher: Publisher; networks: Networks; ids: Ids; clock: Clock },
): Promise<string> {
  if (!deps.networks.has(input.network)) throw invalid('Unknown network', { network: 'unknown_network' });
  const listing: ListingSnapshot = { id: deps.ids.next(), revision: 1, lang, submittedAt: deps.clock.now().toISOString(), data: input };
  await deps.publisher.publish('Listing.Submitted', { version: 1, listing });
  return listing.id;
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

export async function notifyCoordinators(
  listing: ListingSnapshot,
  eventId: string,
  deps: { mailer: Mailer; networks: Networks; onceStore: OnceStore; siteUrl: string },
  edited = false,
): Promise<number> {
  const network = deps.networks.get(listing.data.network);
  if (!network) return 0;
  const mail = moderationNotice(listing, network, deps.siteUrl, edited);
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

export async function approveListing(id: string, session: Session, deps: { store: ListingStore; publisher: Publisher; clock: Clock }): Promise<void> {
  const r = await deps.store.get(id);
  if (!r) throw notFound();
  if (r.moderation !== 'pending') throw conflict('not_pending', 'This listing has nothing waiting for moderation');
  const at = deps.clock.now().toISOString();
  await deps.publisher.publish('Listing.Approved', {
    version: 1,
    listingId: id,
    network: r.network,
    revision: r.revision,
    audit: { actor: session.email, network: r.network, target: { kind: 'listing', id }, at },
  });
}

export async function rejectListing(id: string, reason: string, session: Session, deps: { store: ListingStore; publisher: Publisher; clock: Clock }): Promise<void> {
  const r = await deps.store.get(id);
  if (!r) throw notFound();
  if (r.moderation !== 'pending') throw conflict('not_pending', 'This listing has nothing waiting for moderation');
  const at = deps.clock.now().toISOString();
  await deps.publisher.publish('Listing.Rejected', {
    version: 1,
    listingId: id,
    network: r.network,
    revision: r.revision,
    reason,
    audit: { actor: session.email, network: r.network, target: { kind: 'listing', id }, at },
  });
}

/* ---------- the submitter's edit link ---------- */

const editClaims = z.object({ listingId: z.string(), ver: z.number().int() });
const extendClaims = z.object({ listingId: z.string(), from: z.string().optional() });

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

/** Fields whose change the public sees as a new listing: they go back to moderation. */
const MODERATED: ReadonlyArray<keyof ListingInput> = ['network', 'organisation', 'title', 'summary', 'description', 'kind', 'themes', 'targetGroups', 'ageRange', 'languages', 'channels', 'schedule'];

export function needsModeration(before: ListingInput, after: ListingInput): boolean {
  return MODERATED.some((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null));
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
  const moderated = needsModeration(r.published ?? r.data, input);
  const listing: ListingSnapshot = { id, revision: r.revision + 1, lang, submittedAt: deps.clock.now().toISOString(), data: input };
  await deps.publisher.publish('Listing.Updated', { version: 1, listing, publishNow: !moderated });
  return { revision: listing.revision, moderated };
}

export async function withdrawListing(id: string, token: string, deps: { store: ListingStore; tokens: Tokens; publisher: Publisher; clock: Clock }): Promise<void> {
  const r = await openWithEditToken(id, token, deps);
  if (r.status === 'withdrawn') return;
  await deps.publisher.publish('Listing.Withdrawn', { version: 1, listingId: id, network: r.network, at: deps.clock.now().toISOString() });
}

/** The one-click "still valid" link: single use, and only for the validity it was made for. */
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
  if (!r?.published || r.status === 'withdrawn') throw notFound();
  if (!(await deps.onceStore.claim(`jti#${verified.jti}`))) throw conflict('used', 'This link has already been used');
  const today = helsinkiDate(deps.clock.now());
  const base = r.validUntil && r.validUntil > today ? r.validUntil : today;
  const to = addMonths(base, EXTENSION_MONTHS);
  await deps.publisher.publish('Listing.Extended', { version: 1, listingId: id, network: r.network, ...(r.validUntil ? { from: r.validUntil } : {}), to });
  return { validUntil: to };
}

/* ---------- projection ---------- */

export function toCard(r: ListingRecord, now: Date): DirectoryCard {
  const l = r.published!;
  const next = nextOccurrences(l.schedule, now, 1)[0];
  const text = [
    l.title.fi, l.title.sv, l.title.en, l.summary.fi, l.summary.sv, l.summary.en, l.description.fi, l.description.sv, l.description.en,
    l.organisation.name, ...l.channels.map((c) => (c.type === 'place' ? `${c.address} ${c.municipality}` : '')),
  ].filter(Boolean).join(' ');
  return {
    id: r.id,
    network: r.network,
    kind: l.kind,
    title: l.title,
    summary: l.summary,
    organisation: l.organisation.name,
    organisationKind: l.organisation.kind,
    themes: [...l.themes],
    targetGroups: [...l.targetGroups],
    languages: [...l.languages],
    municipalities: l.channels.flatMap((c) => (c.type === 'place' ? [c.municipality] : [])),
    online: l.channels.some((c) => c.type === 'online'),
    free: l.cost.free,
    ...(next ? { next: next.start.toISOString() } : {}),
    search: normalise(text),
    publishedAt: r.publishedAt ?? r.updatedAt,
  };
}

/** The directory card follows the record: present exactly while the listing is published. */
export async function syncCard(id: string, store: ListingStore, now: Date): Promise<void> {
  const r = await store.get(id);
  if (!r) return;
  if (r.status === 'published' && r.published) await store.putCard(toCard(r, now));
  else await store.deleteCard(r.network, r.id);
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
}

/**
 * The daily job: listings whose last valid day has passed leave the
 * directory; listings ending in two weeks ask their submitter whether they
 * are still valid. Days missed by a failed run are caught up.
 */
export async function runExpiry(deps: ExpiryDeps, catchUpDays = 7): Promise<{ expired: number; reminded: number }> {
  const today = helsinkiDate(deps.clock.now());
  let expired = 0;
  for (let d = catchUpDays; d >= 1; d--) {
    for (const { id, network } of await deps.store.expiringOn(addDays(today, -d))) {
      await deps.publisher.publish('Listing.Expired', { version: 1, listingId: id, network, validUntil: addDays(today, -d) });
      expired++;
    }
  }
  let reminded = 0;
  const remindFor = addDays(today, REMINDER_DAYS_BEFORE);
  for (const { id } of await deps.store.expiringOn(remindFor)) {
    const r = await deps.store.get(id);
    if (!r?.published || r.status !== 'published') continue;
    const done = await once(deps.onceStore, `mail#extend#${id}#${remindFor}`, async () => {
      const token = await deps.tokens.sign('extend', { listingId: id, from: remindFor }, (REMINDER_DAYS_BEFORE + 30) * 86400, deps.clock.now());
      const link = `${deps.siteUrl}/${r.lang}/listings/extend/#token=${token}&id=${encodeURIComponent(id)}`;
      await deps.mailer.send({ to: r.data.contact.email, ...listingMail('expiring', r, r.lang, { link, validUntil: remindFor }), tags: { kind: 'expiry-reminder' } });
    });
    if (done === 'done') reminded++;
  }
  return { expired, reminded };
}
