import { randomBytes } from 'node:crypto';
import { keySet, rotateKeySet, type KeySet } from '../shared/tokens.js';

/** The four steps Secrets Manager calls a rotation function with, in order. */
export type RotationStep = 'createSecret' | 'setSecret' | 'testSecret' | 'finishSecret';

/** The secret's versions and their staging labels: Secrets Manager in AWS (rotate.handler.ts), a map in tests. */
export interface SecretVersions {
  /** Version ids by staging label, and whether rotation is on. */
  describe(): Promise<{ rotationEnabled: boolean; stages: Record<string, string[]> }>;
  /** The value of the version with this label (and id, when given); undefined when there is none. */
  get(stage: 'AWSCURRENT' | 'AWSPENDING', versionId?: string): Promise<string | undefined>;
  /** Stores a new version under AWSPENDING; the token makes a retry the same version. */
  putPending(versionId: string, value: string): Promise<void>;
  /** Moves AWSCURRENT to `versionId` (the old current becomes AWSPREVIOUS). */
  promote(versionId: string, fromVersionId: string): Promise<void>;
}

export interface RotationDeps {
  readonly versions: SecretVersions;
  readonly newKid?: () => string;
  readonly newSecret?: () => string;
}

/**
 * Secrets Manager's rotation protocol for the token signing keys. There is
 * no database to set a password on, so the work is the key set itself:
 * createSecret stores the next set of the two-key procedure (a new key signs,
 * the old one still verifies), testSecret checks that it parses and keeps the
 * old key, finishSecret makes it current. Every step may run again after a
 * failure and does nothing twice.
 */
export async function rotate(step: RotationStep, versionId: string, deps: RotationDeps): Promise<void> {
  const { versions } = deps;
  const { rotationEnabled, stages } = await versions.describe();
  if (!rotationEnabled) throw new Error('Rotation is not enabled on the secret');
  const labels = stages[versionId];
  if (!labels) throw new Error(`Secret version ${versionId} has no stage for rotation`);
  if (labels.includes('AWSCURRENT')) return; // already finished
  if (!labels.includes('AWSPENDING')) throw new Error(`Secret version ${versionId} is not pending rotation`);

  const current = keySet.parse(JSON.parse((await versions.get('AWSCURRENT')) ?? '{}'));
  switch (step) {
    case 'createSecret': {
      if ((await versions.get('AWSPENDING', versionId)) !== undefined) return;
      const next = rotateKeySet(current, deps.newKid?.() ?? `k${Date.now().toString(36)}`, deps.newSecret?.() ?? randomBytes(48).toString('base64url'));
      await versions.putPending(versionId, JSON.stringify(next));
      return;
    }
    case 'setSecret':
      // The keys live only in this secret: nothing else to update.
      return;
    case 'testSecret': {
      const pending: KeySet = keySet.parse(JSON.parse((await versions.get('AWSPENDING', versionId)) ?? '{}'));
      if (pending.previousKid !== current.currentKid || pending.previous !== current.current) {
        throw new Error('The pending key set does not keep the current key for verifying: links signed with it would break');
      }
      return;
    }
    case 'finishSecret': {
      const currentVersion = Object.entries(stages).find(([, l]) => l.includes('AWSCURRENT'))?.[0];
      if (!currentVersion) throw new Error('The secret has no AWSCURRENT version');
      await versions.promote(versionId, currentVersion);
      return;
    }
  }
}
