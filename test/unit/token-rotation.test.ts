import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { rotate, type SecretVersions } from '../../functions/keys/rotation.js';
import { keySet, newKeySet, rotateKeySet, TokenError, Tokens, type KeySet } from '../../functions/shared/tokens.js';

const claims = z.object({ listingId: z.string() });

/** A secret's versions and labels, kept as Secrets Manager keeps them. */
class VersionsInMemory implements SecretVersions {
  values = new Map<string, string>();
  stages: Record<string, string[]> = {};
  constructor(initial: KeySet, readonly rotationEnabled = true) {
    this.values.set('v1', JSON.stringify(initial));
    this.stages.v1 = ['AWSCURRENT'];
  }
  async describe() {
    return { rotationEnabled: this.rotationEnabled, stages: structuredClone(this.stages) };
  }
  async get(stage: 'AWSCURRENT' | 'AWSPENDING', versionId?: string) {
    const id = Object.entries(this.stages).find(([v, l]) => l.includes(stage) && (!versionId || v === versionId))?.[0];
    return id ? this.values.get(id) : undefined;
  }
  async putPending(versionId: string, value: string) {
    this.values.set(versionId, value);
    this.stages[versionId] = ['AWSPENDING'];
  }
  async promote(versionId: string, fromVersionId: string) {
    this.stages[fromVersionId] = ['AWSPREVIOUS'];
    this.stages[versionId] = ['AWSCURRENT'];
  }
  current(): KeySet {
    const id = Object.entries(this.stages).find(([, l]) => l.includes('AWSCURRENT'))![0];
    return keySet.parse(JSON.parse(this.values.get(id)!));
  }
}

const ALL_STEPS = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const;

async function rotateFully(versions: VersionsInMemory, versionId: string, kid: string) {
  versions.stages[versionId] = ['AWSPENDING'];
  for (const step of ALL_STEPS) await rotate(step, versionId, { versions, newKid: () => kid, newSecret: () => `${kid}-secret-`.padEnd(40, 'x') });
}

describe('token key rotation (the two-key procedure)', () => {
  it('signs with the new key and still verifies links of the key before it; the one before that is dropped', async () => {
    const first = newKeySet();
    const second = rotateKeySet(first, 'k2', 'b'.repeat(40));
    const third = rotateKeySet(second, 'k3', 'c'.repeat(40));
    const signedFirst = await new Tokens(first).sign('edit', { listingId: 'L1' }, 3600);
    const signedSecond = await new Tokens(second).sign('edit', { listingId: 'L2' }, 3600);

    await expect(new Tokens(second).verify('edit', signedFirst, claims)).resolves.toMatchObject({ claims: { listingId: 'L1' } });
    await expect(new Tokens(third).verify('edit', signedSecond, claims)).resolves.toMatchObject({ claims: { listingId: 'L2' } });
    await expect(new Tokens(third).verify('edit', signedFirst, claims)).rejects.toEqual(new TokenError('invalid'));
  });

  it('refuses a new key id that is already in the set', () => {
    const set = rotateKeySet(newKeySet(), 'k2', 'b'.repeat(40));
    expect(() => rotateKeySet(set, 'k2', 'c'.repeat(40))).toThrow(/already in use/);
  });

  it('runs Secrets Manager’s four steps: the pending set keeps the current key as previous and becomes current', async () => {
    const initial = newKeySet();
    const versions = new VersionsInMemory(initial);
    await rotateFully(versions, 'v2', 'k2');
    expect(versions.current()).toMatchObject({ currentKid: 'k2', previousKid: initial.currentKid, previous: initial.current });
    expect(versions.stages).toEqual({ v1: ['AWSPREVIOUS'], v2: ['AWSCURRENT'] });
  });

  it('does nothing twice when a step runs again after a failure', async () => {
    const versions = new VersionsInMemory(newKeySet());
    versions.stages.v2 = ['AWSPENDING'];
    await rotate('createSecret', 'v2', { versions, newKid: () => 'k2' });
    const pending = versions.values.get('v2');
    await rotate('createSecret', 'v2', { versions, newKid: () => 'k3' });
    expect(versions.values.get('v2')).toBe(pending);
    for (const step of ['testSecret', 'finishSecret', 'finishSecret'] as const) await rotate(step, 'v2', { versions });
    expect(versions.current().currentKid).toBe('k2');
  });

  it('refuses to finish a pending set that dropped the current key (links signed with it would break)', async () => {
    const versions = new VersionsInMemory(newKeySet());
    await versions.putPending('v2', JSON.stringify(newKeySet()));
    await expect(rotate('testSecret', 'v2', { versions })).rejects.toThrow(/does not keep the current key/);
  });

  it('refuses to rotate a secret whose rotation is off, or a version that is not pending', async () => {
    await expect(rotate('createSecret', 'v2', { versions: new VersionsInMemory(newKeySet(), false) })).rejects.toThrow(/not enabled/);
    const versions = new VersionsInMemory(newKeySet());
    versions.stages.v2 = ['AWSPREVIOUS'];
    await expect(rotate('createSecret', 'v2', { versions })).rejects.toThrow(/not pending/);
  });
});

