import { clock, listingStore, publisher, siteUrl } from '../listings/runtime.js';
import { eventHandler } from '../shared/consumer.js';
import { logger } from '../shared/powertools.js';
import { subscriptionStore } from '../subscriptions/runtime.js';
import { buildDigest } from './digests.js';
import { digestQueue, digestStore } from './runtime.js';
import { meetingSource } from '../meetings/runtime.js';
import { surveyStore } from '../surveys/runtime.js';

const deps = { surveys: surveyStore(), meetings: meetingSource(), digests: digestStore(), listings: listingStore(), subscriptions: subscriptionStore(), queue: digestQueue(), publisher: publisher(), siteUrl: siteUrl(), clock };

/** Digest.Requested → content snapshot and recipient batches on the queue. The event id is the digest id. */
export const handler = eventHandler(['Digest.Requested'], async (d, meta) => {
  const started = Date.now();
  const record = await buildDigest(d.network, meta.id, d.trigger, deps);
  logger.info('Digest built', { network: d.network, digestId: meta.id, buildMs: Date.now() - started, items: record.weekly.items.length, recipients: record.recipients ?? 0 });
});
