import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SENDS_IN_FLIGHT } from '../../functions/digests/digests.js';
import { digestReady } from '../support/digests.js';
import { sesBehindProxy } from '../support/ses-proxy.js';
import { startTestStack, type TestStack } from '../support/stack.js';
import { digestsPerAddress } from '../support/subscriptions.js';

describe('a digest sender whose mail service answers slowly', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ queueVisibilitySeconds: 30 });
  });
  afterAll(async () => stack?.close());

  it('keeps several mails of a batch on their way at once instead of waiting for each answer, and still sends everyone one', async () => {
    // Arrange: one batch (25 readers), so one sender; SES answers each mail after 150 ms.
    const { network, coordinator, people } = await digestReady(stack, { readers: 25, prefix: 'hidas-ses', title: 'SES vastaa hitaasti' });
    await stack.mailService.stop();
    const slow = await sesBehindProxy(stack.urls.mail, { holdMs: 150 });

    try {
      // Act
      await coordinator.api(`/api/coordinator/networks/${network}/digests`, { method: 'POST' });
      await stack.bus.idle();
      await stack.settle();

      // Assert: more than one SendEmail waited for its answer at a time, never more than the sender allows; everyone once.
      expect(slow.mostAtOnce()).toBeGreaterThan(1);
      expect(slow.mostAtOnce()).toBeLessThanOrEqual(SENDS_IN_FLIGHT);
      const perPerson = await digestsPerAddress(stack);
      expect([...perPerson.entries()].filter(([, n]) => n > 1)).toEqual([]);
      expect(people.filter((p) => !perPerson.has(p))).toEqual([]);
    } finally {
      await slow.close();
    }
  });
});
