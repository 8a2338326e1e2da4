import { monotonicFactory } from 'ulid';
import * as z from '../shared/zod.js';
import { ENV, parseEnv } from '../shared/env.js';
import { httpHandler } from '../shared/http.js';
import { loadNetworks } from '../shared/networks.js';
import { logger } from '../shared/powertools.js';
import { documentClient } from '../shared/dynamo.js';
import { limit } from '../shared/limits.js';
import { DynamoRateLimiter } from '../shared/rate-limit.js';
import { submitListing, type SubmitDeps } from './listings.js';
import { clock, publisher } from './runtime.js';
import { listingInput } from './schema.js';
import { DynamoRecentSubmissions } from './store.js';

const env = parseEnv({ [ENV.tableName]: z.string().check(z.minLength(1)) });
const ulid = monotonicFactory();
const deps: SubmitDeps = {
  publisher: publisher(),
  networks: loadNetworks(),
  ids: { next: () => ulid() },
  clock,
  recent: new DynamoRecentSubmissions(documentClient(), env[ENV.tableName]),
  limiter: new DynamoRateLimiter(documentClient(), env[ENV.tableName]),
  limits: { listings: limit('listings'), duplicateSubmissionMinutes: limit('duplicateSubmissionMinutes') },
  guardUnavailable: (err) => {
    logger.warn('Submission guard unavailable; accepted without the duplicate check or limits', { error: (err as Error).name });
  },
};

/** Bots fill every field; people never see this one. */
function trapped(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && 'homepage' in raw && typeof raw.homepage === 'string' && raw.homepage.trim() !== '';
}

export const handler = httpHandler({ body: listingInput, maxBodyBytes: 64 * 1024 }, async ({ body, raw, lang, client }) => {
  if (trapped(raw)) {
    // Answer like a success so the bot learns nothing; store and send nothing.
    logger.info('Honeypot filled; submission dropped');
    return { status: 202, body: { id: ulid() } };
  }
  const id = await submitListing(body, lang, client, deps);
  logger.info('Listing submitted', { listingId: id });
  return { status: 202, body: { id } };
});
