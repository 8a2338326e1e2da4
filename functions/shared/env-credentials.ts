/**
 * The credentials of every AWS client in a Lambda bundle: lib/bundling.ts
 * puts this module in place of @aws-sdk/credential-provider-node, the
 * default chain each client's runtime config imports. Lambda hands a
 * function its role's credentials in the environment, so the chain's other
 * sources (SSO, STS web identity, ini files, process, IMDS/ECS, with their
 * nested STS/SSO clients: ~60 KB per bundle) are never used there, yet
 * every cold start loaded them. Offline, handlers run unbundled with the
 * full chain, which reads the same environment first.
 */
import { fromEnv, type FromEnvInit } from '@aws-sdk/credential-provider-env';

/** Same name and call shape as the default chain's export, so the clients' runtime config takes it unchanged. */
export const defaultProvider = (init?: FromEnvInit): ReturnType<typeof fromEnv> => fromEnv(init);
