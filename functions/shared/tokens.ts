import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import * as z from 'zod';

/**
 * Signed tokens for every link and session: HS256 JWTs (jose), each bound to
 * one purpose (the JWT audience), with an expiry and a unique id so a
 * single-use token can be marked used. Keys rotate: new tokens are signed
 * with `current`; tokens signed with `previous` still verify until they
 * expire (docs/operations.md, "Rotating the signing key").
 */
export const TOKEN_PURPOSES = ['login', 'session', 'edit', 'confirm', 'manage', 'unsubscribe', 'survey', 'rsvp', 'extend'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

const ISSUER = 'verkosto';

/**
 * Flat, so Secrets Manager can generate `current` itself
 * (generateStringKey) from a template holding `currentKid`.
 */
export const keySet = z.object({
  currentKid: z.string().min(1),
  current: z.string().min(32, 'signing secret must be at least 32 characters'),
  previousKid: z.string().min(1).optional(),
  previous: z.string().min(32).optional(),
});
export type KeySet = z.infer<typeof keySet>;

export function newKeySet(): KeySet {
  return { currentKid: `k${Date.now().toString(36)}`, current: randomBytes(32).toString('base64url') };
}

/** Offline: a key set generated once into `.verkosto/` and reused across restarts. */
export function keySetFromFile(file: string): KeySet {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(newKeySet(), null, 2), { mode: 0o600 });
  }
  return keySet.parse(JSON.parse(readFileSync(file, 'utf8')));
}

export type TokenFailure = 'invalid' | 'expired' | 'wrong_purpose';

export class TokenError extends Error {
  constructor(readonly reason: TokenFailure) {
    super(`Token ${reason}`);
    this.name = 'TokenError';
  }
}

export interface VerifiedToken<C> {
  claims: C;
  jti: string;
  /** seconds since epoch */
  exp: number;
}

export class Tokens {
  private readonly keys: Map<string, Uint8Array>;
  private readonly signingKid: string;

  constructor(set: KeySet) {
    const enc = (s: string) => new TextEncoder().encode(s);
    this.keys = new Map([[set.currentKid, enc(set.current)]]);
    if (set.previous && set.previousKid) this.keys.set(set.previousKid, enc(set.previous));
    this.signingKid = set.currentKid;
  }

  async sign(purpose: TokenPurpose, claims: Record<string, unknown>, ttlSeconds: number, now = new Date()): Promise<string> {
    const iat = Math.floor(now.getTime() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid: this.signingKid })
      .setIssuer(ISSUER)
      .setAudience(purpose)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ttlSeconds)
      .setJti(randomBytes(16).toString('base64url'))
      .sign(this.keys.get(this.signingKid)!);
  }

  /** Verifies signature, purpose and expiry, then parses the claims with `schema`. */
  async verify<S extends z.ZodType>(purpose: TokenPurpose, token: string, schema: S, now = new Date()): Promise<VerifiedToken<z.output<S>>> {
    if (typeof token !== 'string' || token.length > 4096) throw new TokenError('invalid');
    try {
      const { payload } = await jwtVerify(token, (header) => {
        const key = header.kid ? this.keys.get(header.kid) : undefined;
        if (!key) throw new TokenError('invalid');
        return key;
      }, { issuer: ISSUER, audience: purpose, algorithms: ['HS256'], currentDate: now });
      const claims = schema.safeParse(payload);
      if (!claims.success || typeof payload.jti !== 'string' || typeof payload.exp !== 'number') throw new TokenError('invalid');
      return { claims: claims.data, jti: payload.jti, exp: payload.exp };
    } catch (err) {
      if (err instanceof TokenError) throw err;
      if (err instanceof joseErrors.JWTExpired) throw new TokenError('expired');
      if (err instanceof joseErrors.JWTClaimValidationFailed && err.claim === 'aud') throw new TokenError('wrong_purpose');
      throw new TokenError('invalid');
    }
  }
}
