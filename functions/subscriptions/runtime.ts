import * as z from '../shared/zod.js';
import { documentClient } from '../shared/dynamo.js';
import { ENV, parseEnv } from '../shared/env.js';
import { loadNetworks } from '../shared/networks.js';
import { DynamoSubscriptionStore } from './store.js';

export const subscriptionStore = () => new DynamoSubscriptionStore(documentClient(), parseEnv({ [ENV.tableName]: z.string().check(z.minLength(1)) })[ENV.tableName]);
export const networks = () => loadNetworks();
