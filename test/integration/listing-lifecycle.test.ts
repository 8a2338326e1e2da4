import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aListing } from '../fixtures/listings.js';
import { signIn, type SignedIn } from '../support/coordinator.js';
import { approve, directory, editTokenFromMail, submit } from '../support/listings.js';
import { startTestStack, type TestStack } from '../support/stack.js';

const SUBMITTER = 'maija@perhepalvelut.example.fi';

describe('a listing from the form to the directory and back out', () => {
  let stack: TestStack;
  let coordinator: SignedIn;
  beforeAll(async () => {
    stack = await startTestStack();
    coordinator = await signIn(stack, 'koordinaattori@kemi.example.fi');
  });
  afterAll(async () => stack?.close());

  it('is not in the directory before approval, and is after', async () => {
    const id = await submit(stack, aListing({ title: { fi: 'Perhekahvila Pruntsin Poukamassa' } }));
    const pending = (await (await coordinator.api('/api/coordinator/networks/kemi-perhekeskus/listings?status=pending')).json()) as { listings: Array<{ id: string }> };
    expect(pending.listings.map((l) => l.id)).toContain(id);
    expect((await directory(stack, 'q=Pruntsin')).listings.map((l) => l.id)).not.toContain(id);
    expect((await stack.api(`/api/listings/${id}`)).status).toBe(404);

    await approve(coordinator, stack, id);

    const found = await directory(stack, 'q=pruntsin%20poukama');
    expect(found.listings.map((l) => l.id)).toContain(id);
    const detail = (await (await stack.api(`/api/listings/${id}?lang=fi`)).json()) as { title: string; contact: { email: string } };
    expect(detail.title).toBe('Perhekahvila Pruntsin Poukamassa');
    const mails = await stack.mailTo(SUBMITTER);
    expect(mails.map((m) => m.subject)).toContainEqual(expect.stringContaining('Ilmoituksesi on julkaistu'));
  });

  it('mails the submitter a receipt with a personal edit link', async () => {
    await stack.clearMail();
    await submit(stack);
    const receipt = (await stack.mailTo(SUBMITTER)).find((m) => m.subject.startsWith('Kuittaus'));
    expect(receipt?.body.text).toMatch(/\/fi\/listings\/edit\/#token=[\w.-]+/);
    expect(receipt?.body.html).toContain('Muokkaa ilmoitusta');
  });

  it('sends an edit of text back to moderation while the published version stays visible', async () => {
    await stack.clearMail();
    const id = await submit(stack, aListing({ title: { fi: 'Vauvaperhekerho' } }));
    const token = await editTokenFromMail(stack, SUBMITTER);
    await approve(coordinator, stack, id);

    const edit = await stack.api(`/api/listings/${id}`, { method: 'PUT', json: aListing({ title: { fi: 'Vauvaperhekerho ja vertaistuki' } }), headers: { authorization: `Bearer ${token}` } });
    await stack.settle();

    expect(edit.status).toBe(202);
    expect(await edit.json()).toMatchObject({ moderated: true, revision: 2 });
    const shown = (await (await stack.api(`/api/listings/${id}`)).json()) as { title: string };
    expect(shown.title).toBe('Vauvaperhekerho');
    const mine = (await (await stack.api(`/api/listings/${id}/edit`, { headers: { authorization: `Bearer ${token}` } })).json()) as { moderation: string; data: { title: { fi: string } } };
    expect(mine).toMatchObject({ moderation: 'pending', data: { title: { fi: 'Vauvaperhekerho ja vertaistuki' } } });

    await approve(coordinator, stack, id);
    expect(((await (await stack.api(`/api/listings/${id}`)).json()) as { title: string }).title).toBe('Vauvaperhekerho ja vertaistuki');
  });

  it('applies a change of contact details at once, without moderation', async () => {
    await stack.clearMail();
    const id = await submit(stack);
    const token = await editTokenFromMail(stack, SUBMITTER);
    await approve(coordinator, stack, id);
    const changed = aListing();
    changed.contact.phone = '050 765 4321';

    const res = await stack.api(`/api/listings/${id}`, { method: 'PUT', json: changed, headers: { authorization: `Bearer ${token}` } });
    await stack.settle();

    expect(await res.json()).toMatchObject({ moderated: false });
    expect(((await (await stack.api(`/api/listings/${id}`)).json()) as { contact: { phone: string } }).contact.phone).toBe('050 765 4321');
  });

  it('withdraws a listing from the directory at once', async () => {
    await stack.clearMail();
    const id = await submit(stack, aListing({ title: { fi: 'Poistuva ryhmä' } }));
    const token = await editTokenFromMail(stack, SUBMITTER);
    await approve(coordinator, stack, id);
    expect((await directory(stack, 'q=poistuva')).count).toBe(1);

    const res = await stack.api(`/api/listings/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    await stack.settle();

    expect(res.status).toBe(202);
    expect((await directory(stack, 'q=poistuva')).count).toBe(0);
    expect((await stack.api(`/api/listings/${id}`)).status).toBe(404);
  });

  it('mails the reason of a rejection, escaped', async () => {
    await stack.clearMail();
    const id = await submit(stack);
    const res = await coordinator.api(`/api/coordinator/listings/${id}/reject`, { method: 'POST', json: { reason: 'Toiminta ei kuulu verkostoon <b>kaupallisena</b>.' } });
    await stack.settle();

    expect(res.status).toBe(202);
    const mail = (await stack.mailTo(SUBMITTER)).find((m) => m.subject.startsWith('Ilmoitustasi ei julkaistu'));
    expect(mail?.body.text).toContain('Toiminta ei kuulu verkostoon <b>kaupallisena</b>.');
    expect(mail?.body.html).toContain('&lt;b&gt;kaupallisena&lt;/b&gt;');
    expect((await (await coordinator.api(`/api/coordinator/listings/${id}`)).json()) as { status: string }).toMatchObject({ status: 'rejected' });
  });

  it('refuses a tampered edit link and another listing’s link', async () => {
    await stack.clearMail();
    const a = await submit(stack);
    const tokenA = await editTokenFromMail(stack, SUBMITTER);
    const b = await submit(stack);
    const [h, p, s] = tokenA.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), listingId: b })).toString('base64url');

    const tampered = await stack.api(`/api/listings/${b}`, { method: 'DELETE', headers: { authorization: `Bearer ${h}.${forgedPayload}.${s}` } });
    const crossed = await stack.api(`/api/listings/${b}`, { method: 'DELETE', headers: { authorization: `Bearer ${tokenA}` } });
    const none = await stack.api(`/api/listings/${a}`, { method: 'DELETE' });

    expect(tampered.status).toBe(401);
    expect(crossed.status).toBe(403);
    expect(none.status).toBe(401);
  });

  it('changes nothing when the same events are delivered again', async () => {
    const id = await submit(stack, aListing({ title: { fi: 'Toistuva tapahtuma' } }));
    await approve(coordinator, stack, id);
    const before = (await (await coordinator.api(`/api/coordinator/listings/${id}`)).json()) as object;
    const events = stack.archive.filter((e) => JSON.stringify(e.detail).includes(id));
    await stack.clearMail();

    for (const e of events) {
      for (const fn of ['StorePendingListing', 'ApplyListingEvents', 'MailSubmitter', 'NotifyCoordinators']) {
        const spec = stack.functions.get(fn)!.spec;
        if (spec.rules?.some((r) => (r.pattern['detail-type'] as string[]).includes(e['detail-type']))) await stack.functions.get(fn)!.invoke(e);
      }
    }

    expect(await (await coordinator.api(`/api/coordinator/listings/${id}`)).json()).toEqual(before);
    expect(await stack.mailbox()).toHaveLength(0);
    expect((await directory(stack, 'q=toistuva')).count).toBe(1);
  });
});
