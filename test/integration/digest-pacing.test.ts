import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestReady } from '../support/digests.js';
import { startTestStack, type TestStack } from '../support/stack.js';
import { digestsPerAddress } from '../support/subscriptions.js';
import { sesBehindProxy } from '../support/ses-proxy.js';

describe("a digest sender's pace", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ queueVisibilitySeconds: 3 });
  });
  afterAll(async () => stack?.close());

  it('passes every request to SES through the pacer, the retry of a throttled mail included', async () => {
    // Arrange: 20 subscribers (one batch), one new listing; SES behind a proxy that throttles the 3rd and 11th SendEmail.
    const { network, coordinator, people } = await digestReady(stack, { readers: 20, prefix: 'tahti', title: 'Tahdissa' });
    const queue = stack.queues.get('DigestBatches')!;
    queue.pause();
    await coordinator.api(`/api/coordinator/networks/${network}/digests`, { method: 'POST' });
    await stack.bus.idle();
    const { digestId } = ((await (await coordinator.api(`/api/coordinator/networks/${network}/digests`)).json()) as { digests: Array<{ digestId: string }> }).digests[0]!;
    await stack.mailService.stop();
    const throttling = await sesBehindProxy(stack.urls.mail, { throttle: (n) => n === 2 || n === 10 });
    // The sender's own parts, as its handler wires them, with a pacer that counts what it lets through.
    const { sendBatch } = await import('../../functions/digests/digests.js');
    const { digestQueue, digestStore } = await import('../../functions/digests/runtime.js');
    const { clock, mailer, publisher, siteUrl } = await import('../../functions/listings/runtime.js');
    const { networks } = await import('../../functions/subscriptions/runtime.js');
    const { loadTokens } = await import('../../functions/shared/token-keys.js');
    let paced = 0;
    const deps = { digests: digestStore(), queue: digestQueue(), mailer: mailer(), tokens: await loadTokens(), networks: networks(), publisher: publisher(), siteUrl: siteUrl(), clock, pace: async () => void paced++ };

    try {
      // Act
      await sendBatch({ network, digestId, batch: 0 }, 'paced-batch', deps);

      // Assert: 22 requests reached SES's door (two throttled, then retried), and the pacer let each of them go.
      const perPerson = await digestsPerAddress(stack);
      expect(throttling.sends()).toBe(22);
      expect(paced).toBe(throttling.sends());
      expect(people.filter((p) => perPerson.get(p) !== 1)).toEqual([]);
    } finally {
      await throttling.close();
    }
  });
});
