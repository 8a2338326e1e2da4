import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { monotonicFactory } from 'ulid';
import { z } from 'zod';
import { ENV, parseEnv } from '../shared/env.js';
import { httpHandler } from '../shared/http.js';
import { Networks } from '../shared/networks.js';
import { logger, metrics } from '../shared/powertools.js';
import { EventBridgePublisher } from '../shared/publisher.js';
import { submitListing } from './listings.js';
import { listingInput } from './schema.js';

const env = parseEnv({ [ENV.eventBusName]: z.string().min(1), [ENV.networks]: z.string().min(2) });
const publisher = new EventBridgePublisher(new EventBridgeClient({}), env[ENV.eventBusName]);
const networks = Networks.fromJson(env[ENV.networks]);
const ulid = monotonicFactory();
const deps = { publisher, networks, ids: { next: () => ulid() }, clock: { now: () => new Date() } };

/** Bots fill every field; people never see this one. */
function trapped(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && 'homepage' in raw && typeof raw.homepage === 'string' && raw.homepage.trim() !== '';
}

export const handler = httpHandler({ body: listingInput, maxBodyBytes: 64 * 1024 }, async ({ body, raw }) => {
  if (trapped(raw)) {
    // Answer like a success so the bot learns nothing; store and send nothing.
    logger.info('Honeypot filled; submission dropped');
    return { status: 202, body: { id: ulid() } };
  }
  const id = await submitListing(body, deps);
  metrics.addMetric('ListingsSubmitted', 'Count', 1);
  metrics.publishStoredMetrics();
  logger.info('Listing submitted', { listingId: id });
  return { status: 202, body: { id } };
});
