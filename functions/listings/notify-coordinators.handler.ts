import * as z from 'zod';
import { eventHandler } from '../shared/consumer.js';
import { ENV, parseEnv } from '../shared/env.js';
import { Networks } from '../shared/networks.js';
import { metrics } from '../shared/metrics.js';
import { logger } from '../shared/powertools.js';
import { notifyCoordinators } from './listings.js';
import { mailer, onceStore, siteUrl } from './runtime.js';

const deps = {
  mailer: mailer(),
  networks: Networks.fromJson(parseEnv({ [ENV.networks]: z.string().min(2) })[ENV.networks]),
  onceStore: onceStore(),
  siteUrl: siteUrl(),
};

/** New listings, and edits that wait for moderation, are announced to the network's coordinators. */
export const handler = eventHandler(['Listing.Submitted', 'Listing.Updated'], async (detail, meta) => {
  if (meta.type === 'Listing.Updated' && 'publishNow' in detail && detail.publishNow) return;
  const sent = await notifyCoordinators(detail.listing, meta.id, deps, meta.type === 'Listing.Updated');
  metrics.addMetric('EmailsSent', 'Count', sent);
  metrics.publishStoredMetrics();
  logger.info('Moderation notice', { listingId: detail.listing.id, sent });
});
