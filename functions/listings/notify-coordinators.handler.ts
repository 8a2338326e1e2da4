import * as z from '../shared/zod.js';
import { eventHandler } from '../shared/consumer.js';
import { ENV, parseEnv } from '../shared/env.js';
import { loadNetworks } from '../shared/networks.js';
import { logger } from '../shared/powertools.js';
import { limit } from '../shared/limits.js';
import { DynamoRateLimiter } from '../shared/rate-limit.js';
import { documentClient } from '../shared/dynamo.js';
import { BATCH_COUNT_CAP, notifyCoordinators, type NoticeDeps } from './listings.js';
import { listingStore, mailer, onceStore, siteUrl } from './runtime.js';

const env = parseEnv({ [ENV.tableName]: z.string().check(z.minLength(1)) });
const store = listingStore();
const deps: NoticeDeps = {
  mailer: mailer(),
  networks: loadNetworks(),
  onceStore: onceStore(),
  siteUrl: siteUrl(),
  counter: new DynamoRateLimiter(documentClient(), env[ENV.tableName]),
  ceiling: limit('coordinatorNoticesPerHour'),
  waiting: async (network) => (await store.byQueue(network, 'pending', BATCH_COUNT_CAP)).items.length,
};

/** New listings, and edits that wait for moderation, are announced to the network's coordinators. */
export const handler = eventHandler(['Listing.Submitted', 'Listing.Updated'], async (detail, meta) => {
  if (meta.type === 'Listing.Updated' && 'publishNow' in detail && detail.publishNow) return;
  const sent = await notifyCoordinators(detail.listing, meta.id, deps, meta.type === 'Listing.Updated');
  logger.info('Moderation notice', { listingId: detail.listing.id, sent });
});
