import { randomBytes, timingSafeEqual } from 'node:crypto';
import * as z from '../shared/zod.js';
import { DomainError, forbidden, unauthorized } from '../shared/errors.js';
import { renderEmail } from '../shared/email.js';
import type { UiLanguage } from '../shared/i18n.js';
import type { Mailer } from '../shared/mailer.js';
import type { WindowLimit } from '../shared/limits.js';
import { once, type OnceStore } from '../shared/once.js';
import type { Publisher } from '../shared/publisher.js';
import { enforceLimits, type RateLimiter } from '../shared/rate-limit.js';
import { TokenError, type Tokens } from '../shared/tokens.js';
import { normaliseEmail, type CoordinatorDirectory } from './coordinators.js';

export const LOGIN_TTL_SECONDS = 15 * 60;
export const SESSION_TTL_SECONDS = 8 * 3600;
export const SESSION_COOKIE = 'verkosto_session';
export const CSRF_COOKIE = 'verkosto_csrf';
export const CSRF_HEADER = 'x-csrf-token';


const loginClaims = z.object({ email: z.email(), lang: z.enum(['fi', 'sv', 'en']) });
// No networks in the session: they are read from the table on every request, and a regional coordinator's 200 would overflow the 4 KB a cookie may hold.
const sessionClaims = z.object({ email: z.email(), csrf: z.string().check(z.minLength(16)) });
export type Session = z.infer<typeof sessionClaims> & { jti: string; exp: number };

export interface AuthDeps {
  tokens: Tokens;
  directory: CoordinatorDirectory;
  /** marks single-use tokens used and sessions signed out */
  onceStore: OnceStore;
  clock: { now(): Date };
}

const loginText = {
  fi: { subject: 'Kirjautumislinkki Verkostoon', title: 'Verkosto', heading: 'Kirjaudu koordinaattorina', p1: 'Pyysit kirjautumislinkkiä. Linkki toimii 15 minuuttia ja vain kerran.', p2: 'Jos et pyytänyt linkkiä, voit jättää tämän viestin huomiotta.', action: 'Kirjaudu sisään', footer: 'Tämä viesti lähetettiin, koska osoitteelle pyydettiin kirjautumislinkkiä.' },
  sv: { subject: 'Inloggningslänk till Verkosto', title: 'Verkosto', heading: 'Logga in som koordinator', p1: 'Du bad om en inloggningslänk. Länken gäller i 15 minuter och bara en gång.', p2: 'Om du inte bad om länken kan du lämna meddelandet utan åtgärd.', action: 'Logga in', footer: 'Meddelandet skickades eftersom en inloggningslänk begärdes för adressen.' },
  en: { subject: 'Your Verkosto sign-in link', title: 'Verkosto', heading: 'Sign in as a coordinator', p1: 'You asked for a sign-in link. It works for 15 minutes and only once.', p2: 'If you did not ask for it, you can ignore this message.', action: 'Sign in', footer: 'This message was sent because a sign-in link was requested for this address.' },
} satisfies Record<UiLanguage, Record<string, string>>;

export function loginEmail(link: string, lang: UiLanguage) {
  const t = loginText[lang];
  return renderEmail({
    lang,
    subject: t.subject,
    preheader: t.p1,
    title: t.title,
    blocks: [{ heading: t.heading, paragraphs: [t.p1, t.p2], action: { label: t.action, url: link } }],
    footer: [t.footer],
  });
}

/**
 * Always succeeds the same way for the caller (no account probing): the
 * request is counted and handed on, whoever the address belongs to, and the
 * answer goes before anything depends on it. Whether the address coordinates
 * a network, the signing and the sending happen in sendLoginLink, after the
 * answer, so a coordinator's address takes no longer than a stranger's.
 * Limits count every address alike, so a 429 tells nothing either.
 */
export async function requestLogin(
  input: { email: string; lang: UiLanguage; client: string },
  deps: { limiter: RateLimiter; limit: WindowLimit; publisher: Publisher },
): Promise<void> {
  const email = normaliseEmail(input.email);
  await enforceLimits(deps.limiter, 'login', deps.limit, { client: input.client, address: email });
  await deps.publisher.publish('SignIn.Requested', { version: 1, email, lang: input.lang });
}