describe('functions pick up rotated keys without a deploy', () => {
  const source = (initial: KeySet) => {
    let current = initial;
    let loads = 0;
    return {
      rotateTo(next: KeySet) {
        current = next;
      },
      get loads() {
        return loads;
      },
      load: async () => {
        loads += 1;
        return current;
      },
    };
  };

  it('reads the keys again once they are older than the cache time, and signs with the new key', async () => {
    let now = 0;
    const first = newKeySet();
    const keys = source(first);
    const tokens = new Tokens(first, { load: keys.load, maxAgeMs: 300_000, minReloadMs: 30_000 }, () => now);
    const second = rotateKeySet(first, 'k2', 'b'.repeat(40));
    keys.rotateTo(second);

    now = 299_000;
    const before = await tokens.sign('edit', { listingId: 'L1' }, 60);
    expect(keys.loads).toBe(0);
    now = 300_000;
    const after = await tokens.sign('edit', { listingId: 'L1' }, 60);
    expect(keys.loads).toBe(1);
    const kid = (t: string) => (JSON.parse(Buffer.from(t.split('.')[0]!, 'base64url').toString()) as { kid: string }).kid;
    expect([kid(before), kid(after)]).toEqual([first.currentKid, 'k2']);
    await expect(tokens.verify('edit', before, claims)).resolves.toBeDefined();
  });

  it('reads the keys at once when a token names a key it has not seen (another function saw the rotation first), at most every 30 s', async () => {
    let now = 0;
    const first = newKeySet();
    const keys = source(first);
    const tokens = new Tokens(first, { load: keys.load, maxAgeMs: 300_000, minReloadMs: 30_000 }, () => now);
    const second = rotateKeySet(first, 'k2', 'b'.repeat(40));
    const fromElsewhere = await new Tokens(second).sign('edit', { listingId: 'L9' }, 60);

    now = 10_000;
    await expect(tokens.verify('edit', fromElsewhere, claims)).rejects.toEqual(new TokenError('invalid'));
    expect(keys.loads).toBe(0);
    keys.rotateTo(second);
    now = 30_000;
    await expect(tokens.verify('edit', fromElsewhere, claims)).resolves.toMatchObject({ claims: { listingId: 'L9' } });
    expect(keys.loads).toBe(1);
  });

  it('keeps the keys it has when reading them again fails', async () => {
    let now = 0;
    const first = newKeySet();
    const tokens = new Tokens(first, { load: () => Promise.reject(new Error('throttled')), maxAgeMs: 1000, minReloadMs: 1000 }, () => now);
    const t = await tokens.sign('edit', { listingId: 'L1' }, 60);
    now = 5000;
    await expect(tokens.verify('edit', t, claims)).resolves.toMatchObject({ claims: { listingId: 'L1' } });
  });
});
