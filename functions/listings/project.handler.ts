import { eventHandler } from '../shared/consumer.js';
import { logger } from '../shared/powertools.js';
import { syncCard } from './listings.js';
import { clock, listingStore, onceStore } from './runtime.js';
import { once } from '../shared/once.js';
import { digestStore } from '../digests/runtime.js';

const store = listingStore();
const digests = digestStore();
const onceDone = onceStore();

/**
 * Applies the listing lifecycle to the table. Every write is conditional on
 * the revision or status it expects, so a redelivered or late event changes
 * nothing; the directory card is then re-derived from the record, which
 * also repairs a card a crash left behind.
 */
export const handler = eventHandler(
  ['Listing.Approved', 'Listing.Rejected', 'Listing.Updated', 'Listing.Withdrawn', 'Listing.Expired', 'Listing.Extended', 'Listing.EditLinkRevoked'],
  async (d, meta) => {
    const at = meta.time;
    let id: string;
    let applied: boolean;
    switch (meta.type) {
      case 'Listing.Approved': {
        const e = d as { listingId: string; revision: number };
        id = e.listingId;
        applied = await store.applyApproval(id, e.revision, at);
        const r = await store.get(id);
        // Only the first publication is news for the digest (later approved edits are not).
        // The feed is keyed by when it is written, not by the event's whole-second time, so a
        // digest window never misses an entry written just after it closed; the once-claim keeps
        // a redelivery from adding it twice, and is checked on redelivery too, so a crash heals.
        if (r && r.publishedAt === at) {
          await once(onceDone, `feed#listing#${id}`, () => digests.putFeed(r.network, { kind: 'listing', id, at: clock.now().toISOString() }));
        }
        break;
      }
      case 'Listing.Rejected': {
        const e = d as { listingId: string; revision: number; reason: string };
        id = e.listingId;
        applied = await store.applyRejection(id, e.revision, e.reason, at);
        break;
      }
      case 'Listing.Updated': {
        const e = d as { listing: Parameters<typeof store.applyUpdate>[0]; publishNow: boolean };
        id = e.listing.id;
        applied = await store.applyUpdate(e.listing, e.publishNow, at);
        break;
      }
      case 'Listing.Withdrawn': {
        id = (d as { listingId: string }).listingId;
        applied = await store.applyWithdrawal(id, at);
        break;
      }
      case 'Listing.Expired': {
        const e = d as { listingId: string; lastDay: string };
        id = e.listingId;
        applied = await store.applyExpiry(id, e.lastDay, at);
        break;
      }
      case 'Listing.EditLinkRevoked': {
        const e = d as { listingId: string; editVersion: number };
        id = e.listingId;
        applied = await store.applyEditRevocation(id, e.editVersion, at);
        break;
      }
      default: {
        const e = d as { listingId: string; from?: string; to: string };
        id = e.listingId;
        applied = await store.applyExtension(id, e.from, e.to, at);
      }
    }
    const card = await syncCard(id, store);
    logger.info('Listing event applied', { listingId: id, applied, card });
  },
);
