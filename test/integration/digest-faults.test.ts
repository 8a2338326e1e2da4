import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestReady } from '../support/digests.js';
import { startTestStack, type TestStack } from '../support/stack.js';
import { header } from '../support/subscriptions.js';

describe('a digest sender that fails halfway', () => {
  let stack: TestStack;
  beforeAll(async () => {
    // As in AWS (six times the sender's timeout), a batch stays invisible longer than it takes to
    // process; shorter, a second sender would take the same batch while the first still works on it.
    stack = await startTestStack({ queueVisibilitySeconds: 3 });
  });
  afterAll(async () => stack?.close());

  it('delivers each recipient exactly once after the mail service comes back and batches are retried', async () => {
    // Arrange: 60 subscribers (three batches of 25), one new listing.
    const { coordinator, people } = await digestReady(stack, { readers: 60, prefix: 'lukija', title: 'Vikasietoinen uutinen' });
    await stack.clearMail();
    const queue = stack.queues.get('DigestBatches')!;

    // Act: stop mail after the first sends, let the batches fail and be retried, then bring mail back.
    queue.pause();
    await coordinator.api('/api/coordinator/networks/kemi-perhekeskus/digests', { method: 'POST' });
    await stack.bus.idle();
    queue.resume();
    const deadline = Date.now() + 20_000;
    while ((await stack.mailbox()).length < 10 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await stack.mailService.stop();
    await new Promise((r) => setTimeout(r, 600));
    await stack.mailService.start();
    await stack.settle();

    // Assert
    const digests = (await stack.mailbox()).filter((m) => header(m, 'List-Unsubscribe'));
    const perPerson = new Map<string, number>();
    for (const m of digests) for (const to of m.destination.to) perPerson.set(to, (perPerson.get(to) ?? 0) + 1);
    const history = (await (await coordinator.api('/api/coordinator/networks/kemi-perhekeskus/digests')).json()) as { digests: Array<{ status: string; sent: number }> };
    expect(history.digests[0]).toMatchObject({ status: 'sent', sent: 60 });
    expect([...perPerson.values()].filter((n) => n > 1)).toEqual([]);
    expect(people.filter((p) => !perPerson.has(p))).toEqual([]);
    expect(queue.stats().deadLetters).toBe(0);
  });
});
