import middy from '@middy/core';
import { loadNetworks } from '../shared/networks.js';
import { logger, powertools } from '../shared/powertools.js';
import { listingStore, refreshSnapshot, snapshotStore, type SnapshotOutcome } from './runtime.js';

const networks = loadNetworks();
const store = listingStore();
const snapshots = snapshotStore();
if (!snapshots) throw new Error('DIRECTORY_SNAPSHOT_BUCKET is not set: this function writes the directory snapshots');

/**
 * Every few minutes (topology schedule): writes the directory snapshot of
 * each network whose directory moved since its last one, so a cold
 * directory function loads the index instead of building it. One
 * network's failure does not stop the others; the run then fails, so the
 * function's dead-letter queue and alarm see it.
 */
export const handler = middy()
  .use(powertools())
  .handler(async () => {
    const outcomes: Partial<Record<SnapshotOutcome | 'failed', number>> = {};
    for (const network of networks.all) {
      let outcome: SnapshotOutcome | 'failed';
      try {
        outcome = await refreshSnapshot(store, snapshots, network.id);
      } catch (err) {
        outcome = 'failed';
        logger.error('Directory snapshot failed', { network: network.id, error: (err as Error).name, message: (err as Error).message });
      }
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    }
    logger.info('Directory snapshots', outcomes);
    if (outcomes.failed) throw new Error(`Directory snapshots failed for ${outcomes.failed} of ${networks.all.length} networks`);
    return outcomes;
  });
