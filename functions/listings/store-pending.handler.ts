import { z } from 'zod';
import { documentClient } from '../shared/dynamo.js';
import { eventHandler } from '../shared/consumer.js';
import { ENV, parseEnv } from '../shared/env.js';
import { logger } from '../shared/powertools.js';
import { storePendingListing } from './listings.js';
import { DynamoListingStore } from './store.js';

const env = parseEnv({ [ENV.tableName]: z.string().min(1) });
const store = new DynamoListingStore(documentClient(), env[ENV.tableName]);

export const handler = eventHandler(['Listing.Submitted'], async ({ listing }) => {
  const result = await storePendingListing(listing, store);
  logger.info('Pending listing', { listingId: listing.id, result });
});
