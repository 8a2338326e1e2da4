import { eventHandler } from '../shared/consumer.js';
import { logger } from '../shared/powertools.js';
import { storePendingListing } from './listings.js';
import { listingStore } from './runtime.js';

const store = listingStore();

export const handler = eventHandler(['Listing.Submitted'], async ({ listing }) => {
  const result = await storePendingListing(listing, store);
  logger.info('Pending listing', { listingId: listing.id, result });
});
