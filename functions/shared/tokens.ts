import { createHmac, createSecretKey, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ONE_SHOT } from './env.js';
import * as z from './zod.js';

/**
 * Signed tokens for every link and session: HS256 JWTs, each bound to
 * one purpose (the JWT audience), with an expiry and a unique id so a
 * single-use token can be marked used. Keys rotate: new tokens are signed
 * with `current`; tokens signed with `previous` still verify until they
 * expire (docs/operations.md, "Rotating the signing key").
 */
export const TOKEN_PURPOSES = ['login', 'session', 'edit', 'confirm', 'manage', 'unsubscribe', 'survey', 'rsvp', 'extend', 'presentation'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

const ISSUER = 'verkosto';

/**
 * Flat, so Secrets Manager can generate `current` itself
 * (generateStringKey) from a template holding `currentKid`.
 */
export const keySet = z.object({
  currentKid: z.string().check(z.minLength(1)),
  current: z.string().check(z.minLength(32, 'signing secret must be at least 32 characters')),
  previousKid: z.optional(z.string().check(z.minLength(1))),
  previous: z.optional(z.string().check(z.minLength(32))),
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
  return keySet.parse(JSON.parse(readFileSync(file, 'utf8')), ONE_SHOT);
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

/**
 * The next key set of the two-key procedure: a new key signs, the key that
 * signed until now still verifies, the one before it is dropped. Links
 * signed with a key stay valid until the rotation after next, so rotations
 * are at least the longest link lifetime apart (lib/constructs/token-keys.ts).
 */
export function rotateKeySet(set: KeySet, newKid: string, newSecret: string): KeySet {
  if (newKid === set.currentKid || newKid === set.previousKid) throw new Error(`key id ${newKid} is already in use`);
  return keySet.parse({ currentKid: newKid, current: newSecret, previousKid: set.currentKid, previous: set.current });
}

/** Where a long-running process gets its keys again: Secrets Manager in AWS. */
export interface KeySource {
  load(): Promise<KeySet>;
  /** Keys older than this are read again before the next sign or verify. */
  readonly maxAgeMs: number;
  /** A token with an unknown key id reads the keys again, at most this often (a rotation seen by another function first). */
  readonly minReloadMs: number;
}

/** One key, prepared once per key set: signing and verifying both take it. */
const prepare = (secret: string): KeyObject => createSecretKey(Buffer.from(secret, 'utf8'));
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

export class Tokens {
  private keys = new Map<string, KeyObject>();
  private signingKid = '';
  private loadedAt: number;
  private reloading: Promise<void> | undefined;

  /**
   * With a `source`, the keys are read again once they are older than its
   * `maxAgeMs`, so a rotation reaches every warm function within minutes
   * and needs no deploy; a failed read keeps the keys it has.
   */
  constructor(
    set: KeySet,
    private readonly source?: KeySource,
    private readonly now: () => number = Date.now,
  ) {
    this.use(set);
    this.loadedAt = now();
  }

  private use(set: KeySet) {
    const keys = new Map([[set.currentKid, prepare(set.current)]]);
    if (set.previous && set.previousKid) keys.set(set.previousKid, prepare(set.previous));
    this.keys = keys;
    this.signingKid = set.currentKid;
  }

  private reload(): Promise<void> {
    const source = this.source;
    if (!source) return Promise.resolve();
    this.reloading ??= source
      .load()
      .then((set) => this.use(set))
      .catch(() => undefined)
      .finally(() => {
        this.loadedAt = this.now();
        this.reloading = undefined;
      });
    return this.reloading;
  }

  private async fresh(): Promise<void> {
    if (this.source && this.now() - this.loadedAt >= this.source.maxAgeMs) await this.reload();
  }

  private async keyFor(kid: string): Promise<KeyObject | undefined> {
    if (!this.keys.has(kid) && this.source && this.now() - this.loadedAt >= this.source.minReloadMs) await this.reload();
    return this.keys.get(kid);
  }

  /**
   * An HS256 JWT (RFC 7519 compact form) signed with node:crypto's HMAC
   * rather than jose's WebCrypto path: 7–15 instead of ~110 µs of CPU a token,
   * and a digest sender signs two per mail. Any JWT library verifies them
   * with the key (test/unit/tokens.test.ts checks with jose).
   */
  async sign(purpose: TokenPurpose, claims: Record<string, unknown>, ttlSeconds: number, now = new Date()): Promise<string> {
    await this.fresh();
    const iat = Math.floor(now.getTime() / 1000);
    const header = base64url({ alg: 'HS256', kid: this.signingKid });
    const payload = base64url({ ...claims, iss: ISSUER, aud: purpose, iat, exp: iat + ttlSeconds, jti: randomBytes(16).toString('base64url') });
    const signature = createHmac('sha256', this.keys.get(this.signingKid)!).update(`${header}.${payload}`).digest('base64url');
    return `${header}.${payload}.${signature}`;
  }

  /**
   * Verifies signature, purpose and expiry, then parses the claims with
   * `schema`. These are tokens this code signed, so the verifier accepts
   * exactly that form: HS256 with a known key id and no `crit` header, then
   * the claims checked as jose's jwtVerify checks them with this issuer and
   * audience (test/unit/tokens.test.ts compares the two on a set of forged
   * and damaged tokens). node:crypto's HMAC, not jose's WebCrypto path:
   * loading WebCrypto and importing the keys was ~3 ms of every cold start
   * of a function that takes tokens (issue 16).
   */
  async verify<S extends z.core.$ZodType>(purpose: TokenPurpose, token: string, schema: S, now = new Date()): Promise<VerifiedToken<z.output<S>>> {
    if (typeof token !== 'string' || token.length > 4096) throw new TokenError('invalid');
    await this.fresh();
    const parts = token.split('.');
    if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part))) throw new TokenError('invalid');
    const [header, body, signature] = parts as [string, string, string];
    const protectedHeader = jsonObject(header);
    if (!protectedHeader || protectedHeader.alg !== 'HS256' || Object.hasOwn(protectedHeader, 'crit') || typeof protectedHeader.kid !== 'string') throw new TokenError('invalid');
    const key = await this.keyFor(protectedHeader.kid);
    if (!key) throw new TokenError('invalid');
    const expected = createHmac('sha256', key).update(`${header}.${body}`).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new TokenError('invalid');
    const payload = jsonObject(body);
    if (!payload) throw new TokenError('invalid');
    checkClaims(payload, purpose, Math.floor(now.getTime() / 1000));
    const claims = z.safeParse(schema, payload);
    if (!claims.success || typeof payload.jti !== 'string' || typeof payload.exp !== 'number') throw new TokenError('invalid');
    return { claims: claims.data, jti: payload.jti, exp: payload.exp };
  }
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** A base64url JSON part, when it is a JSON object. */
function jsonObject(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The registered claims in jose's order: issuer and audience present, their values, then the times (no clock tolerance). */
function checkClaims(payload: Record<string, unknown>, purpose: TokenPurpose, now: number): void {
  if (!Object.hasOwn(payload, 'iss')) throw new TokenError('invalid');
  if (!Object.hasOwn(payload, 'aud')) throw new TokenError('wrong_purpose');
  if (payload.iss !== ISSUER) throw new TokenError('invalid');
  const aud = payload.aud;
  if (!(aud === purpose || (Array.isArray(aud) && aud.includes(purpose)))) throw new TokenError('wrong_purpose');
  for (const claim of ['iat', 'nbf', 'exp']) if (payload[claim] !== undefined && typeof payload[claim] !== 'number') throw new TokenError('invalid');
  if (typeof payload.nbf === 'number' && payload.nbf > now) throw new TokenError('invalid');
  if (typeof payload.exp === 'number' && payload.exp <= now) throw new TokenError('expired');
}
