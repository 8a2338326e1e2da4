import { ulid } from 'ulid';
import { toCard } from '../../functions/listings/listings.js';
import { directoryKey, listingKey, queueKey, type ListingRecord } from '../../functions/listings/store.js';
import type { ListingInput } from '../../functions/listings/schema.js';
import { subscriberId, type Recipient } from '../../functions/subscriptions/store.js';
import { DEMO_LISTINGS } from '../../local/seed.js';

export const NETWORK = 'kemi-perhekeskus';

/** The n-th published listing: the demo listings in turn, each title numbered so cards differ. */
export function publishedListing(n: number, network: string, at: string): ListingRecord {
  const base = DEMO_LISTINGS[n % DEMO_LISTINGS.length]!;
  const data: ListingInput = { ...base, network, title: { ...base.title, fi: `${base.title.fi} ${n}` } };
  const id = ulid(Date.parse(at));
  return { id, network, status: 'published', moderation: 'approved', revision: 1, data, published: data, publishedRevision: 1, publishedAt: at, submittedAt: at, updatedAt: at, lang: 'fi', editVersion: 1, seq: 2 };
}

/** The listing's META item as the store keeps it. */
export function metaItem(r: ListingRecord): Record<string, unknown> {
  return { ...listingKey(r.id), type: 'Listing', ...r, gsi1pk: queueKey(r.network, 'published'), gsi1sk: `${r.publishedAt}#${r.id}` };
}

/** Its directory card (`DIR#<network>` / id), derived by the same code the projection uses. */
export function cardItem(r: ListingRecord): Record<string, unknown> {
  return { pk: directoryKey(r.network), sk: r.id, type: 'DirectoryCard', ...toCard(r) };
}

/** Its entry in the network's feed of what became public (`NET#<network>#FEED`). */
export function feedItem(r: ListingRecord): Record<string, unknown> {
  const at = r.publishedAt!;
  return { pk: `NET#${r.network}#FEED`, sk: `${at}#listing#${r.id}`, kind: 'listing', id: r.id, at };
}

/** A confirmed subscriber: profile and one membership, as the subscription store writes them. */
export function subscriberItems(n: number, network: string, at: string): Array<Record<string, unknown>> {
  const email = `tilaaja${n}@bench.example.fi`;
  const id = subscriberId(email);
  const lang = (['fi', 'fi', 'fi', 'sv', 'en'] as const)[n % 5]!;
  const recipient: Recipient = { id, email, lang, kinds: ['listings', 'meetings', 'surveys'], themes: [], frequency: 'weekly' };
  return [
    { pk: `SUB#${id}`, sk: 'PROFILE', type: 'Subscriber', ...recipient, networks: [network], confirmedAt: at, updatedAt: at },
    { pk: `NET#${network}#SUBS`, sk: id, type: 'Membership', ...recipient },
  ];
}

/** ISO instant `days` before `from`, spread by `n` milliseconds so sort keys differ. */
export function daysBefore(from: Date, days: number, n = 0): string {
  return new Date(from.getTime() - days * 86400_000 - n).toISOString();
}
