import * as z from 'zod';
import { ENV, parseEnv } from '../shared/env.js';
import { httpHandler } from '../shared/http.js';
import { Networks } from '../shared/networks.js';

const env = parseEnv({ [ENV.networks]: z.string().min(2) });
// Public view: never the coordinators' addresses.
const publicNetworks = Networks.fromJson(env[ENV.networks]).all.map((n) => ({
  id: n.id,
  name: n.name,
  languages: n.languages,
  municipalities: n.municipalities,
}));

export const handler = httpHandler({}, async () => ({
  status: 200,
  body: { networks: publicNetworks },
  headers: { 'cache-control': 'public, max-age=300' },
}));
