import { httpHandler } from '../shared/http.js';
import { authenticate, clearedCookies, signOut } from './auth.js';
import { coordinatorAuth } from './runtime.js';

const auth = await coordinatorAuth();
const siteOrigin = new URL(auth.siteUrl).origin;

export const handler = httpHandler({}, async (req) => {
  const session = await authenticate({ method: 'POST', cookies: req.cookies, headers: req.headers, siteOrigin }, auth.deps);
  await signOut(session, auth.deps);
  return { status: 200, body: { ok: true }, cookies: clearedCookies() };
});
