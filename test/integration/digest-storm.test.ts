import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '../../functions/shared/dynamo.js';
import { addDays, helsinkiDate, helsinkiToUtc, isoWeekday } from '../../functions/shared/time.js';
import { DynamoSubscriptionStore, subscriberId } from '../../functions/subscriptions/store.js';
import { loadConfig } from '../../lib/config.js';
import { LOCAL_TABLE } from '../../local/stack.js';
import { aListing } from '../fixtures/listings.js';
import { signIn } from '../support/coordinator.js';
import { approve, submit } from '../support/listings.js';
import { startTestStack, type TestStack } from '../support/stack.js';
import { header } from '../support/subscriptions.js';

/** Three networks of a region whose weekly digests fall due in the same minute (Monday 08:00, as the demo network's). */
const base = loadConfig();
const REGION = ['lappi-nuoret', 'lappi-omaishoito', 'lappi-sosiaalityo'];
const config = { ...base, mail: { ...base.mail, sendRatePerSecond: 200 }, networks: [...base.networks, ...REGION.map((id) => ({ ...base.networks[0]!, id, name: { fi: id } }))] };
const PER_NETWORK = 100; // four batches each

function nextMondayAtEight(): Date {
  let date = addDays(helsinkiDate(new Date()), 1);
  while (isoWeekday(date) !== 0) date = addDays(date, 1);
  return helsinkiToUtc(date, '08:00');
}

describe('digests of many networks due in the same minute', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ config, queueVisibilitySeconds: 5 });
  });
  afterAll(async () => stack?.close());

  it('go out interleaved, each subscriber getting exactly one', async () => {
    // Arrange: 100 confirmed subscribers and one new listing in each network.
    const coordinator = await signIn(stack, base.networks[0]!.coordinators[0]!);
    const subscribers = new DynamoSubscriptionStore(documentClient(), LOCAL_TABLE);
    const at = new Date().toISOString();
    for (const network of REGION) {
      for (let i = 0; i < PER_NETWORK; i++) {
        const email = `lukija-${network}-${i}@example.fi`;
        await subscribers.saveSubscriber({ id: subscriberId(email), email, lang: 'fi', networks: [network], kinds: ['listings'], themes: [], frequency: 'weekly', confirmedAt: at, updatedAt: at }, []);
      }
      await approve(coordinator, stack, await submit(stack, aListing({ network, title: { fi: `Uutta verkostossa ${network}` } })));
    }
    await stack.clearMail();
    const queue = stack.queues.get('DigestBatches')!;

    // Act: the clock's Monday 08:00 tick requests every due digest; all are built before the senders start.
    queue.pause();
    await stack.functions.get('DigestClock')!.invoke({ scheduledTime: nextMondayAtEight().toISOString() });
    await stack.bus.idle();
    queue.resume();
    await stack.settle();

    // Assert: everyone once, and no network's digest finished before every other one had begun.
    const digests = (await stack.mailbox()).filter((m) => header(m, 'List-Unsubscribe'));
    const to = digests.map((m) => m.destination.to[0]!);
    expect(to).toHaveLength(REGION.length * PER_NETWORK);
    expect(new Set(to).size).toBe(to.length);
    const networkOf = (address: string) => REGION.find((n) => address.startsWith(`lukija-${n}-`))!;
    const first = (n: string) => to.findIndex((a) => networkOf(a) === n);
    const last = (n: string) => to.findLastIndex((a) => networkOf(a) === n);
    for (const a of REGION) for (const b of REGION) if (a !== b) expect(first(b), `${b} begins before ${a} ends`).toBeLessThan(last(a));
    expect(queue.stats().deadLetters).toBe(0);
  });
});
