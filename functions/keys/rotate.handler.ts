import middy from '@middy/core';
import * as z from '../shared/zod.js';
import { SecretsManager } from '../shared/aws/services.js';
import { logger, powertools } from '../shared/powertools.js';
import { rotate, type SecretVersions } from './rotation.js';

const client = new SecretsManager();

const rotationEvent = z.object({
  SecretId: z.string().check(z.minLength(1)),
  ClientRequestToken: z.string().check(z.minLength(1)),
  Step: z.enum(['createSecret', 'setSecret', 'testSecret', 'finishSecret']),
});

/** The secret's versions through the Secrets Manager API. */
function secretVersions(secretId: string): SecretVersions {
  return {
    async describe() {
      const d = await client.describeSecret({ SecretId: secretId });
      return { rotationEnabled: d.RotationEnabled === true, stages: d.VersionIdsToStages ?? {} };
    },
    async get(stage, versionId) {
      try {
        const out = await client.getSecretValue({ SecretId: secretId, VersionStage: stage, ...(versionId ? { VersionId: versionId } : {}) });
        return out.SecretString;
      } catch (err) {
        if (err instanceof Error && err.name === 'ResourceNotFoundException') return undefined;
        throw err;
      }
    },
    async putPending(versionId, value) {
      await client.putSecretValue({ SecretId: secretId, ClientRequestToken: versionId, SecretString: value, VersionStages: ['AWSPENDING'] });
    },
    async promote(versionId, fromVersionId) {
      await client.updateSecretVersionStage({ SecretId: secretId, VersionStage: 'AWSCURRENT', MoveToVersionId: versionId, RemoveFromVersionId: fromVersionId });
    },
  };
}

/** Secrets Manager rotation of the token signing keys (functions/keys/rotation.ts); logs the step, never a key. */
export const handler = middy()
  .use(powertools())
  .handler(async (event: unknown) => {
    const e = rotationEvent.parse(event);
    logger.info('Rotating token keys', { step: e.Step, version: e.ClientRequestToken });
    await rotate(e.Step, e.ClientRequestToken, { versions: secretVersions(e.SecretId) });
  });
