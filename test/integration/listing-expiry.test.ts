import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, helsinkiDate } from '../../functions/shared/time.js';
import { aListing } from '../fixtures/listings.js';
import { signIn, type SignedIn } from '../support/coordinator.js';
import { approve, directory, editTokenFromMail, submit } from '../support/listings.js';
import { startTestStack, type TestStack } from '../support/stack.js';

const SUBMITTER = 'maija@perhepalvelut.example.fi';
const REMINDER = 'Onko ilmoituksesi yhä ajankohtainen';
/** A service without dates: its last day is its valid-until alone. */
const service = { schedule: { type: 'none' as const } };

describe('expiry of listings', () => {
  let stack: TestStack;
  let coordinator: SignedIn;
  const today = helsinkiDate(new Date());
  beforeAll(async () => {
    stack = await startTestStack();
    coordinator = await signIn(stack, 'koordinaattori@kemi.example.fi');
  });
  afterAll(async () => stack?.close());

  const runDailyJob = async () => {
    const out = await stack.functions.get('ExpireListings')!.invoke({});
    await stack.settle();
    return out as { expired: number; reminded: number };
  };
  const statusOf = async (id: string) => ((await (await coordinator.api(`/api/coordinator/listings/${id}`)).json()) as { status: string }).status;
  const expiredEvents = (id: string) => stack.archive.filter((e) => e['detail-type'] === 'Listing.Expired' && (e.detail as { listingId: string }).listingId === id);
  const extendLink = async (title: string) => {
    const mail = (await stack.mailTo(SUBMITTER)).filter((m) => m.subject.startsWith(REMINDER) && m.subject.includes(title)).at(-1);
    return /\/listings\/extend\/#token=([\w.-]+)/.exec(mail?.body.text ?? '')?.[1];
  };

  it('hides a listing past its last valid day at once, and the daily job expires it (Listing.Expired)', async () => {
    // Arrange
    const id = await submit(stack, aListing({ ...service, title: { fi: 'Kesäleiri' }, validFrom: addDays(today, -60), validUntil: addDays(today, -1) }));
    await approve(coordinator, stack, id);
    const before = await statusOf(id);

    // Act
    const out = await runDailyJob();

    // Assert
    expect(before).toBe('published');
    expect((await directory(stack, 'q=kesaleiri')).count).toBe(0);
    expect(out.expired).toBeGreaterThanOrEqual(1);
    expect(await statusOf(id)).toBe('expired');
    expect(expiredEvents(id).map((e) => e.detail)).toEqual([expect.objectContaining({ lastDay: addDays(today, -1) })]);
    expect((await stack.api(`/api/listings/${id}`)).status).toBe(410);
  });

  it('catches up a listing whose last day passed long before the job ran', async () => {
    const id = await submit(stack, aListing({ ...service, title: { fi: 'Unohtunut kerho' }, validUntil: addDays(today, -40) }));
    await approve(coordinator, stack, id);

    await runDailyJob();

    expect(await statusOf(id)).toBe('expired');
  });

  it('expires a one-off event after its day', async () => {
    const id = await submit(stack, aListing({ title: { fi: 'Syysjuhla' }, kind: 'event', schedule: { type: 'once', date: addDays(today, -2), startTime: '17:00', endTime: '19:00' } }));
    await approve(coordinator, stack, id);

    await runDailyJob();

    expect(await statusOf(id)).toBe('expired');
  });

  it('keeps a listing whose last valid day is today, and a second run expires nothing twice', async () => {
    const id = await submit(stack, aListing({ ...service, title: { fi: 'Viimeinen päivä' }, validUntil: today }));
    await approve(coordinator, stack, id);
    const earlier = await submit(stack, aListing({ ...service, title: { fi: 'Eilinen' }, validUntil: addDays(today, -1) }));
    await approve(coordinator, stack, earlier);

    await runDailyJob();
    await runDailyJob();

    expect((await directory(stack, 'q=viimeinen')).count).toBe(1);
    expect(await statusOf(id)).toBe('published');
    expect(expiredEvents(earlier)).toHaveLength(1);
  });

  it('asks two weeks ahead whether the listing is still valid, and one click extends it once', async () => {
    await stack.clearMail();
    const validUntil = addDays(today, 14);
    const id = await submit(stack, aListing({ ...service, title: { fi: 'Syyskerho' }, validUntil }));
    await approve(coordinator, stack, id);

    await runDailyJob();
    await runDailyJob();

    const reminders = (await stack.mailTo(SUBMITTER)).filter((m) => m.subject.startsWith(REMINDER));
    expect(reminders).toHaveLength(1);
    const token = await extendLink('Syyskerho');
    expect(token).toBeTruthy();

    const first = await stack.api(`/api/listings/${id}/extend`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    await stack.settle();
    const again = await stack.api(`/api/listings/${id}/extend`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });

    expect(first.status).toBe(202);
    const { validUntil: extended } = (await first.json()) as { validUntil: string };
    expect(extended > validUntil).toBe(true);
    expect(again.status).toBe(409);
    expect(((await (await stack.api(`/api/listings/${id}`)).json()) as { validUntil: string }).validUntil).toBe(extended);
    expect(stack.archive.filter((e) => e['detail-type'] === 'Listing.Extended' && (e.detail as { listingId: string }).listingId === id)).toHaveLength(1);
  });

  it('does not undo an extension when a late expiry for the old date arrives', async () => {
    // Arrange: a listing extended by its link, then the expiry decided on its old last day delivered late.
    await stack.clearMail();
    const validUntil = addDays(today, 14);
    const id = await submit(stack, aListing({ ...service, title: { fi: 'Myöhäinen' }, validUntil }));
    await approve(coordinator, stack, id);
    await runDailyJob();
    const token = await extendLink('Myöhäinen');
    expect((await stack.api(`/api/listings/${id}/extend`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).status).toBe(202);
    await stack.settle();

    // Act
    await stack.functions.get('ApplyListingEvents')!.invoke({
      version: '0', id: 'late-expiry', 'detail-type': 'Listing.Expired', source: 'verkosto', account: '000000000000', time: new Date().toISOString(), region: 'eu-north-1', resources: [],
      detail: { version: 1, listingId: id, network: 'kemi-perhekeskus', lastDay: validUntil },
    });

    // Assert
    expect(await statusOf(id)).toBe('published');
    expect((await directory(stack, 'q=myohainen')).count).toBe(1);
  });

  it('refuses the still-valid link once the validity was changed by an edit', async () => {
    await stack.clearMail();
    const id = await submit(stack, aListing({ ...service, title: { fi: 'Muutettu voimassaolo' }, validUntil: addDays(today, 14) }));
    const edit = await editTokenFromMail(stack, SUBMITTER);
    await approve(coordinator, stack, id);
    await runDailyJob();
    const token = await extendLink('Muutettu voimassaolo');
    const changed = aListing({ ...service, title: { fi: 'Muutettu voimassaolo' }, validUntil: addDays(today, 100) });
    expect((await stack.api(`/api/listings/${id}`, { method: 'PUT', json: changed, headers: { authorization: `Bearer ${edit}` } })).status).toBe(202);
    await stack.settle();

    const res = await stack.api(`/api/listings/${id}/extend`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });

    expect(res.status).toBe(409);
    expect(((await (await stack.api(`/api/listings/${id}`)).json()) as { validUntil: string }).validUntil).toBe(addDays(today, 100));
  });

  it('does not ask about a short listing published less than two weeks before its end', async () => {
    await stack.clearMail();
    const id = await submit(stack, aListing({ ...service, title: { fi: 'Lyhyt kurssi' }, validUntil: addDays(today, 5) }));
    await approve(coordinator, stack, id);

    await runDailyJob();

    expect((await stack.mailTo(SUBMITTER)).filter((m) => m.subject.startsWith(REMINDER))).toHaveLength(0);
  });

  it('brings an expired listing back at once when its submitter gives it a new validity', async () => {
    await stack.clearMail();
    const id = await submit(stack, aListing({ ...service, title: { fi: 'Takaisin' }, validUntil: addDays(today, -3) }));
    const edit = await editTokenFromMail(stack, SUBMITTER);
    await approve(coordinator, stack, id);
    await runDailyJob();
    expect(await statusOf(id)).toBe('expired');

    const res = await stack.api(`/api/listings/${id}`, { method: 'PUT', json: aListing({ ...service, title: { fi: 'Takaisin' }, validUntil: addDays(today, 200) }), headers: { authorization: `Bearer ${edit}` } });
    await stack.settle();

    expect(await res.json()).toMatchObject({ moderated: false });
    expect(await statusOf(id)).toBe('published');
    expect((await directory(stack, 'q=takaisin')).count).toBe(1);
  });
});
