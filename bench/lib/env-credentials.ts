/**
 * For the bench's AWS SDK v3 build only (bench/scenarios/coldstart.ts): the
 * SDK's default credential chain replaced by environment credentials, as the
 * functions were built before they moved to functions/shared/aws/, so the
 * comparison is with the leanest SDK build, not the default one.
 */
import { fromEnv, type FromEnvInit } from '@aws-sdk/credential-provider-env';

/** Same name and call shape as the default chain's export, so the clients' runtime config takes it unchanged. */
export const defaultProvider = (init?: FromEnvInit): ReturnType<typeof fromEnv> => fromEnv(init);
