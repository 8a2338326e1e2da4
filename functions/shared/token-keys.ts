import * as z from './zod.js';
import { SecretsManager } from './aws/services.js';
import { ENV, ONE_SHOT, parseEnv } from './env.js';
import { keySet, keySetFromFile, Tokens } from './tokens.js';

/** How long a function trusts the keys it read before reading them again. */
export const DEFAULT_TOKEN_KEY_CACHE_SECONDS = 300;

/**
 * The signing keys: in AWS from the Secrets Manager secret named by
 * TOKEN_SECRET_ARN, read at cold start and again every few minutes (and at
 * once, at most every 30 s, when a token names a key this function has not
 * seen), so a rotation needs no deploy. Offline from the key file in
 * `.verkosto/` named by TOKEN_KEY_FILE.
 */
export async function loadTokens(): Promise<Tokens> {
  const env = parseEnv({
    [ENV.tokenSecretArn]: z.optional(z.string().check(z.minLength(1))),
    [ENV.tokenKeyFile]: z.optional(z.string().check(z.minLength(1))),
    [ENV.tokenKeyCacheSeconds]: z._default(z.coerce.number().check(z.int(), z.gte(0), z.lte(3600)), DEFAULT_TOKEN_KEY_CACHE_SECONDS),
  });
  const arn = env[ENV.tokenSecretArn];
  if (arn) {
    const client = new SecretsManager();
    const load = async () => {
      const out = await client.getSecretValue({ SecretId: arn });
      // Read once per cold start and every few minutes: jitless (ONE_SHOT), as compiling zod's fast path costs more than it saves.
      return keySet.parse(JSON.parse(out.SecretString ?? '{}'), ONE_SHOT);
    };
    return new Tokens(await load(), { load, maxAgeMs: env[ENV.tokenKeyCacheSeconds] * 1000, minReloadMs: 30_000 });
  }
  const file = env[ENV.tokenKeyFile];
  if (file) return new Tokens(keySetFromFile(file));
  throw new Error(`Invalid environment: set ${ENV.tokenSecretArn} (AWS) or ${ENV.tokenKeyFile} (offline)`);
}
