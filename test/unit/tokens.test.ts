import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeJwt, errors, jwtVerify } from 'jose';
import { z } from 'zod';
import { newKeySet, TokenError, Tokens, type TokenFailure, type TokenPurpose } from '../../functions/shared/tokens.js';

const claims = z.object({ listingId: z.string() });

describe('signed tokens', () => {
  const keys = newKeySet();
  const tokens = new Tokens(keys);

  it('verifies a token it signed and returns its claims and id', async () => {
    const t = await tokens.sign('edit', { listingId: 'L1' }, 60);
    const v = await tokens.verify('edit', t, claims);
    expect(v.claims).toEqual({ listingId: 'L1' });
    expect(v.jti).toMatch(/^[\w-]{20,}$/);
  });

  it('refuses a token made for another purpose', async () => {
    const t = await tokens.sign('unsubscribe', { listingId: 'L1' }, 60);
    await expect(tokens.verify('edit', t, claims)).rejects.toMatchObject({ reason: 'wrong_purpose' });
  });

  it('refuses an expired token', async () => {
    const t = await tokens.sign('edit', { listingId: 'L1' }, 60, new Date(Date.now() - 120_000));
    await expect(tokens.verify('edit', t, claims)).rejects.toMatchObject({ reason: 'expired' });
  });

  it('refuses a token signed with another key', async () => {
    const other = new Tokens(newKeySet());
    const t = await other.sign('edit', { listingId: 'L1' }, 60);
    await expect(tokens.verify('edit', t, claims)).rejects.toBeInstanceOf(TokenError);
  });

  it('refuses a token whose claims do not fit the expected shape', async () => {
    const t = await tokens.sign('edit', { somethingElse: 1 }, 60);
    await expect(tokens.verify('edit', t, claims)).rejects.toMatchObject({ reason: 'invalid' });
  });

  it('still verifies tokens of the previous key after a rotation, and signs with the new one', async () => {
    const old = await tokens.sign('edit', { listingId: 'L1' }, 60);
    const next = newKeySet();
    const rotated = new Tokens({ ...next, currentKid: `${next.currentKid}b`, previousKid: keys.currentKid, previous: keys.current });
    expect((await rotated.verify('edit', old, claims)).claims.listingId).toBe('L1');
    const fresh = await rotated.sign('edit', { listingId: 'L2' }, 60);
    await expect(tokens.verify('edit', fresh, claims)).rejects.toBeInstanceOf(TokenError);
  });

  it('signs standard HS256 JWTs that any JWT library verifies with the key: purpose as audience, issuer, expiry, a unique id', async () => {
    // Arrange
    const now = new Date('2026-11-30T06:00:00Z');

    // Act
    const [t, u] = [await tokens.sign('manage', { sub: 'S1' }, 3600, now), await tokens.sign('manage', { sub: 'S1' }, 3600, now)];

    // Assert
    const { payload, protectedHeader } = await jwtVerify(t, new TextEncoder().encode(keys.current), { algorithms: ['HS256'], currentDate: now });
    expect(protectedHeader).toEqual({ alg: 'HS256', kid: keys.currentKid });
    expect(payload).toMatchObject({ sub: 'S1', iss: 'verkosto', aud: 'manage', iat: now.getTime() / 1000, exp: now.getTime() / 1000 + 3600 });
    expect(decodeJwt(u).jti).not.toBe(payload.jti);
    await expect(jwtVerify(t, new TextEncoder().encode(newKeySet().current))).rejects.toThrow();
  });

  it('refuses garbage and oversized input without throwing anything else', async () => {
    await expect(tokens.verify('edit', 'not.a.jwt', claims)).rejects.toBeInstanceOf(TokenError);
    await expect(tokens.verify('edit', 'x'.repeat(5000), claims)).rejects.toBeInstanceOf(TokenError);
  });
});

