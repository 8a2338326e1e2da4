import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, helsinkiDate } from '../../functions/shared/time.js';
import { aListing } from '../fixtures/listings.js';
import { signIn, type SignedIn } from '../support/coordinator.js';
import { approve, directory, submit } from '../support/listings.js';
import { startTestStack, type TestStack } from '../support/stack.js';

const SUBMITTER = 'maija@perhepalvelut.example.fi';

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

  it('takes a listing past its last valid day out of the directory (Listing.Expired)', async () => {
    const id = await submit(stack, aListing({ title: { fi: 'Kesäleiri' }, validFrom: addDays(today, -60), validUntil: addDays(today, -1) }));
    await approve(coordinator, stack, id);
    expect((await directory(stack, 'q=kesaleiri')).count).toBe(1);

    const out = await runDailyJob();

    expect(out.expired).toBeGreaterThanOrEqual(1);
    expect((await directory(stack, 'q=kesaleiri')).count).toBe(0);
    expect(stack.archive.some((e) => e['detail-type'] === 'Listing.Expired' && (e.detail as { listingId: string }).listingId === id)).toBe(true);
  });

  it('keeps a listing whose last valid day is today', async () => {
    const id = await submit(stack, aListing({ title: { fi: 'Viimeinen päivä' }, validUntil: today }));
    await approve(coordinator, stack, id);
    await runDailyJob();
    expect((await directory(stack, 'q=viimeinen')).count).toBe(1);
  });

  it('asks two weeks ahead whether the listing is still valid, and one click extends it once', async () => {
    await stack.clearMail();
    const validUntil = addDays(today, 14);
    const id = await submit(stack, aListing({ title: { fi: 'Syyskerho' }, validUntil }));
    await approve(coordinator, stack, id);

    await runDailyJob();
    await runDailyJob();

    const reminders = (await stack.mailTo(SUBMITTER)).filter((m) => m.subject.startsWith('Onko ilmoituksesi yhä ajankohtainen'));
    expect(reminders).toHaveLength(1);
    const token = /\/listings\/extend\/#token=([\w.-]+)/.exec(reminders[0]!.body.text ?? '')?.[1];
    expect(token).toBeTruthy();

    const first = await stack.api(`/api/listings/${id}/extend`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    await stack.settle();
    const again = await stack.api(`/api/listings/${id}/extend`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });

    expect(first.status).toBe(202);
    const { validUntil: extended } = (await first.json()) as { validUntil: string };
    expect(extended > validUntil).toBe(true);
    expect(again.status).toBe(409);
    expect(((await (await stack.api(`/api/listings/${id}`)).json()) as { validUntil: string }).validUntil).toBe(extended);
  });
});
