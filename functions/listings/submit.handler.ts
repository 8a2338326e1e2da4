import { monotonicFactory } from 'ulid';
import * as z from 'zod';
import { ENV, parseEnv } from '../shared/env.js';
import { httpHandler } from '../shared/http.js';
import { Networks } from '../shared/networks.js';
import { metrics } from '../shared/metrics.js';
import { logger } from '../shared/powertools.js';
import { submitListing } from './listings.js';
import { clock, publisher } from './runtime.js';
import { listingInput } from './schema.js';

const networks = Networks.fromJson(parseEnv({ [ENV.networks]: z.string().min(2) })[ENV.networks]);
const ulid = monotonicFactory();
const deps = { publisher: publisher(), networks, ids: { next: () => ulid() }, clock };

/** Bots fill every field; people never see this one. */
function trapped(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && 'homepage' in raw && typeof raw.homepage === 'string' && raw.homepage.trim() !== '';
}

export const handler = httpHandler({ body: listingInput, maxBodyBytes: 64 * 1024 }, async ({ body, raw, lang }) => {
  if (trapped(raw)) {
    // Answer like a success so the bot learns nothing; store and send nothing.
    logger.info('Honeypot filled; submission dropped');
    return { status: 202, body: { id: ulid() } };
  }
  const id = await submitListing(body, lang, deps);
  metrics.addMetric('ListingsSubmitted', 'Count', 1);
  metrics.publishStoredMetrics();
  logger.info('Listing submitted', { listingId: id });
  return { status: 202, body: { id } };
});
