import { readFileSync } from 'node:fs';
import * as z from './zod.js';
import type { NetworkConfig } from './network-config.js';
import { ENV, parseEnv } from './env.js';

export type { NetworkConfig };

/**
 * Where the networks file lies in a Lambda: the stack ships it as a layer,
 * and layers are unpacked under /opt.
 */
export const NETWORKS_LAYER_PATH = 'verkosto/networks.json';

/** The operator's networks. */
export class Networks {
  private readonly byId: Map<string, NetworkConfig>;
  constructor(readonly all: readonly NetworkConfig[]) {
    this.byId = new Map(all.map((n) => [n.id, n]));
  }
  /**
   * The networks file as its writer wrote it: the operator config's
   * `networks` after validation (lib/config.ts at synth, which fails the
   * synth with the field's name; local/stack.ts from the same loaded config),
   * defaults filled in. It is part of the deployment, not input, so a cold
   * start does not validate it again: that was zod's network schema built and
   * run at every cold start, 2–4 ms of import CPU with one network and ~9 ms
   * with 200 (bench --region), for a file no one but the synth writes.
   */
  static fromJson(json: string): Networks {
    return new Networks(JSON.parse(json) as NetworkConfig[]);
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
 * networks). Read once per cold start, however many modules of the function
 * ask (a 200-network file is about 80 KB).
 */
export function loadNetworks(env: NodeJS.ProcessEnv = process.env): Networks {
  const file = parseEnv({ [ENV.networksFile]: z.string().check(z.minLength(1)) }, env)[ENV.networksFile];
  if (loaded?.file !== file) loaded = { file, networks: Networks.fromJson(readFileSync(file, 'utf8')) };
  return loaded.networks;
}
