import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestReady } from '../support/digests.js';
import { startTestStack, type TestStack } from '../support/stack.js';
import { digestsPerAddress, header } from '../support/subscriptions.js';
import { sesBehindProxy } from '../support/ses-proxy.js';

describe('a digest sender whose mail service takes mails but loses some answers', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ queueVisibilitySeconds: 3 });
  });
  afterAll(async () => stack?.close());

  it('does not send a digest twice when SES took the mail but its answer was lost', async () => {
    // Arrange: 60 subscribers, one new listing; SES behind a proxy that
    // passes the 4th, 31st and 48th mail on and then drops the connection instead of giving SES's answer.
    const { network, coordinator, people } = await digestReady(stack, { readers: 60, prefix: 'vastaus-hukassa', title: 'Vastaus katosi matkalla' });
    await stack.mailService.stop();
    const lossy = await sesBehindProxy(stack.urls.mail, { drop: (n) => [3, 30, 47].includes(n) });
    const queue = stack.queues.get('DigestBatches')!;

    try {
      // Act
      await coordinator.api(`/api/coordinator/networks/${network}/digests`, { method: 'POST' });
      await stack.bus.idle();
      await stack.settle();

      // Assert: everyone once (the lost answers' mails did go), none twice; those are counted as not known to be sent.
      const perPerson = await digestsPerAddress(stack);
      const history = (await (await coordinator.api(`/api/coordinator/networks/${network}/digests`)).json()) as { digests: Array<{ status: string; sent: number; failed: number }> };
      expect(lossy.dropped()).toBeGreaterThan(0);
      expect([...perPerson.entries()].filter(([, n]) => n > 1)).toEqual([]);
      expect(people.filter((p) => !perPerson.has(p))).toEqual([]);
      expect(history.digests[0]).toMatchObject({ status: 'sent', sent: 60 - lossy.dropped(), failed: lossy.dropped() });
      expect(queue.stats().deadLetters).toBe(0);
    } finally {
      await lossy.close();
    }
  });
});
