import * as z from '../shared/zod.js';
import { eventHandler } from '../shared/consumer.js';
import { ENV, parseEnv } from '../shared/env.js';
import { SesV2 } from '../shared/aws/services.js';
import { SesMailer } from '../shared/mailer.js';
import { logger } from '../shared/powertools.js';
import { sendLoginLink } from './auth.js';
import { coordinatorAuth } from './runtime.js';

const env = parseEnv({ [ENV.mailSender]: z.email(), [ENV.mailConfigurationSet]: z.optional(z.string()) });
const auth = await coordinatorAuth();
const deps = { ...auth.deps, mailer: new SesMailer(new SesV2(), env[ENV.mailSender], env[ENV.mailConfigurationSet]), siteUrl: auth.siteUrl };

/** After the sign-in form has been answered: a link to a coordinator's address, nothing to anyone else. */
export const handler = eventHandler(['SignIn.Requested'], async (detail, meta) => {
  const sent = await sendLoginLink({ email: detail.email, lang: detail.lang, eventId: meta.id }, deps);
  logger.info('Sign-in request handled', { sent });
});
