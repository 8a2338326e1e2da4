import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RECIPIENTS_PER_MESSAGE } from '../../functions/digests/digests.js';
import { loadConfig } from '../../lib/config.js';
import { functions, queues } from '../../lib/topology.js';
import { ROOT } from '../../local/stack.js';

const timeoutOf = (id: string) => functions.find((f) => f.id === id)!.timeoutSeconds ?? 10;

describe('the digest batch queue', () => {
  it('hides a received batch for at least as long as its sender may run, so no second sender takes a batch still being sent', () => {
    for (const q of queues) expect(q.visibilityTimeoutSeconds ?? 120, q.id).toBeGreaterThanOrEqual(timeoutOf(q.consumer));
  });

  it('lets a sender finish a whole receive of batches at its share of the configured rate within its timeout', () => {
    const config = loadConfig(join(ROOT, 'config/verkosto.config.json'));
    const q = queues.find((x) => x.id === 'DigestBatches')!;
    const share = config.mail.sendRatePerSecond / (q.maxConcurrency ?? 2);

    const seconds = ((q.batchSize ?? 5) * RECIPIENTS_PER_MESSAGE) / share;

    expect(seconds).toBeLessThan(timeoutOf(q.consumer));
  });
});
