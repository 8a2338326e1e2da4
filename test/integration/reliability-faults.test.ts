import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '../../functions/shared/dynamo.js';
import { DynamoSubscriptionStore, subscriberId } from '../../functions/subscriptions/store.js';
import { LOCAL_TABLE } from '../../local/stack.js';
import { aListing } from '../fixtures/listings.js';
import { signIn, type SignedIn } from '../support/coordinator.js';
import { approve, submit } from '../support/listings.js';
import { scanTable } from '../support/reliability/table.js';
import { startTestStack, type TestStack } from '../support/stack.js';
import { header } from '../support/subscriptions.js';

/**
 * Issue 9, "faults", offline: the mail service goes away in the middle of a
 * burst of submissions and of a digest, and a consumer throws on an event that
 * arrives before the one it depends on. Retries and dead letters hold
 * everything; after recovery and a re-drive every item is stored once and
 * every email sent once.
 */
const figures = { lost: 0, doubled: 0, deadLettersLeft: 0 };
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const contact = (n: string) => ({ name: `Yhteys ${n}`, email: `${n}@vika.example.fi`, phone: '040 111 2222' });

describe('faults: retries, dead letters and re-drive', () => {
  let stack: TestStack;
  let coordinator: SignedIn;
  beforeAll(async () => {
    // A batch stays invisible longer than a send takes, as in AWS (see digest-faults.test.ts).
    stack = await startTestStack({ queueVisibilitySeconds: 3 });
    coordinator = await signIn(stack, 'koordinaattori@kemi.example.fi');
  });
  afterAll(async () => {
    console.log(`faults: ${figures.lost} items lost, ${figures.doubled} emails doubled, ${figures.deadLettersLeft} dead letters left after re-drive`);
    await stack?.close();
  });

  it('stores every submission of a burst once and mails every receipt once when mail is down, after a re-drive', async () => {
    // Arrange
    await stack.settle();
    await stack.clearMail();
    const names = Array.from({ length: 8 }, (_, i) => `purske${i}`);

    // Act: the mail service is down for the whole burst; the bus retries, then keeps dead letters.
    await stack.mailService.stop();
    const ids: string[] = [];
    for (const n of names) {
      const res = await stack.api('/api/listings', { method: 'POST', json: aListing({ title: { fi: `Purskeen ilmoitus ${n}` }, contact: contact(n) }) });
      expect(res.status).toBe(202);
      ids.push(((await res.json()) as { id: string }).id);
    }
    await stack.settle();
    const lettersWhileDown = stack.bus.deadLetters().length;
    await stack.mailService.start();
    const redrive = await stack.bus.redrive();
    await stack.settle();

    // Assert
    const keys = new Set((await scanTable()).map((i) => `${String(i.pk)}|${String(i.sk)}`));
    const stored = ids.filter((id) => keys.has(`LISTING#${id}|META`));
    const mail = await stack.mailbox();
    const receipts = names.map((n) => mail.filter((m) => m.destination.to.includes(contact(n).email)).length);
    const toCoordinators = ids.map((_id, i) => mail.filter((m) => !m.destination.to.includes(contact(names[i]!).email) && (m.body.text ?? '').includes(`Purskeen ilmoitus ${names[i]}`)).length);
    figures.lost += ids.length - stored.length + receipts.filter((n) => n === 0).length + toCoordinators.filter((n) => n === 0).length;
    figures.doubled += receipts.filter((n) => n > 1).length;
    figures.deadLettersLeft += stack.bus.deadLetters().length;
    expect(lettersWhileDown).toBeGreaterThanOrEqual(names.length);
    expect(redrive.failed).toBe(0);
    expect(stored).toEqual(ids);
    expect(receipts).toEqual(names.map(() => 1));
    expect(toCoordinators.every((n) => n >= 1)).toBe(true);
    expect(stack.bus.deadLetters()).toEqual([]);
  });

  it('keeps the outcome mail of an approval that arrives before its listing as a dead letter, and sends it once on re-drive', async () => {
    // Arrange: a real submission and approval give the event shapes; a new id stands for a listing still on its way.
    const model = await submit(stack, aListing({ title: { fi: 'Mallin ilmoitus' }, contact: contact('malli') }));
    await approve(coordinator, stack, model);
    const submitted = stack.archive.find((e) => e['detail-type'] === 'Listing.Submitted' && (e.detail as { listing: { id: string } }).listing.id === model)!;
    const approved = stack.archive.find((e) => e['detail-type'] === 'Listing.Approved' && (e.detail as { listingId: string }).listingId === model)!;
    const late = `01LATE${model.slice(6)}`;
    const lateContact = contact('myohassa');
    const submittedLate = structuredClone(submitted.detail) as { listing: { id: string; data: { contact: unknown; title: unknown } } };
    submittedLate.listing.id = late;
    submittedLate.listing.data.contact = lateContact;
    submittedLate.listing.data.title = { fi: 'Myöhässä saapuva ilmoitus' };
    const approvedLate = { ...(structuredClone(approved.detail) as Record<string, unknown>), listingId: late };
    const put = (type: string, detail: unknown) => expect(stack.bus.putEvents([{ Source: 'verkosto', DetailType: type, Detail: JSON.stringify(detail), EventBusName: 'verkosto' }]).FailedEntryCount).toBe(0);
    await stack.clearMail();

    // Act: the approval first — its consumers throw, are retried, and give up into dead letters.
    put('Listing.Approved', approvedLate);
    await stack.settle();
    const held = stack.bus.deadLetters().filter((l) => (l.event.detail as { listingId?: string }).listingId === late);
    put('Listing.Submitted', submittedLate);
    await stack.settle();
    const redrive = await stack.bus.redrive((l) => (l.event.detail as { listingId?: string }).listingId === late);
    await stack.settle();

    // Assert
    const items = (await scanTable()).filter((i) => i.pk === `LISTING#${late}` && i.sk === 'META');
    const mails = await stack.mailTo(lateContact.email);
    figures.lost += (items.length === 1 ? 0 : 1) + (mails.length >= 2 ? 0 : 2 - mails.length);
    figures.doubled += Math.max(0, mails.length - 2);
    figures.deadLettersLeft += stack.bus.deadLetters().length;
    expect(held.map((l) => l.ruleId)).toContain('ListingOutcomesToSubmitter');
    expect(redrive).toEqual({ redriven: held.length, failed: 0 });
    expect(items).toHaveLength(1);
    // One receipt, one "published" notice: nothing lost, nothing doubled.
    expect(mails).toHaveLength(2);
    expect(stack.bus.deadLetters()).toEqual([]);
  });

  it('delivers a digest to each recipient exactly once when mail stops halfway and batches are retried', async () => {
    // Arrange: 20 confirmed subscribers, stored directly (the per-client subscription limit would stop 20 sign-ups).
    const people = Array.from({ length: 20 }, (_, i) => `vikalukija${i}@example.fi`);
    const subscribers = new DynamoSubscriptionStore(documentClient(), LOCAL_TABLE);
    const at = new Date().toISOString();
    for (const email of people) {
      await subscribers.saveSubscriber({ id: subscriberId(email), email, lang: 'fi', networks: ['kemi-perhekeskus'], kinds: ['listings'], themes: [], frequency: 'weekly', confirmedAt: at, updatedAt: at }, []);
    }
    await approve(coordinator, stack, await submit(stack, aListing({ title: { fi: 'Digestin uutinen' }, contact: contact('digest') })));
    await stack.clearMail();
    const queue = stack.queues.get('DigestBatches')!;

    // Act: the sender starts, mail goes away after the first sends, comes back; SQS retries the batches.
    queue.pause();
    expect((await coordinator.api('/api/coordinator/networks/kemi-perhekeskus/digests', { method: 'POST' })).status).toBe(202);
    await stack.bus.idle();
    queue.resume();
    const deadline = Date.now() + 20_000;
    while ((await stack.mailbox()).length < 3 && Date.now() < deadline) await wait(10);
    await stack.mailService.stop();
    await wait(500);
    await stack.mailService.start();
    await stack.settle();

    // Assert
    const digests = (await stack.mailbox()).filter((m) => header(m, 'List-Unsubscribe'));
    const perPerson = new Map<string, number>();
    for (const m of digests) for (const to of m.destination.to) perPerson.set(to, (perPerson.get(to) ?? 0) + 1);
    const missing = people.filter((p) => !perPerson.has(p));
    const doubled = [...perPerson.entries()].filter(([, n]) => n > 1).map(([p]) => p);
    figures.lost += missing.length;
    figures.doubled += doubled.length;
    figures.deadLettersLeft += queue.stats().deadLetters;
    expect(missing).toEqual([]);
    expect(doubled).toEqual([]);
    expect(queue.stats().deadLetters).toBe(0);
  });
});
