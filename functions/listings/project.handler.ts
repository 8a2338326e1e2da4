import { eventHandler } from '../shared/consumer.js';
import { logger } from '../shared/powertools.js';
import { syncCard } from './listings.js';
import { clock, listingStore } from './runtime.js';

const store = listingStore();

/**
 * Applies the listing lifecycle to the table. Every write is conditional on
 * the revision or status it expects, so a redelivered or late event changes
 * nothing; the directory card is then re-derived from the record, which
 * also repairs a card a crash left behind.
 */
export const handler = eventHandler(
  ['Listing.Approved', 'Listing.Rejected', 'Listing.Updated', 'Listing.Withdrawn', 'Listing.Expired', 'Listing.Extended'],
  async (d, meta) => {
    const at = meta.time;
    let id: string;
    let applied: boolean;
    switch (meta.type) {
      case 'Listing.Approved': {
        const e = d as { listingId: string; revision: number };
        id = e.listingId;
        applied = await store.applyApproval(id, e.revision, at);
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
        const e = d as { listingId: string; validUntil: string };
        id = e.listingId;
        applied = await store.applyExpiry(id, e.validUntil, at);
        break;
      }
      default: {
        const e = d as { listingId: string; from?: string; to: string };
        id = e.listingId;
        applied = await store.applyExtension(id, e.from, e.to, at);
      }
    }
    await syncCard(id, store, clock.now());
    logger.info('Listing event applied', { listingId: id, applied });
  },
);
