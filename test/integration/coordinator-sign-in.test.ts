import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tokens, keySetFromFile } from '../../functions/shared/tokens.js';
import { twoNetworkConfig } from '../fixtures/config.js';
import { signIn, signInLink } from '../support/coordinator.js';
import { startTestStack, type TestStack } from '../support/stack.js';

const KEMI = 'koordinaattori@kemi.example.fi';
const PAIJAT = 'koordinaattori@phsotey.example.fi';

describe('coordinator sign-in by emailed link', () => {
  let stack: TestStack;
  beforeAll(async () => {
    // The shipped limits: one test here proves the per-address limit.
    stack = await startTestStack({ config: twoNetworkConfig(), productionLimits: true });
  });
  afterAll(async () => stack?.close());

  it('mails a link that signs the coordinator in and reaches a coordinator route', async () => {
    const me = await signIn(stack, KEMI);

    const session = await me.api('/api/auth/session');
    const audit = await me.api('/api/coordinator/networks/kemi-perhekeskus/audit');

    expect(session.status).toBe(200);
    expect(await session.json()).toMatchObject({ email: KEMI, networks: [{ id: 'kemi-perhekeskus' }] });
    expect(audit.status).toBe(200);
  });

  it('sets an HttpOnly, Secure, SameSite=Strict session cookie for 8 hours', async () => {
    await stack.api('/api/auth/login', { method: 'POST', json: { email: KEMI } });
    const res = await fetch(await signInLink(stack, KEMI), { redirect: 'manual' });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('verkosto_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Max-Age=28800/);
    expect(res.headers.get('location')).toBe('/fi/coordinator/');
  });

  it('refuses a link the second time it is used', async () => {
    await stack.api('/api/auth/login', { method: 'POST', json: { email: KEMI } });
    const link = await signInLink(stack, KEMI);
    await fetch(link, { redirect: 'manual' });

    const again = await fetch(link, { redirect: 'manual' });

    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe('/fi/coordinator/login/?error=used');
    expect(again.headers.getSetCookie()).toHaveLength(0);
  });

  it('refuses an expired link', async () => {
    // Arrange: a link signed with the stack's own key, 16 minutes ago.
    const tokens = new Tokens(keySetFromFile(process.env.TOKEN_KEY_FILE!));
    const old = await tokens.sign('login', { email: KEMI, lang: 'fi' }, 15 * 60, new Date(Date.now() - 16 * 60_000));

    const res = await stack.api(`/api/auth/callback?token=${old}`, { redirect: 'manual' });

    expect(res.headers.get('location')).toBe('/fi/coordinator/login/?error=expired');
    expect(res.headers.getSetCookie()).toHaveLength(0);
  });

  it('refuses a tampered link', async () => {
    await stack.api('/api/auth/login', { method: 'POST', json: { email: KEMI } });
    const link = await signInLink(stack, KEMI);
    const token = new URL(link).searchParams.get('token')!;
    const [h, p, s] = token.split('.');
    // Swap the payload for one naming another address, keep the signature.
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), email: PAIJAT })).toString('base64url');

    const res = await stack.api(`/api/auth/callback?token=${h}.${forged}.${s}`, { redirect: 'manual' });

    expect(res.headers.get('location')).toBe('/fi/coordinator/login/?error=invalid');
  });

  it('refuses a session token used as a sign-in link (purpose binding)', async () => {
    const me = await signIn(stack, KEMI);
    const sessionToken = me.cookie.split(';')[0]!.split('=')[1]!;
    const res = await stack.api(`/api/auth/callback?token=${sessionToken}`, { redirect: 'manual' });
    expect(res.headers.get('location')).toBe('/fi/coordinator/login/?error=invalid');
  });

  it('answers 202 to an address that coordinates nothing and mails nothing', async () => {
    await stack.clearMail();
    const res = await stack.api('/api/auth/login', { method: 'POST', json: { email: 'someone@example.fi' } });
    await stack.settle();
    expect(res.status).toBe(202);
    expect(await stack.mailbox()).toHaveLength(0);
  });

  it('answers a malformed address with a field message', async () => {
    const res = await stack.api('/api/auth/login?lang=sv', { method: 'POST', json: { email: 'nope' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields.email).toMatch(/e-postadressen/);
  });

  it('limits sign-in links per address so a mailbox cannot be flooded', async () => {
    const target = 'flood@kemi.example.fi';
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await stack.api('/api/auth/login', { method: 'POST', json: { email: target } })).status);
    expect(statuses.slice(0, 5)).toEqual([202, 202, 202, 202, 202]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });

  // Another coordinator from here on: the per-address limit allows five links in 15 minutes.
  it('ends the session on sign-out', async () => {
    const me = await signIn(stack, PAIJAT);
    const out = await me.api('/api/auth/logout', { method: 'POST' });
    const after = await me.api('/api/auth/session');
    expect(out.status).toBe(200);
    expect(after.status).toBe(401);
  });

  it('refuses a state-changing request without the CSRF header', async () => {
    const me = await signIn(stack, PAIJAT);
    const res = await fetch(`${stack.urls.site}/api/coordinator/networks/paijat-hame-sosiaaliala/coordinators`, {
      method: 'POST',
      headers: { cookie: me.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'new@phsotey.example.fi' }),
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('csrf');
  });
});
