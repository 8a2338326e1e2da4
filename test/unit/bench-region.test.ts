import { describe, expect, it } from 'vitest';
import { regionBreaches } from '../../bench/region.js';
import type { RegionDirectory, RegionStorm, RegionSynth } from '../../bench/scenarios/region.js';

const synth: RegionSynth = { networks: 200, resources: 398, resourcesOneNetwork: 398, seconds: 30, largestEnvBytes: 600, networksFileBytes: 87_000, loadNetworksMs: 9 };
const storm: RegionStorm = {
  networks: 200, subscribersPerNetwork: 500, rate: 100, totalSeconds: 1040, sendSeconds: 1010, idealSeconds: 1000, peakPerSecond: 100, arrivalPeakPerSecond: 100,
  sent: 100_000, duplicates: 0, lost: 0, latestStartSeconds: 60, finishSpreadSeconds: 50, firstFinishSeconds: 980, eventLoopDelayMs: { p99: 10, max: 50 }, buildSeconds: 30,
  cpu: { functionsSeconds: 300, servicesSeconds: 400, processSeconds: 700, wallSeconds: 1040, functionsBusy: 0.4, servicesBusy: 0.5 }, loadAverage: { start: 1, max: 2, end: 1 }, maxRssMb: 900,
};
const directory: RegionDirectory = { networks: 200, cardsPerNetwork: 250, requests: 2000, p50: 20, p99: 200, cacheMaxBytes: 32 << 20, cacheHeldBytes: 30 << 20, cacheHeldNetworks: 120, heapGrowthMb: 80, heapPerNetworkMb: 0.7, heapPerJsonByte: 2.8, rssMb: 900 };

describe("the region bench's checks", () => {
  it('pass a storm at the rate, on time, with nobody doubled or lost and the digests interleaved', () => {
    expect(regionBreaches({ synth, storm, directory })).toEqual([]);
  });

  it('name a stack that grows with the networks, a second over the rate, doubles, losses, a late storm and digests sent one after another', () => {
    const found = regionBreaches({
      synth: { ...synth, resources: 598 },
      storm: { ...storm, peakPerSecond: 101, duplicates: 1, lost: 2, sendSeconds: 1200, latestStartSeconds: 990 },
      directory: { ...directory, cacheHeldBytes: directory.cacheMaxBytes + 1 },
    });

    expect(found).toHaveLength(8);
    expect(found.join('\n')).toMatch(/598 resources.*500/);
    expect(found.join('\n')).toMatch(/not interleaved/);
  });

  it('name a storm whose sends were never timed as they left the senders', () => {
    expect(regionBreaches({ synth, storm: { ...storm, peakPerSecond: 0 }, directory })).toEqual([expect.stringMatching(/none of the 100000 sends was timed/)]);
  });

  it('let one network alone pass the cache bound (the cache keeps it rather than load it at every read), but not two', () => {
    const alone = { ...directory, cacheHeldNetworks: 1, cacheHeldBytes: directory.cacheMaxBytes * 2 };

    expect(regionBreaches({ synth, storm, directory: alone })).toEqual([]);
    expect(regionBreaches({ synth, storm, directory: { ...alone, cacheHeldNetworks: 2 } })).toEqual([expect.stringMatching(/over its bound/)]);
  });

  it('do not ask digests of a single batch to interleave', () => {
    expect(regionBreaches({ synth, storm: { ...storm, subscribersPerNetwork: 25, latestStartSeconds: 990 }, directory })).toEqual([]);
  });
});
