import { monotonicFactory } from 'ulid';
import { documentClient } from '../shared/dynamo.js';
import { httpHandler } from '../shared/http.js';
import { logger } from '../shared/powertools.js';
import { limit } from '../shared/limits.js';
import { DynamoRateLimiter } from '../shared/rate-limit.js';
import { loadTokens } from '../shared/token-keys.js';
import { clock, mailer, publisher, siteUrl } from '../listings/runtime.js';
import { networks, subscriptionStore } from './runtime.js';
import { subscribeInput } from './schema.js';
import { requestSubscription } from './subscriptions.js';
import { ENV, parseEnv } from '../shared/env.js';
import * as z from '../shared/zod.js';

const ulid = monotonicFactory();
const deps = {
  store: subscriptionStore(),
  tokens: await loadTokens(),
  publisher: publisher(),
  mailer: mailer(),
  limiter: new DynamoRateLimiter(documentClient(), parseEnv({ [ENV.tableName]: z.string().check(z.minLength(1)) })[ENV.tableName]),
  limit: limit('subscriptions'),
  networks: networks(),
  siteUrl: siteUrl(),
  ids: { next: () => ulid() },
  clock,
};

/** POST /api/subscriptions — always the same 202, whoever the address belongs to. */
export const handler = httpHandler({ body: subscribeInput, maxBodyBytes: 8 * 1024 }, async (req) => {
  await requestSubscription(req.body, req.client, deps);
  logger.info('Subscription requested', { networks: req.body.networks.length });
  return { status: 202, body: { ok: true } };
});