/** Mails a sign-in link if the address coordinates a network; nothing otherwise. */
export async function sendLoginLink(
  input: { email: string; lang: UiLanguage; eventId: string },
  deps: AuthDeps & { mailer: Mailer; siteUrl: string },
): Promise<boolean> {
  const networks = await deps.directory.networksOf(input.email);
  if (networks.length === 0) return false;
  const result = await once(deps.onceStore, `mail#${input.eventId}#signin`, async () => {
    const token = await deps.tokens.sign('login', { email: input.email, lang: input.lang }, LOGIN_TTL_SECONDS, deps.clock.now());
    const link = `${deps.siteUrl}/api/auth/callback?token=${encodeURIComponent(token)}`;
    await deps.mailer.send({ to: input.email, ...loginEmail(link, input.lang), tags: { kind: 'sign-in' } });
  });
  return result === 'done';
}

export type LoginFailure = 'expired' | 'invalid' | 'used' | 'not_coordinator';

/** Exchanges a sign-in link for a session. The link works once. */
export async function completeLogin(token: string, deps: AuthDeps): Promise<{ session: string; csrf: string; lang: UiLanguage } | { failure: LoginFailure; lang: UiLanguage }> {
  let verified;
  try {
    verified = await deps.tokens.verify('login', token, loginClaims, deps.clock.now());
  } catch (err) {
    return { failure: err instanceof TokenError && err.reason === 'expired' ? 'expired' : 'invalid', lang: 'fi' };
  }
  const { email, lang } = verified.claims;
  if (!(await deps.onceStore.claim(`jti#${verified.jti}`))) return { failure: 'used', lang };
  const networks = await deps.directory.networksOf(email);
  if (networks.length === 0) return { failure: 'not_coordinator', lang };
  const csrf = randomBytes(24).toString('base64url');
  const session = await deps.tokens.sign('session', { email, csrf }, SESSION_TTL_SECONDS, deps.clock.now());
  return { session, csrf, lang };
}

export function sessionCookies(session: string, csrf: string): string[] {
  const common = `Path=/; Secure; SameSite=Strict; Max-Age=${SESSION_TTL_SECONDS}`;
  return [`${SESSION_COOKIE}=${session}; HttpOnly; ${common}`, `${CSRF_COOKIE}=${csrf}; ${common}`];
}

export function clearedCookies(): string[] {
  return [`${SESSION_COOKIE}=; HttpOnly; Path=/; Secure; SameSite=Strict; Max-Age=0`, `${CSRF_COOKIE}=; Path=/; Secure; SameSite=Strict; Max-Age=0`];
}

export function cookieValue(cookies: readonly string[], name: string): string | undefined {
  for (const c of cookies) {
    const eq = c.indexOf('=');
    if (eq > 0 && c.slice(0, eq).trim() === name) return c.slice(eq + 1).trim();
  }
  return undefined;
}

/** Reads and verifies the session cookie; signed-out sessions are refused. */
export async function readSession(cookies: readonly string[], deps: AuthDeps): Promise<Session> {
  const token = cookieValue(cookies, SESSION_COOKIE);
  if (!token) throw unauthorized();
  let verified;
  try {
    verified = await deps.tokens.verify('session', token, sessionClaims, deps.clock.now());
  } catch {
    throw unauthorized('Session expired or invalid; sign in again');
  }
  if (await deps.onceStore.seen(`signout#${verified.jti}`)) throw unauthorized('Signed out; sign in again');
  return { ...verified.claims, jti: verified.jti, exp: verified.exp };
}

export async function signOut(session: Session, deps: AuthDeps): Promise<void> {
  await deps.onceStore.claim(`signout#${session.jti}`);
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface AuthorizeInput {
  method: string;
  cookies: readonly string[];
  headers: Record<string, string>;
  siteOrigin: string;
}

/**
 * THE authorisation check for every coordinator route: a valid session
 * (401 otherwise), the CSRF header on state-changing requests, and a live
 * membership of the network the request touches (403 otherwise; checked
 * against the table, so a removed coordinator loses access at once).
 */
export async function authenticate(input: AuthorizeInput, deps: AuthDeps): Promise<Session> {
  const session = await readSession(input.cookies, deps);
  if (!['GET', 'HEAD', 'OPTIONS'].includes(input.method.toUpperCase())) {
    const origin = input.headers.origin;
    if (origin && origin !== input.siteOrigin) throw forbidden('Cross-site request refused');
    const header = input.headers[CSRF_HEADER];
    if (!header || !sameSecret(header, session.csrf)) throw new DomainError('forbidden', 'csrf', 'Missing or wrong CSRF token');
  }
  return session;
}

export async function requireNetwork(session: Session, network: string | undefined, deps: AuthDeps): Promise<void> {
  if (network === undefined || !(await deps.directory.isCoordinator(session.email, network))) {
    throw forbidden('You do not coordinate this network');
  }
}
