import { readFileSync } from 'node:fs';
import * as z from './zod.js';
import { networkConfig, type NetworkConfig } from './network-config.js';
import { ENV, ONE_SHOT, parseEnv } from './env.js';

export type { NetworkConfig };

/**
 * Where the networks file lies in a Lambda: the stack ships it as a layer,
 * and layers are unpacked under /opt.
 */
export const NETWORKS_LAYER_PATH = 'verkosto/networks.json';

/** The operator's networks, validated once. */
export class Networks {
  private readonly byId: Map<string, NetworkConfig>;
  constructor(readonly all: readonly NetworkConfig[]) {
    this.byId = new Map(all.map((n) => [n.id, n]));
  }
  static fromJson(json: string): Networks {
    // Parsed once per cold start: jitless, as compiling zod's fast path for a single parse costs more than it saves.
    return new Networks(z.array(networkConfig).parse(JSON.parse(json), ONE_SHOT));
  }
  get(id: string): NetworkConfig | undefined {
    return this.byId.get(id);
  }
  has(id: string): boolean {
    return this.byId.has(id);
  }
}

let loaded: { file: string; networks: Networks } | undefined;

/**
 * The networks from the file NETWORKS_FILE names: a JSON file shipped with
 * the functions (not the environment, which holds 4 KB and so about seven
 * networks). Read and validated once per cold start, however many modules
 * of the function ask (a 200-network file is about 80 KB).
 */
export function loadNetworks(env: NodeJS.ProcessEnv = process.env): Networks {
  const file = parseEnv({ [ENV.networksFile]: z.string().check(z.minLength(1)) }, env)[ENV.networksFile];
  if (loaded?.file !== file) loaded = { file, networks: Networks.fromJson(readFileSync(file, 'utf8')) };
  return loaded.networks;
}
