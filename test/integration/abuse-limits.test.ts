import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../functions/shared/limits.js';
import { addDays, helsinkiDate } from '../../functions/shared/time.js';
import { twoNetworkConfig } from '../fixtures/config.js';
import { aListing } from '../fixtures/listings.js';
import { fromClient, windowsTouched } from '../support/clients.js';
import { signIn, signInLink, type SignedIn } from '../support/coordinator.js';
import { startTestStack, type Mail, type TestStack } from '../support/stack.js';

/**
 * The outside review's first finding: public routes that send mail were an
 * open relay. This file runs with the limits the service ships with; each
 * loopback address 127.0.0.n is one client (offline the socket address is
 * the viewer's address, as CloudFront-Viewer-Address is in AWS).
 */
const KEMI = 'koordinaattori@kemi.example.fi';
const PAIJAT = 'koordinaattori@phsotey.example.fi';
const figures = { requests: 0, accepted: 0, beyond: 0 };

describe('abuse: mail-sending routes from outside', () => {
  let stack: TestStack;
  let coordinator: SignedIn;
  let meetingId: string;
  beforeAll(async () => {
    stack = await startTestStack({ config: twoNetworkConfig(), productionLimits: true });
    coordinator = await signIn(stack, KEMI);
    const scheduled = await coordinator.api('/api/coordinator/networks/kemi-perhekeskus/meetings', {
      method: 'POST',
      json: {
        meeting: { title: { fi: 'Verkostokahvit' }, description: { fi: 'Kuulumiset' }, startTime: '13:00', endTime: '15:00', place: { name: 'Pruntsin Poukama', address: 'Keskuspuistokatu 8, Kemi' }, capacity: 5 },
        dates: [addDays(helsinkiDate(new Date()), 20)],
      },
    });
    meetingId = ((await scheduled.json()) as { ids: string[] }).ids[0]!;
    await stack.settle();
  });
  afterAll(async () => {
    console.log(`abuse: ${figures.requests} mail-sending requests from one client, ${figures.accepted} accepted, ${figures.beyond} relayed beyond limits`);
    await stack?.close();
  });

  it('accepts from one client only what the per-client limits allow, and mails nothing beyond them', async () => {
    // Arrange: 200 requests to the three public routes that mail an address the request names, each a new address.
    const client = 7;
    const L = DEFAULT_LIMITS;
    const requests = [
      ...Array.from({ length: 70 }, (_, i) => () => fromClient(stack.urls.site, client, '/api/listings', { method: 'POST', json: aListing({ title: { fi: `Roskailmoitus ${i}` }, contact: { name: 'Roska', email: `uhri-l${i}@example.com` } }) })),
      ...Array.from({ length: 70 }, (_, i) => () => fromClient(stack.urls.site, client, `/api/meetings/${meetingId}/rsvps`, { method: 'POST', json: { name: 'Roska', email: `uhri-r${i}@example.com`, attendance: 'onsite', lang: 'fi' } })),
      ...Array.from({ length: 60 }, (_, i) => () => fromClient(stack.urls.site, client, '/api/subscriptions', { method: 'POST', json: { email: `uhri-s${i}@example.com`, lang: 'fi', networks: ['kemi-perhekeskus'], kinds: ['listings'], themes: [], frequency: 'weekly' } })),
    ];
    await stack.clearMail();

    // Act
    // Twenty at a time: offline every request shares one process, and 200 at once outlast the functions' 10 s timeout on a busy machine.
    const start = Date.now();
    const statuses: number[] = [];
    for (let i = 0; i < requests.length; i += 20) statuses.push(...(await Promise.all(requests.slice(i, i + 20).map((r) => r().then((res) => res.status)))));
    const end = Date.now();
    await stack.settle();

    // Assert
    const windows = windowsTouched(start, end, 3600);
    const allowed = windows * (L.listings.perClient + L.rsvps.perClient + L.subscriptions.perClient);
    const accepted = statuses.filter((s) => s >= 200 && s < 300).length;
    const relayed = (await stack.mailbox()).filter((m) => m.destination.to.some((to) => to.startsWith('uhri-'))).length;
    figures.requests += requests.length;
    figures.accepted += accepted;
    figures.beyond += Math.max(0, relayed - allowed);
    expect(statuses.filter((s) => s !== 429 && (s < 200 || s >= 300))).toEqual([]);
    expect(accepted).toBeLessThanOrEqual(allowed);
    expect(relayed).toBeLessThanOrEqual(accepted);
  });

  it('stops one address from being mailed more than its own limit, whichever clients send the requests', async () => {
    // Arrange: 12 clients each submit a different listing for the same stranger's address.
    const victim = 'kohde@example.com';
    const start = Date.now();

    // Act
    const statuses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => fromClient(stack.urls.site, 20 + i, '/api/listings', { method: 'POST', json: aListing({ title: { fi: `Kohdistettu ${i}` }, contact: { name: 'Kohde', email: victim } }) }).then((r) => r.status)),
    );
    await stack.settle();

    // Assert
    const allowed = windowsTouched(start, Date.now(), DEFAULT_LIMITS.listings.windowSeconds) * DEFAULT_LIMITS.listings.perAddress;
    expect(statuses.filter((s) => s === 202).length).toBeLessThanOrEqual(allowed);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(statuses.length - allowed);
    expect((await stack.mailTo(victim)).length).toBeLessThanOrEqual(allowed);
  });

  it('keys the per-client limit on the socket address offline, so a forged viewer address header does not reset it', async () => {
    // Arrange: one client spends its listing limit while claiming to be someone else each time.
    const client = 40;
    const start = Date.now();

    // Act
    const statuses: number[] = [];
    for (let i = 0; i < DEFAULT_LIMITS.listings.perClient + 3; i++) {
      const res = await fromClient(stack.urls.site, client, '/api/listings', {
        method: 'POST',
        json: aListing({ title: { fi: `Naamioitu ${i}` }, contact: { name: 'Naamio', email: `naamio${i}@example.com` } }),
        headers: { 'x-viewer-address': `198.51.100.${i}`, 'cloudfront-viewer-address': `198.51.100.${i}:4000` },
      });
      statuses.push(res.status);
    }

    // Assert
    const allowed = windowsTouched(start, Date.now(), DEFAULT_LIMITS.listings.windowSeconds) * DEFAULT_LIMITS.listings.perClient;
    expect(statuses.filter((s) => s === 202).length).toBeLessThanOrEqual(allowed);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(statuses.length - allowed);
  });

  it('mails coordinators each new listing up to the hourly ceiling, then one batched notice of how many wait', async () => {
    // Arrange: more new listings than the ceiling, each from its own client and address, to a network no other test here uses.
    const count = DEFAULT_LIMITS.coordinatorNoticesPerHour + 6;
    await stack.settle();
    const start = Date.now();

    // Act
    const statuses = await Promise.all(
      Array.from({ length: count }, (_, i) => fromClient(stack.urls.site, 100 + i, '/api/listings', { method: 'POST', json: aListing({ network: 'paijat-hame-sosiaaliala', title: { fi: `Katto ${i}` }, contact: { name: 'Katto', email: `katto${i}@example.fi` } }) }).then((r) => r.status)),
    );
    await stack.settle();

    // Assert
    const windows = windowsTouched(start, Date.now(), 3600);
    const toCoordinator = await stack.mailTo(PAIJAT);
    const single = toCoordinator.filter((m) => /^Uusi ilmoitus odottaa/.test(m.subject));
    const batched = toCoordinator.filter((m) => /ilmoitusta odottaa tarkistusta/.test(m.subject) && !/^Uusi/.test(m.subject));
    expect(statuses.every((s) => s === 202)).toBe(true);
    expect(single.length).toBeLessThanOrEqual(windows * DEFAULT_LIMITS.coordinatorNoticesPerHour);
    expect(batched.length).toBeGreaterThanOrEqual(1);
    expect(batched.length).toBeLessThanOrEqual(windows);
    expect(batched[0]!.subject).toMatch(/^\d+ /);
  });

  it('makes one listing of an identical submission repeated at once, with one receipt', async () => {
    // Arrange
    const listing = aListing({ title: { fi: 'Tuplaklikkaus' }, contact: { name: 'Tupla', email: 'tupla@example.fi' } });

    // Act: 20 identical submissions in parallel.
    const answers = await Promise.all(Array.from({ length: 20 }, () => fromClient(stack.urls.site, 60, '/api/listings', { method: 'POST', json: listing })));
    await stack.settle();

    // Assert
    const ids = new Set(answers.map((a) => (a.json() as { id: string }).id));
    const queue = (await (await coordinator.api('/api/coordinator/networks/kemi-perhekeskus/listings?status=pending&limit=200')).json()) as { listings: Array<{ data: { title: { fi: string } } }> };
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 202));
    expect(ids.size).toBe(1);
    expect(queue.listings.filter((l) => l.data.title.fi === 'Tuplaklikkaus')).toHaveLength(1);
    expect(await stack.mailTo('tupla@example.fi')).toHaveLength(1);
  });

  it('puts no submitted text in the receipt subject, and shows it escaped in the body', async () => {
    // Arrange
    const title = 'Voitit <b>iPhonen</b> – lunasta osoitteessa huijaus.example';

    // Act
    const res = await fromClient(stack.urls.site, 61, '/api/listings', { method: 'POST', json: aListing({ title: { fi: title }, contact: { name: 'Kuitti', email: 'kuitti@example.fi' } }) });
    await stack.settle();

    // Assert
    const [receipt] = await stack.mailTo('kuitti@example.fi');
    expect(res.status).toBe(202);
    expect(receipt!.subject).not.toContain('iPhone');
    expect(receipt!.subject).not.toContain('huijaus');
    expect(receipt!.body.html).toContain('&lt;b&gt;iPhonen&lt;/b&gt;');
  });

  it('answers a sign-in request for a coordinator and for a stranger alike while mail is down, and mails the link once it is back', async () => {
    // Arrange
    await stack.settle();
    await stack.clearMail();

    // Act: the sending happens after the answer, so a mail outage cannot show in it.
    await stack.mailService.stop();
    const forCoordinator = await fromClient(stack.urls.site, 62, '/api/auth/login', { method: 'POST', json: { email: KEMI } });
    const forStranger = await fromClient(stack.urls.site, 62, '/api/auth/login', { method: 'POST', json: { email: 'vieras@example.fi' } });
    await stack.settle();
    await stack.mailService.start();
    await stack.bus.redrive();
    await stack.settle();

    // Assert
    expect([forCoordinator.status, forStranger.status]).toEqual([202, 202]);
    expect(forCoordinator.text).toBe(forStranger.text);
    expect(await signInLink(stack, KEMI)).toMatch(/\/api\/auth\/callback\?token=/);
    expect(await stack.mailTo('vieras@example.fi')).toEqual([] as Mail[]);
  });
  it('limits presentation-turn claims like the other public POSTs: one address is sent no more confirmation links than its limit', async () => {
    // Arrange: 12 free turns; 12 clients each claim one for the same stranger's address.
    await coordinator.api(`/api/coordinator/meetings/${meetingId}/turns`, { method: 'POST', json: { count: 12 } });
    await stack.settle();
    const turns = ((await (await stack.api(`/api/meetings/${meetingId}`)).json()) as { turns: Array<{ slotId: string }> }).turns;
    const victim = 'vuorokohde@example.com';
    const start = Date.now();

    // Act
    const statuses = await Promise.all(
      turns.map((t, i) => fromClient(stack.urls.site, 60 + i, `/api/meetings/${meetingId}/turns/${t.slotId}/claim`, { method: 'POST', json: { organisation: 'Roska', presenter: 'Roska', topic: 'Roska', email: victim, lang: 'fi' } }).then((r) => r.status)),
    );
    await stack.settle();

    // Assert
    const allowed = windowsTouched(start, Date.now(), DEFAULT_LIMITS.presentations.windowSeconds) * DEFAULT_LIMITS.presentations.perAddress;
    expect(statuses.filter((s) => s === 202).length).toBeLessThanOrEqual(allowed);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(statuses.length - allowed);
    expect((await stack.mailTo(victim)).length).toBeLessThanOrEqual(allowed);
  });
});
