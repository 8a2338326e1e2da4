import * as z from 'zod';
import { networkConfig, type NetworkConfig } from '../../lib/config.js';

export type { NetworkConfig };

/** The operator's networks, passed to functions as JSON in one env var. */
export class Networks {
  private readonly byId: Map<string, NetworkConfig>;
  constructor(readonly all: readonly NetworkConfig[]) {
    this.byId = new Map(all.map((n) => [n.id, n]));
  }
  static fromJson(json: string): Networks {
    return new Networks(z.array(networkConfig).parse(JSON.parse(json)));
  }
  get(id: string): NetworkConfig | undefined {
    return this.byId.get(id);
  }
  has(id: string): boolean {
    return this.byId.has(id);
  }
}