describe('verifying a token as jose did', () => {
  // Until issue 16 the verifier was jose's jwtVerify with this issuer, audience and algorithm; it is now
  // node:crypto's HMAC and the claim checks in tokens.ts. Each token here, forged or damaged, must get the same answer.
  const keys = newKeySet();
  const tokens = new Tokens(keys);
  const now = new Date('2026-11-30T06:00:00Z');
  const t = now.getTime() / 1000;
  const part = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
  const mac = (alg: 'sha256' | 'sha512', secret: string, input: string) => createHmac(alg, secret).update(input).digest('base64url');
  const forge = (header: unknown, payload: unknown, { secret = keys.current, alg = 'sha256' as 'sha256' | 'sha512' } = {}) => {
    const input = `${part(header)}.${part(payload)}`;
    return `${input}.${mac(alg, secret, input)}`;
  };
  const H = { alg: 'HS256', kid: keys.currentKid };
  const P = { listingId: 'L1', iss: 'verkosto', aud: 'edit', iat: t - 10, exp: t + 60, jti: 'j1' };
  const without = (key: string) => Object.fromEntries(Object.entries(P).filter(([k]) => k !== key));
  const good = forge(H, P);
  const [gh, gp, gs] = good.split('.') as [string, string, string];

  const cases: Array<[string, string, TokenPurpose?]> = [
    ['a good token', good],
    ['an audience list holding the purpose', forge(H, { ...P, aud: ['manage', 'edit'] })],
    ['another purpose', forge(H, P), 'manage'],
    ['an audience list without the purpose', forge(H, { ...P, aud: ['manage'] })],
    ['no audience', forge(H, without('aud'))],
    ['no issuer', forge(H, without('iss'))],
    ['another issuer', forge(H, { ...P, iss: 'someone' })],
    ['another issuer and no audience', forge(H, { ...without('aud'), iss: 'someone' })],
    ['an expiry in the past', forge(H, { ...P, exp: t - 1 })],
    ['an expiry of this second', forge(H, { ...P, exp: t })],
    ['an expired token for another purpose', forge(H, { ...P, exp: t - 1, aud: 'manage' })],
    ['no expiry', forge(H, without('exp'))],
    ['an expiry as text', forge(H, { ...P, exp: String(t + 60) })],
    ['a not-before in the future', forge(H, { ...P, nbf: t + 5 })],
    ['a not-before in the past', forge(H, { ...P, nbf: t - 5 })],
    ['an issued-at as text', forge(H, { ...P, iat: 'yesterday' })],
    ['an issued-at of null', forge(H, { ...P, iat: null })],
    ['no token id', forge(H, without('jti'))],
    ['claims of another shape', forge(H, { ...P, listingId: 7 })],
    ['alg none without a signature', `${part({ alg: 'none' })}.${part(P)}.`],
    ['alg none with a signature', forge({ alg: 'none', kid: keys.currentKid }, P)],
    ['HS512', forge({ ...H, alg: 'HS512' }, P, { alg: 'sha512' })],
    ['a crit header', forge({ ...H, crit: ['exp'] }, P)],
    ['an unknown key id', forge({ ...H, kid: 'k-unknown' }, P)],
    ['no key id', forge({ alg: 'HS256' }, P)],
    ['a numeric key id', forge({ ...H, kid: 7 }, P)],
    ['another key', forge(H, P, { secret: newKeySet().current })],
    ['a payload swapped under a good signature', `${gh}.${part({ ...P, listingId: 'L2' })}.${gs}`],
    ['a header swapped under a good signature', `${part({ ...H, typ: 'JWT' })}.${gp}.${gs}`],
    ['a truncated signature', `${gh}.${gp}.${gs.slice(0, -2)}`],
    // Not the last character: its low bits are padding, which base64url decoders drop (jose too).
    ['a signature with a character changed', `${gh}.${gp}.${gs.slice(0, 10)}${gs[10] === 'A' ? 'B' : 'A'}${gs.slice(11)}`],
    ['an empty signature', `${gh}.${gp}.`],
    ['two parts', `${gh}.${gp}`],
    ['four parts', `${good}.${gs}`],
    ['a header that is not JSON', `${part('{alg')}.${gp}.${mac('sha256', keys.current, `${part('{alg')}.${gp}`)}`],
    ['a header that is a JSON array', forge(['HS256'], P)],
    ['a payload that is a JSON array', forge(H, [P])],
    ['a payload that is not JSON', (() => { const input = `${gh}.${part('not json')}`; return `${input}.${mac('sha256', keys.current, input)}`; })()],
    ['a space inside', `${gh}.${gp} .${gs}`],
    ['a character of standard base64', `${gh}.${gp}.+${gs.slice(1)}`],
    ['an empty string', ''],
  ];

  /** The verifier before issue 16, word for word but for the key lookup. */
  async function withJose(purpose: TokenPurpose, token: string): Promise<TokenFailure | 'ok'> {
    try {
      const { payload } = await jwtVerify(
        token,
        async (header) => {
          if (header.kid !== keys.currentKid) throw new TokenError('invalid');
          return crypto.subtle.importKey('raw', new TextEncoder().encode(keys.current), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
        },
        { issuer: 'verkosto', audience: purpose, algorithms: ['HS256'], currentDate: now },
      );
      if (!z.object({ listingId: z.string() }).safeParse(payload).success || typeof payload.jti !== 'string' || typeof payload.exp !== 'number') return 'invalid';
      return 'ok';
    } catch (err) {
      if (err instanceof TokenError) return err.reason;
      if (err instanceof errors.JWTExpired) return 'expired';
      if (err instanceof errors.JWTClaimValidationFailed && err.claim === 'aud') return 'wrong_purpose';
      return 'invalid';
    }
  }
  const verified = (purpose: TokenPurpose, token: string) =>
    tokens.verify(purpose, token, claims, now).then(
      () => 'ok' as const,
      (err: unknown) => (err instanceof TokenError ? err.reason : `threw ${String(err)}`),
    );

  it.each(cases)('answers %s as jose did', async (_name, token, purpose = 'edit') => {
    const expected = await withJose(purpose, token);

    expect(await verified(purpose, token)).toBe(expected);
  });

  it('accepts the good token and refuses the others for the reason jose gave', async () => {
    // Guards the comparison itself: a reference that refused everything would agree with a verifier that did too.
    const answers = await Promise.all(cases.map(([, token, purpose = 'edit']) => withJose(purpose, token)));

    expect(new Set(answers)).toEqual(new Set(['ok', 'invalid', 'expired', 'wrong_purpose']));
    expect(answers.filter((a) => a === 'ok')).toHaveLength(3);
  });
});
