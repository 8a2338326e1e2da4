import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aListing } from '../fixtures/listings.js';
import { signIn, type SignedIn } from '../support/coordinator.js';
import { approve, submit } from '../support/listings.js';
import { startTestStack, type TestStack } from '../support/stack.js';
import { confirmFromMail, header, subscribe, subscribeConfirmed } from '../support/subscriptions.js';

const digestsTo = async (stack: TestStack, email: string) => (await stack.mailTo(email)).filter((m) => header(m, 'List-Unsubscribe'));

describe('the mailing list and its digest', () => {
  let stack: TestStack;
  let coordinator: SignedIn;
  const sendDigest = async () => {
    const res = await coordinator.api('/api/coordinator/networks/kemi-perhekeskus/digests', { method: 'POST' });
    expect(res.status).toBe(202);
    await stack.settle();
  };

  beforeAll(async () => {
    stack = await startTestStack();
    coordinator = await signIn(stack, 'koordinaattori@kemi.example.fi');
  });
  afterAll(async () => stack?.close());

  it('gives each confirmed subscriber one digest with their items in their language and both unsubscribe headers', async () => {
    // Arrange
    await subscribeConfirmed(stack, { email: 'aino@example.fi', lang: 'fi' });
    await subscribeConfirmed(stack, { email: 'elsa@example.fi', lang: 'sv' });
    await subscribeConfirmed(stack, { email: 'carer@example.fi', lang: 'en', themes: ['carers'] });
    await subscribe(stack, { email: 'unconfirmed@example.fi' });
    const id = await submit(stack, aListing({ title: { fi: 'Perhekahvila', sv: 'Familjecafé' }, themes: ['family-support'] }));
    await approve(coordinator, stack, id);

    // Act
    await sendDigest();

    // Assert
    const aino = await digestsTo(stack, 'aino@example.fi');
    const elsa = await digestsTo(stack, 'elsa@example.fi');
    expect(aino).toHaveLength(1);
    expect(elsa).toHaveLength(1);
    expect(aino[0]!.body.html).toContain('Perhekahvila');
    expect(aino[0]!.body.html).toContain('lang="fi"');
    expect(elsa[0]!.body.html).toContain('Familjecafé');
    expect(elsa[0]!.body.text).toContain('Avsluta prenumerationen');
    expect(header(aino[0]!, 'List-Unsubscribe')).toMatch(/^<http:\/\/localhost:\d+\/api\/subscriptions\/unsubscribe\?token=[\w.-]+&lang=fi>$/);
    expect(header(elsa[0]!, 'List-Unsubscribe')).toMatch(/&lang=sv>$/);
    expect(header(aino[0]!, 'Content-Language')).toBe('fi');
    expect(header(elsa[0]!, 'Content-Language')).toBe('sv');
    expect(header(aino[0]!, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(await digestsTo(stack, 'carer@example.fi')).toHaveLength(0);
    expect(await digestsTo(stack, 'unconfirmed@example.fi')).toHaveLength(0);
    const history = (await (await coordinator.api('/api/coordinator/networks/kemi-perhekeskus/digests')).json()) as { digests: Array<{ status: string; sent: number; skipped: number; recipients: number }> };
    expect(history.digests[0]).toMatchObject({ status: 'sent', recipients: 3, sent: 2, skipped: 1 });
    expect(stack.archive.filter((e) => e['detail-type'] === 'Digest.Sent')).toHaveLength(1);
  });

  it("opens the unsubscribe page from the mail's link in the mail's language, whatever the browser prefers", async () => {
    const [digest] = await digestsTo(stack, 'elsa@example.fi');
    const url = header(digest!, 'List-Unsubscribe')!.slice(1, -1);

    const res = await fetch(url, { redirect: 'manual', headers: { 'accept-language': 'en-GB,en;q=0.9' } });

    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/sv\/subscribe\/unsubscribe\/#token=/);
    expect(digest!.body.html).toMatch(/href="[^"]*\/sv\/subscribe\/manage\//);
  });

  it('stops mail at once after a one-click unsubscribe POST and erases the address', async () => {
    const [digest] = await digestsTo(stack, 'aino@example.fi');
    const url = header(digest!, 'List-Unsubscribe')!.slice(1, -1);

    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    await stack.settle();
    await stack.clearMail();
    await approve(coordinator, stack, await submit(stack, aListing({ title: { fi: 'Toinen uutuus' } })));
    await sendDigest();

    expect(res.status).toBe(200);
    expect(await digestsTo(stack, 'aino@example.fi')).toHaveLength(0);
    expect(await digestsTo(stack, 'elsa@example.fi')).toHaveLength(1);
  });

  it('sends nothing to a hard-bounced address', async () => {
    await subscribeConfirmed(stack, { email: 'bounces@example.fi' });
    stack.bus.putEvents([
      {
        Source: 'aws.ses',
        DetailType: 'Email Bounced',
        Detail: JSON.stringify({ eventType: 'Bounce', bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: 'bounces@example.fi' }] }, mail: {} }),
      },
    ]);
    await stack.settle();
    await stack.clearMail();
    await approve(coordinator, stack, await submit(stack, aListing({ title: { fi: 'Kolmas uutuus' } })));

    await sendDigest();

    expect(await digestsTo(stack, 'bounces@example.fi')).toHaveLength(0);
    expect(await digestsTo(stack, 'elsa@example.fi')).toHaveLength(1);
  });

  it('sends no email to a subscriber with nothing new', async () => {
    await stack.clearMail();
    await sendDigest();
    expect(await digestsTo(stack, 'elsa@example.fi')).toHaveLength(0);
  });

  it('re-sends the link to a pending address instead of making a second request, and reveals nothing', async () => {
    await stack.clearMail();
    await subscribe(stack, { email: 'twice@example.fi' });
    await subscribe(stack, { email: 'twice@example.fi', lang: 'en' });
    const again = await stack.api('/api/subscriptions', { method: 'POST', json: { email: 'elsa@example.fi', lang: 'sv', networks: ['kemi-perhekeskus'], kinds: ['listings'], frequency: 'weekly' } });

    const links = (await stack.mailTo('twice@example.fi')).map((m) => /#token=([\w.-]+)/.exec(m.body.text ?? '')?.[1]);
    const requests = links.map((t) => JSON.parse(Buffer.from(t!.split('.')[1]!, 'base64url').toString()).requestId);
    expect(new Set(requests).size).toBe(1);
    expect(again.status).toBe(202);
    expect((await stack.mailTo('elsa@example.fi'))[0]?.subject).toMatch(/redan/);
    await confirmFromMail(stack, 'twice@example.fi');
  });

  it('lets a subscriber change preferences with the manage link', async () => {
    const mail = (await stack.mailTo('elsa@example.fi')).at(-1)!;
    const token = /manage\/#token=([\w.-]+)/.exec(mail.body.text ?? '')![1]!;
    const auth = { authorization: `Bearer ${token}` };
    const put = await stack.api('/api/subscriptions/me', { method: 'PUT', headers: auth, json: { lang: 'en', networks: ['kemi-perhekeskus'], kinds: ['meetings'], themes: [], frequency: 'monthly' } });
    const got = (await (await stack.api('/api/subscriptions/me', { headers: auth })).json()) as { lang: string; frequency: string };
    expect(put.status).toBe(200);
    expect(got).toMatchObject({ lang: 'en', frequency: 'monthly' });
  });

  it('shows the coordinator a preview and a subscriber summary without addresses', async () => {
    const preview = (await (await coordinator.api('/api/coordinator/networks/kemi-perhekeskus/digests/preview?lang=fi')).json()) as { html: string; subject: string };
    const summary = (await (await coordinator.api('/api/coordinator/networks/kemi-perhekeskus/subscribers/summary')).json()) as { total: number };
    expect(preview.subject).toContain('Kemin perhekeskuksen verkosto');
    expect(summary.total).toBeGreaterThan(0);
    expect(JSON.stringify(summary)).not.toContain('@');
  });
});

