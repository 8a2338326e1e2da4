import { SESv2Client } from '@aws-sdk/client-sesv2';
import * as z from 'zod';
import { documentClient } from '../shared/dynamo.js';
import { ENV, parseEnv } from '../shared/env.js';
import { httpHandler } from '../shared/http.js';
import { SesMailer } from '../shared/mailer.js';
import { logger } from '../shared/powertools.js';
import { DynamoRateLimiter } from '../shared/rate-limit.js';
import { requestLogin } from './auth.js';
import { coordinatorAuth } from './runtime.js';

const env = parseEnv({ [ENV.tableName]: z.string().min(1), [ENV.mailSender]: z.email(), [ENV.mailConfigurationSet]: z.string().optional() });
const auth = await coordinatorAuth();
const deps = {
  ...auth.deps,
  mailer: new SesMailer(new SESv2Client({}), env[ENV.mailSender], env[ENV.mailConfigurationSet]),
  limiter: new DynamoRateLimiter(documentClient(), env[ENV.tableName]),
  siteUrl: auth.siteUrl,
};

const body = z.object({ email: z.email('invalid_email').max(254, 'too_long'), lang: z.enum(['fi', 'sv', 'en']).optional() });

export const handler = httpHandler({ body, maxBodyBytes: 2048 }, async (req) => {
  await requestLogin({ email: req.body.email, lang: req.body.lang ?? req.lang, clientIp: req.event.requestContext.http.sourceIp }, deps);
  logger.info('Sign-in requested');
  return { status: 202, body: { ok: true } };
});
