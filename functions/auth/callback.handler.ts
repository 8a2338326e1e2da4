import { httpHandler, type HttpResult } from '../shared/http.js';
import { logger } from '../shared/powertools.js';
import { completeLogin, sessionCookies } from './auth.js';
import { coordinatorAuth } from './runtime.js';

const auth = await coordinatorAuth();

/** The emailed link lands here: a redirect either into the coordinator pages or back to sign-in with the reason. */
export const handler = httpHandler({}, async (req): Promise<HttpResult> => {
  const result = await completeLogin(req.query.token ?? '', auth.deps);
  if ('failure' in result) {
    logger.info('Sign-in link refused', { reason: result.failure });
    return { status: 303, headers: { location: `/${result.lang}/coordinator/login/?error=${result.failure}`, 'cache-control': 'no-store' } };
  }
  return {
    status: 303,
    headers: { location: `/${result.lang}/coordinator/`, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
    cookies: sessionCookies(result.session, result.csrf),
  };
});
