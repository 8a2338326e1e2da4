import { describe, expect, it } from 'vitest';
import { decodeJwt, jwtVerify } from 'jose';
import { z } from 'zod';
import { newKeySet, TokenError, Tokens } from '../../functions/shared/tokens.js';

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
