import * as z from '../shared/zod.js';
import { documentClient } from '../shared/dynamo.js';
import { ENV, parseEnv } from '../shared/env.js';
import type { HttpRequest } from '../shared/http.js';
import { loadNetworks, type Networks } from '../shared/networks.js';
import { DynamoOnceStore } from '../shared/once.js';
import { loadTokens } from '../shared/token-keys.js';
import { authenticate, requireNetwork, type AuthDeps, type Session } from './auth.js';
import { DynamoCoordinatorDirectory } from './coordinators.js';

export interface CoordinatorAuth {
  deps: AuthDeps;
  siteUrl: string;
  networks: Networks;
  /**
   * The `authorize` step of every coordinator route: resolves the network
   * the request touches (from the path, or from the item it names), then
   * checks the session, CSRF and membership. Used by every route under
   * /api/coordinator/.
   */
  require(network: (req: HttpRequest<unknown>) => string | undefined | Promise<string | undefined>): (req: HttpRequest<unknown>) => Promise<Session>;
}

/** Built once at cold start by every handler that needs a coordinator. */
export async function coordinatorAuth(): Promise<CoordinatorAuth> {
  const env = parseEnv({ [ENV.tableName]: z.string().check(z.minLength(1)), [ENV.siteUrl]: z.url() });
  const db = documentClient();
  const networks = loadNetworks();
  const siteUrl = env[ENV.siteUrl].replace(/\/$/, '');
  const deps: AuthDeps = {
    tokens: await loadTokens(),
    directory: new DynamoCoordinatorDirectory(db, env[ENV.tableName], networks),
    onceStore: new DynamoOnceStore(db, env[ENV.tableName]),
    clock: { now: () => new Date() },
  };
  const siteOrigin = new URL(siteUrl).origin;
  return {
    deps,
    siteUrl,
    networks,
    require: (network) => async (req) => {
      // Session first: without one, nothing about the item (even whether it exists) is revealed.
      const input = { method: req.event.requestContext.http.method, cookies: req.cookies, headers: req.headers, siteOrigin };
      const session = await authenticate(input, deps);
      await requireNetwork(session, await network(req), deps);
      return session;
    },
  };
}
