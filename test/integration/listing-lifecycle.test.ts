import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aListing } from '../fixtures/listings.js';
import { signIn, type SignedIn } from '../support/coordinator.js';
import { approve, directory, editTokenFromMail, submit } from '../support/listings.js';
import { startTestStack, type TestStack } from '../support/stack.js';
import { toCard } from '../../functions/listings/listings.js';
import { DynamoListingStore } from '../../functions/listings/store.js';
import { documentClient } from '../../functions/shared/dynamo.js';
import { LOCAL_TABLE } from '../../local/stack.js';

const SUBMITTER = 'maija@perhepalvelut.example.fi';

describe('a listing from the form to the directory and back out', () => {
  let stack: TestStack;
  let coordinator: SignedIn;
  beforeAll(async () => {
    stack = await startTestStack();
    coordinator = await signIn(stack, 'koordinaattori@kemi.example.fi');
  });
  afterAll(async () => stack?.close());

  it('goes from the form through moderation, an edit and a withdrawal: the whole journey', async () => {
    // Submit: a receipt with the personal edit link.
    await stack.clearMail();
    const id = await submit(stack, aListing({ title: { fi: 'Matka perhekahvila' } }));
    const token = await editTokenFromMail(stack, SUBMITTER);
    expect((await directory(stack, 'q=matka')).count).toBe(0);

    // Approve as a signed-in coordinator: in the directory.
    await approve(coordinator, stack, id);
    expect((await directory(stack, 'q=matka')).listings.map((l) => l.id)).toEqual([id]);

    // Edit the text: back to moderation, the published version still shown.
    const edit = await stack.api(`/api/listings/${id}`, { method: 'PUT', json: aListing({ title: { fi: 'Matka perhekahvila ja kerho' } }), headers: { authorization: `Bearer ${token}` } });
    await stack.settle();
    expect(edit.status).toBe(202);
    expect((await directory(stack, 'q=matka')).listings.map((l) => l.title)).toEqual(['Matka perhekahvila']);
    const queue = (await (await coordinator.api('/api/coordinator/networks/kemi-perhekeskus/listings?status=pending')).json()) as { listings: Array<{ id: string; data: { title: { fi: string } }; published: { title: { fi: string } } }> };
    expect(queue.listings.find((l) => l.id === id)).toMatchObject({ data: { title: { fi: 'Matka perhekahvila ja kerho' } }, published: { title: { fi: 'Matka perhekahvila' } } });

    // Withdraw: gone at once.
    const gone = await stack.api(`/api/listings/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    await stack.settle();
    expect(gone.status).toBe(202);
    expect((await directory(stack, 'q=matka')).count).toBe(0);
    expect((await stack.api(`/api/listings/${id}`)).status).toBe(410);
  });

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
    expect((await stack.api(`/api/listings/${id}`)).status).toBe(410);
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
  it('lists a withdrawn listing under withdrawn, and a coordinator cannot approve it afterwards', async () => {
    await stack.clearMail();
    const id = await submit(stack, aListing({ title: { fi: 'Peruttu ryhmä' } }));
    const token = await editTokenFromMail(stack, SUBMITTER);

    await stack.api(`/api/listings/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    await stack.settle();
    const approval = await coordinator.api(`/api/coordinator/listings/${id}/approve`, { method: 'POST' });
    await stack.settle();

    expect(approval.status).toBe(409);
    expect(((await approval.json()) as { error: { code: string } }).error.code).toBe('withdrawn');
    const lists = async (status: string) => ((await (await coordinator.api(`/api/coordinator/networks/kemi-perhekeskus/listings?status=${status}`)).json()) as { listings: Array<{ id: string }> }).listings.map((l) => l.id);
    expect(await lists('withdrawn')).toContain(id);
    expect(await lists('pending')).not.toContain(id);
    expect((await directory(stack, 'q=peruttu')).count).toBe(0);
  });

  it('refuses an approval of a revision the coordinator has not seen (409) and publishes nothing', async () => {
    await stack.clearMail();
    const id = await submit(stack, aListing({ title: { fi: 'Nähty versio' } }));
    const token = await editTokenFromMail(stack, SUBMITTER);
    await stack.api(`/api/listings/${id}`, { method: 'PUT', json: aListing({ title: { fi: 'Nähty versio, korjattu' } }), headers: { authorization: `Bearer ${token}` } });
    await stack.settle();

    const stale = await coordinator.api(`/api/coordinator/listings/${id}/approve`, { method: 'POST', json: { revision: 1 } });
    await stack.settle();

    expect(stale.status).toBe(409);
    expect((await stack.api(`/api/listings/${id}`)).status).toBe(404);
    const fresh = await coordinator.api(`/api/coordinator/listings/${id}/approve`, { method: 'POST', json: { revision: 2 } });
    await stack.settle();
    expect(fresh.status).toBe(202);
    expect(((await (await stack.api(`/api/listings/${id}`)).json()) as { title: string }).title).toBe('Nähty versio, korjattu');
  });

  it('answers a rejection without a reason with a field message, before anything is published', async () => {
    const id = await submit(stack);
    const res = await coordinator.api(`/api/coordinator/listings/${id}/reject?lang=en`, { method: 'POST', json: { reason: '  ' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields.reason).toBe('This field is required.');
  });

  it('revokes the edit links: the old link is refused and the new one mailed to the contact works', async () => {
    await stack.clearMail();
    const id = await submit(stack, aListing({ title: { fi: 'Vuotanut linkki' } }));
    const old = await editTokenFromMail(stack, SUBMITTER);
    await approve(coordinator, stack, id);

    const res = await coordinator.api(`/api/coordinator/listings/${id}/revoke-edit-link`, { method: 'POST' });
    await stack.settle();

    expect(res.status).toBe(202);
    const refused = await stack.api(`/api/listings/${id}/edit`, { headers: { authorization: `Bearer ${old}` } });
    expect(refused.status).toBe(403);
    const mail = (await stack.mailTo(SUBMITTER)).find((m) => m.subject.startsWith('Uusi muokkauslinkki'));
    const fresh = /\/listings\/edit\/#token=([\w.-]+)/.exec(mail?.body.text ?? '')?.[1];
    const opened = await stack.api(`/api/listings/${id}/edit`, { headers: { authorization: `Bearer ${fresh}` } });
    expect(opened.status).toBe(200);
    const audit = stack.archive.find((e) => e['detail-type'] === 'Listing.EditLinkRevoked' && (e.detail as { listingId: string }).listingId === id);
    expect(audit?.detail).toMatchObject({ audit: { actor: 'koordinaattori@kemi.example.fi', target: { kind: 'listing', id } } });
  });

  it('applies edits in revision order: an older edit delivered late changes nothing', async () => {
    await stack.clearMail();
    const id = await submit(stack, aListing({ title: { fi: 'Järjestys' } }));
    const token = await editTokenFromMail(stack, SUBMITTER);
    for (const title of ['Järjestys 2', 'Järjestys 3']) {
      await stack.api(`/api/listings/${id}`, { method: 'PUT', json: aListing({ title: { fi: title } }), headers: { authorization: `Bearer ${token}` } });
      await stack.settle();
    }
    const second = stack.archive.find((e) => e['detail-type'] === 'Listing.Updated' && (e.detail as { listing: { id: string; revision: number } }).listing.id === id && (e.detail as { listing: { revision: number } }).listing.revision === 2)!;

    await stack.functions.get('ApplyListingEvents')!.invoke(second);

    const mine = (await (await coordinator.api(`/api/coordinator/listings/${id}`)).json()) as { revision: number; data: { title: { fi: string } } };
    expect(mine).toMatchObject({ revision: 3, data: { title: { fi: 'Järjestys 3' } } });
  });

  it('keeps a withdrawn listing out of the directory even when an older card is written after it', async () => {
    // Arrange: a published listing, its card as it was, then the withdrawal.
    await stack.clearMail();
    const id = await submit(stack, aListing({ title: { fi: 'Kilpajuoksu' } }));
    const token = await editTokenFromMail(stack, SUBMITTER);
    await approve(coordinator, stack, id);
    const store = new DynamoListingStore(documentClient(), LOCAL_TABLE);
    const oldCard = toCard((await store.get(id))!);
    await stack.api(`/api/listings/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    await stack.settle();

    // Act: a consumer that read the record before the withdrawal writes its card now.
    const written = await store.putCard(oldCard);

    // Assert
    expect(written).toBe(false);
    expect((await directory(stack, 'q=kilpajuoksu')).count).toBe(0);
  });

  it('pages the moderation queue with a cursor, oldest first', async () => {
    const ids = [await submit(stack), await submit(stack), await submit(stack)];
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await coordinator.api(`/api/coordinator/networks/kemi-perhekeskus/listings?status=pending&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      const body = (await res.json()) as { listings: Array<{ id: string }>; next: string | null };
      seen.push(...body.listings.map((l) => l.id));
      cursor = body.next;
    } while (cursor);
    const mine = seen.filter((x) => ids.includes(x));
    expect(mine).toEqual(ids);
  });
});
