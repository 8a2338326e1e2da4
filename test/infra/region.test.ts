/**
 * A region in one stack: a generated config of 200 networks synthesises
 * into exactly as many resources as a single network does, far under
 * CloudFormation's 500, and no function's environment carries the networks
 * (they travel in one layer). Unbundled: the resource list does not depend
 * on the bundles, and stack.test.ts proves those build.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { NETWORKS_LAYER_PATH } from '../../functions/shared/networks.js';
import { loadConfig } from '../../lib/config.js';
import { functions as topology } from '../../lib/topology.js';
import { regionConfig } from '../../local/region-config.js';
import { resourcesOf, synthesise, type Resource, type Synthesised } from './synth.js';

const REGION = regionConfig(loadConfig(), 200);
let region: Synthesised;
let single: Synthesised;
let resources: Record<string, Resource>;

beforeAll(() => {
  region = synthesise({ config: REGION, bundle: false });
  single = synthesise({ config: { ...REGION, networks: REGION.networks.slice(0, 1) }, bundle: false });
  resources = resourcesOf(region.template);
});

const functionsOf = (r: Record<string, Resource>) => Object.entries(r).filter(([, v]) => v.Type === 'AWS::Lambda::Function');

describe('a stack of 200 networks', () => {
  it('synthesises, cdk-nag clean', () => {
    expect(region.error).toBeUndefined();
    for (const r of region.report.pluginReports) expect(r.conclusion, r.pluginName).toBe('success');
  });

  it('has as many resources as a stack of one network, well under 500', () => {
    const count = Object.keys(resources).length;
    expect(count).toBe(Object.keys(resourcesOf(single.template)).length);
    expect(count).toBeLessThan(450);
  });

  it('has no resource of its own per network: no schedule, rule or parameter names one', () => {
    const perNetwork = Object.entries(resources).filter(([id, r]) => REGION.networks.some((n) => id.toLowerCase().includes(n.id.replaceAll('-', '')) || JSON.stringify(r.Properties).includes(`"${n.id}"`)));
    expect(perNetwork.map(([id]) => id)).toEqual([]);
  });

  it("carries no network in any function's environment, which stays far below Lambda's 4 KB", () => {
    const fns = functionsOf(resources);
    expect(fns.length).toBeGreaterThanOrEqual(topology.length);
    for (const [id, fn] of fns) {
      const env = JSON.stringify((fn.Properties.Environment as { Variables?: unknown } | undefined)?.Variables ?? {});
      for (const n of REGION.networks) {
        expect(env, id).not.toContain(n.id);
        for (const c of n.coordinators) expect(env, id).not.toContain(c);
      }
      expect(Buffer.byteLength(env), id).toBeLessThan(2048);
    }
  });

  it('ships the 200 validated networks in one layer that every function reading them has', () => {
    const layers = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::Lambda::LayerVersion' && String(r.Properties.Description).startsWith('Verkosto networks'));
    expect(layers).toHaveLength(1);
    const [layerId, layer] = layers[0]!;
    const shipped = JSON.parse(readFileSync(join(region.outdir, String(layer.Metadata!['aws:asset:path']), NETWORKS_LAYER_PATH), 'utf8')) as unknown;
    expect(shipped).toEqual(REGION.networks);
    const readers = functionsOf(resources).filter(([, fn]) => JSON.stringify(fn.Properties.Layers ?? []).includes(layerId));
    expect(readers).toHaveLength(topology.filter((f) => f.access.networks).length);
  });
});
