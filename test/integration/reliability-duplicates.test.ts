import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventBridgeEvent } from '../../local/bus/bus.js';
import { aListing } from '../fixtures/listings.js';
import { signIn, type SignedIn } from '../support/coordinator.js';
import { approve, editTokenFromMail, submit } from '../support/listings.js';
import { consumersOf, deliverAgain, seeded, shuffle } from '../support/reliability/replay.js';
import { diffSnapshots, tableSnapshot } from '../support/reliability/table.js';
import { startTestStack, type TestStack } from '../support/stack.js';
import { subscribeConfirmed } from '../support/subscriptions.js';

/**
 * Issue 9, "duplicates": EventBridge delivers at least once. Every consumer,
 * fed each event of a recorded realistic run three times in shuffled order,
 * ends in the same table state and sends no duplicate email.
 */
const contact = (n: string) => ({ name: `Yhteyshenkilö ${n}`, email: `${n}@jarjesto.example.fi`, phone: '040 765 4321' });

describe('every consumer fed every event of a realistic run three times', () => {
  let stack: TestStack;
  let coordinator: SignedIn;
  let recorded: EventBridgeEvent[];
  beforeAll(async () => {
    stack = await startTestStack();
    coordinator = await signIn(stack, 'koordinaattori@kemi.example.fi');

    // A realistic run: subscribers, listings approved, rejected, edited and withdrawn, a digest sent.
    await subscribeConfirmed(stack, { email: 'aino.lukija@example.fi', lang: 'fi' });
    await subscribeConfirmed(stack, { email: 'elsa.lasare@example.fi', lang: 'sv', kinds: ['listings'] });
    const approved = await submit(stack, aListing({ title: { fi: 'Vauvakerho' }, contact: contact('hyvaksytty') }));
    await approve(coordinator, stack, approved);
    const rejected = await submit(stack, aListing({ title: { fi: 'Kaupallinen kurssi' }, contact: contact('hylatty') }));
    expect((await coordinator.api(`/api/coordinator/listings/${rejected}/reject`, { method: 'POST', json: { reason: 'Ei kuulu verkostoon.' } })).status).toBe(202);
    await stack.settle();
    const edited = await submit(stack, aListing({ title: { fi: 'Isäkerho' }, contact: contact('muokattu') }));
    await approve(coordinator, stack, edited);
    const editToken = await editTokenFromMail(stack, contact('muokattu').email);
    const put = await stack.api(`/api/listings/${edited}`, { method: 'PUT', json: aListing({ title: { fi: 'Isä-lapsikerho' }, contact: contact('muokattu') }), headers: { authorization: `Bearer ${editToken}` } });
    expect(put.status).toBe(202);
    await stack.settle();
    await approve(coordinator, stack, edited);
    const withdrawn = await submit(stack, aListing({ title: { fi: 'Loppuva ryhmä' }, contact: contact('peruttu') }));
    await approve(coordinator, stack, withdrawn);
    const withdrawToken = await editTokenFromMail(stack, contact('peruttu').email);
    expect((await stack.api(`/api/listings/${withdrawn}`, { method: 'DELETE', headers: { authorization: `Bearer ${withdrawToken}` } })).status).toBe(202);
    await stack.settle();
    expect((await coordinator.api('/api/coordinator/networks/kemi-perhekeskus/digests', { method: 'POST' })).status).toBe(202);
    await stack.settle();
    recorded = stack.archive.map((e) => structuredClone(e));
  });
  afterAll(async () => stack?.close());

  it('recorded a run with every kind of listing and mailing-list event', () => {
    const types = new Set(recorded.map((e) => e['detail-type']));
    for (const t of ['Listing.Submitted', 'Listing.Approved', 'Listing.Rejected', 'Listing.Updated', 'Listing.Withdrawn', 'Subscription.Confirmed', 'Digest.Requested', 'Digest.Sent']) expect(types).toContain(t);
    expect(stack.bus.deadLetters().map((l) => `${l.ruleId} ${l.event['detail-type']}: ${l.error}`)).toEqual([]);
  });

  it('ends in the same table state and sends no duplicate email', async () => {
    // Arrange
    const tableBefore = await tableSnapshot();
    const mailBefore = await stack.mailbox();
    const archiveBefore = stack.archive.length;
    const deliveries = shuffle(recorded.flatMap((e) => [e, e, e]), seeded(9));
    const consumers = new Set(recorded.flatMap((e) => consumersOf(e).map((c) => c.functionId)));

    // Act
    const failures = [];
    for (const event of deliveries) failures.push(...(await deliverAgain(stack, event)));
    await stack.settle();

    // Assert
    const diff = diffSnapshots(tableBefore, await tableSnapshot());
    const mailAfter = await stack.mailbox();
    const duplicates = mailAfter.slice(mailBefore.length).map((m) => `${m.destination.to.join(',')}: ${m.subject}`);
    const changed = diff.added.length + diff.removed.length + diff.changed.length;
    console.log(`duplicates: ${recorded.length} events x3 to ${consumers.size} consumers, ${duplicates.length} duplicate emails, ${changed} changed items, ${failures.length} consumer failures`);
    expect(consumers.size).toBeGreaterThan(5);
    expect(failures).toEqual([]);
    expect(duplicates).toEqual([]);
    expect(diff).toEqual({ added: [], removed: [], changed: [] });
    expect(stack.archive.slice(archiveBefore).map((e) => e['detail-type'])).toEqual([]);
  });
});
