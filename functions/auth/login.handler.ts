import * as z from '../shared/zod.js';
import { documentClient } from '../shared/dynamo.js';
import { ENV, parseEnv } from '../shared/env.js';
import { httpHandler } from '../shared/http.js';
import { limit } from '../shared/limits.js';
import { logger } from '../shared/powertools.js';
import { EventBridge } from '../shared/aws/services.js';
import { EventBridgePublisher } from '../shared/publisher.js';
import { DynamoRateLimiter } from '../shared/rate-limit.js';
import { requestLogin } from './auth.js';

const env = parseEnv({ [ENV.tableName]: z.string().check(z.minLength(1)), [ENV.eventBusName]: z.string().check(z.minLength(1)) });
const deps = {
  limiter: new DynamoRateLimiter(documentClient(), env[ENV.tableName]),
  limit: limit('signIn'),
  publisher: new EventBridgePublisher(new EventBridge(), env[ENV.eventBusName]),
};

const body = z.object({ email: z.email('invalid_email').check(z.maxLength(254, 'too_long')), lang: z.optional(z.enum(['fi', 'sv', 'en'])) });

/** POST /api/auth/login — the same 202 for every address; the link, if any, is mailed after the answer (SendSignInLink). */
export const handler = httpHandler({ body, maxBodyBytes: 2048 }, async (req) => {
  await requestLogin({ email: req.body.email, lang: req.body.lang ?? req.lang, client: req.client }, deps);
  logger.info('Sign-in requested');
  return { status: 202, body: { ok: true } };
});
