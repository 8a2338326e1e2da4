import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestReady } from '../support/digests.js';
import { startTestStack, type TestStack } from '../support/stack.js';
import { digestsPerAddress, header } from '../support/subscriptions.js';

describe('a digest sender running out of its invocation time', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ queueVisibilitySeconds: 3 });
  });
  afterAll(async () => stack?.close());

  it('stops before the timeout, and the retry sends the rest so the digest adds up, nobody twice', async () => {
    // Arrange: 60 subscribers (batches of 25), one new listing, the digest built with the queue held.
    const { network, coordinator, people } = await digestReady(stack, { readers: 60, prefix: 'aikaraja', title: 'Aikaraja lähestyy' });
    await stack.clearMail();
    const queue = stack.queues.get('DigestBatches')!;
    queue.pause();
    await coordinator.api(`/api/coordinator/networks/${network}/digests`, { method: 'POST' });
    await stack.bus.idle();
    const history = async () => ((await (await coordinator.api(`/api/coordinator/networks/${network}/digests`)).json()) as { digests: Array<{ digestId: string; status: string; sent: number }> }).digests[0]!;
    const { digestId } = await history();
    // The sender's own parts, as its handler wires them (read after the stack has set the environment).
    const { sendBatch } = await import('../../functions/digests/digests.js');
    const { digestQueue, digestStore } = await import('../../functions/digests/runtime.js');
    const { clock, mailer, publisher, siteUrl } = await import('../../functions/listings/runtime.js');
    const { networks } = await import('../../functions/subscriptions/runtime.js');
    const { loadTokens } = await import('../../functions/shared/token-keys.js');
    const deps = { digests: digestStore(), queue: digestQueue(), mailer: mailer(), tokens: await loadTokens(), networks: networks(), publisher: publisher(), siteUrl: siteUrl(), clock, pace: async () => undefined };
    let asked = 0;

    // Act: an invocation whose time runs out after five recipients, then the queue's own deliveries.
    const stopped = await sendBatch({ network, digestId, batch: 0 }, 'invocation-near-its-timeout', { ...deps, outOfTime: () => ++asked > 5 }).catch((e: unknown) => e);
    const sentBeforeRetry = (await stack.mailbox()).filter((m) => header(m, 'List-Unsubscribe')).length;
    queue.resume();
    await stack.settle();

    // Assert
    expect(stopped).toMatchObject({ name: 'SenderOutOfTime' });
    expect(sentBeforeRetry).toBe(5);
    const perPerson = await digestsPerAddress(stack);
    expect([...perPerson.entries()].filter(([, n]) => n > 1)).toEqual([]);
    expect(people.filter((p) => !perPerson.has(p))).toEqual([]);
    expect(await history()).toMatchObject({ digestId, status: 'sent', sent: 60 });
  });
});
