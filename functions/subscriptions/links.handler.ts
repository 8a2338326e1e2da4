import * as z from '../shared/zod.js';
import { bearer } from '../listings/listings.js';
import { clock, publisher } from '../listings/runtime.js';
import { invalid } from '../shared/errors.js';
import { httpHandler, type HttpResult } from '../shared/http.js';
import { logger } from '../shared/powertools.js';
import { loadTokens } from '../shared/token-keys.js';
import { networks, subscriptionStore } from './runtime.js';
import { preferences } from './schema.js';
import { issuesToFieldCodes } from '../shared/validation.js';
import { changePreferences, confirmSubscription, readPreferences, unsubscribe } from './subscriptions.js';

const deps = { store: subscriptionStore(), tokens: await loadTokens(), publisher: publisher(), networks: networks(), clock };

const tokenBody = z.lazy(() => z.object({ token: z.string().check(z.minLength(10), z.maxLength(4096)) }));

/**
 * The signed links in every subscription email:
 *   POST /api/subscriptions/confirm {token}
 *   GET|PUT /api/subscriptions/me            (Authorization: Bearer <manage token>)
 *   POST /api/subscriptions/unsubscribe?token=…   RFC 8058 one-click: takes effect at once, no page needed
 *   GET  /api/subscriptions/unsubscribe?token=…   opens the unsubscribe page (a GET never unsubscribes:
 *                                                 mail scanners follow links)
 */
export const handler = httpHandler({ maxBodyBytes: 8 * 1024 }, async (req): Promise<HttpResult> => {
  const route = req.event.routeKey;
  const body = (): unknown => {
    const text = req.event.body ? (req.event.isBase64Encoded ? Buffer.from(req.event.body, 'base64').toString('utf8') : req.event.body) : '';
    try {
      return text ? JSON.parse(text) : undefined;
    } catch {
      throw invalid('Request body is not valid JSON', undefined, 'invalid_json');
    }
  };
  if (route === 'GET /api/subscriptions/unsubscribe') {
    const token = req.query.token ?? '';
    return { status: 303, headers: { location: `/${req.lang}/subscribe/unsubscribe/#token=${encodeURIComponent(token)}`, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' } };
  }
  if (route === 'POST /api/subscriptions/unsubscribe') {
    // One-click clients POST `List-Unsubscribe=One-Click` to the URL itself; the page posts JSON {token}.
    const fromJson = req.headers['content-type']?.includes('json') ? tokenBody.safeParse(body()) : undefined;
    const token = fromJson?.success ? fromJson.data.token : (req.query.token ?? '');
    await unsubscribe(token, deps);
    logger.info('Unsubscribed');
    return { status: 200, body: { ok: true } };
  }
  if (route === 'POST /api/subscriptions/confirm') {
    const parsed = tokenBody.safeParse(body());
    if (!parsed.success) throw invalid('A token is required', { token: 'required' });
    const out = await confirmSubscription(parsed.data.token, deps);
    logger.info('Subscription confirmed');
    return { status: 200, body: out };
  }
  const token = bearer(req.headers);
  if (route === 'GET /api/subscriptions/me') return { status: 200, body: await readPreferences(token, deps) };
  const parsed = preferences.safeParse(body());
  if (!parsed.success) throw invalid('Some fields need attention', issuesToFieldCodes(parsed.error.issues));
  await changePreferences(token, parsed.data, deps);
  return { status: 200, body: { ok: true } };
});
