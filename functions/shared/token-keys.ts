import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import * as z from 'zod';
import { ENV, parseEnv } from './env.js';
import { keySet, keySetFromFile, Tokens } from './tokens.js';

/**
 * The signing keys, read once at cold start: in AWS from the generated
 * Secrets Manager secret named by TOKEN_SECRET_ARN, offline from the key
 * file in `.verkosto/` named by TOKEN_KEY_FILE.
 */
export async function loadTokens(): Promise<Tokens> {
  const env = parseEnv({ [ENV.tokenSecretArn]: z.string().min(1).optional(), [ENV.tokenKeyFile]: z.string().min(1).optional() });
  const arn = env[ENV.tokenSecretArn];
  if (arn) {
    const out = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: arn }));
    return new Tokens(keySet.parse(JSON.parse(out.SecretString ?? '{}')));
  }
  const file = env[ENV.tokenKeyFile];
  if (file) return new Tokens(keySetFromFile(file));
  throw new Error(`Invalid environment: set ${ENV.tokenSecretArn} (AWS) or ${ENV.tokenKeyFile} (offline)`);
}
