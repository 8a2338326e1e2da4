import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpdateCommand } from '../../functions/shared/aws/dynamodb.js';
import { documentClient } from '../../functions/shared/dynamo.js';
import { addDays, helsinkiDate } from '../../functions/shared/time.js';
import { LOCAL_TABLE } from '../../local/stack.js';
import { twoNetworkConfig } from '../fixtures/config.js';
import { signIn, type SignedIn } from '../support/coordinator.js';
import { startTestStack, type Mail, type TestStack } from '../support/stack.js';
import { subscribeConfirmed } from '../support/subscriptions.js';

const NETWORK = 'kemi-perhekeskus';
const inDays = (n: number) => addDays(helsinkiDate(new Date()), n);

interface Turn { slotId: string; number: number; minutes: number | null; status: 'free' | 'pending' | 'claimed'; organisation?: string; presenter?: string; topic?: string }
interface PublicMeeting { id: string; turns: Turn[]; turnsOpen: boolean }

const claimBody = (over: Record<string, unknown> = {}) => ({
  organisation: 'Kemin seurakunta',
  presenter: 'Maija Meikäläinen',
  showPresenter: false,
  topic: 'Perhetyön arki',
  email: 'maija@seurakunta.example.fi',
  lang: 'fi',
  ...over,
});

/** The token of the confirmation link in a claim mail. */
const tokenIn = (mail: Mail) => /meetings\/turn\/#token=([\w.-]+)/.exec(mail.body.html ?? '')?.[1] ?? '';

describe('presentation turns', () => {
  let stack: TestStack;
  let coordinator: SignedIn;
  beforeAll(async () => {
    stack = await startTestStack({ config: twoNetworkConfig() });
    coordinator = await signIn(stack, 'koordinaattori@kemi.example.fi');
  });
  afterAll(async () => stack?.close());

  const schedule = async (dates: string[], title = 'Verkostokahvit') => {
    const res = await coordinator.api(`/api/coordinator/networks/${NETWORK}/meetings`, {
      method: 'POST',
      json: { meeting: { title: { fi: title }, description: { fi: 'Kuulumiset ja esittelyvuorot.' }, startTime: '13:00', endTime: '15:00', place: { name: 'Pruntsin Poukama', address: 'Keskuspuistokatu 8, Kemi' } }, dates },
    });
    expect(res.status).toBe(202);
    await stack.settle();
    return ((await res.json()) as { ids: string[] }).ids;
  };
  const openTurns = async (id: string, body: Record<string, unknown>) => {
    const res = await coordinator.api(`/api/coordinator/meetings/${id}/turns`, { method: 'POST', json: body });
    await stack.settle();
    return res;
  };
  const meeting = async (id: string) => (await (await stack.api(`/api/meetings/${id}`)).json()) as PublicMeeting;
  const claim = (id: string, slotId: string, over: Record<string, unknown> = {}) => stack.api(`/api/meetings/${id}/turns/${slotId}/claim`, { method: 'POST', json: claimBody(over) });
  const confirm = (token: string) => stack.api('/api/turns/confirm', { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  /** A meeting with one turn claimed and confirmed by `email`; returns the meeting and the turn. */
  const confirmedTurn = async (title: string, email: string, over: Record<string, unknown> = {}) => {
    const [id] = await schedule([inDays(12)], title);
    await openTurns(id!, { count: 1, minutes: 15 });
    const slotId = (await meeting(id!)).turns[0]!.slotId;
    expect((await claim(id!, slotId, { email, ...over })).status).toBe(202);
    await stack.settle();
    const [mail] = await stack.mailTo(email);
    expect((await confirm(tokenIn(mail!))).status).toBe(200);
    await stack.settle();
    return { id: id!, slotId };
  };

  it('opens three 15-minute turns on a meeting; the page lists them free, in order', async () => {
    // Arrange
    const [id] = await schedule([inDays(10)]);

    // Act
    const res = await openTurns(id!, { count: 3, minutes: 15 });

    // Assert
    expect(res.status).toBe(202);
    const m = await meeting(id!);
    expect(m.turnsOpen).toBe(true);
    expect(m.turns.map((t) => [t.number, t.minutes, t.status])).toEqual([[1, 15, 'free'], [2, 15, 'free'], [3, 15, 'free']]);
    expect(stack.archive.filter((e) => e['detail-type'] === 'PresentationSlots.Opened' && (e.detail as { meetingId: string }).meetingId === id)).toHaveLength(1);
  });

  it('opens turns on every coming meeting of a series when asked for the rest', async () => {
    // Arrange
    const ids = await schedule([inDays(20), inDays(50), inDays(80)], 'Sarjan kahvit');

    // Act
    const res = await openTurns(ids[1]!, { count: 2, scope: 'rest' });

    // Assert
    expect(res.status).toBe(202);
    expect((await meeting(ids[0]!)).turns).toEqual([]);
    expect((await meeting(ids[1]!)).turns).toHaveLength(2);
    expect((await meeting(ids[2]!)).turns).toHaveLength(2);
  });

  it('refuses a bad number of turns with field messages', async () => {
    const [id] = await schedule([inDays(11)]);
    const res = await openTurns(id!, { count: 0, minutes: 2 });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields).toEqual({ count: 'Anna vuorojen määrä luvulla 1–12.', minutes: 'Anna kesto minuutteina, 5–240.' });
    expect((await meeting(id!)).turns).toEqual([]);
  });

  it('holds a claimed turn until the emailed link confirms it; then the organisation and topic show, the name only with consent, never the address', async () => {
    // Arrange
    const [id] = await schedule([inDays(14)]);
    await openTurns(id!, { count: 2, minutes: 15 });
    const [first, second] = (await meeting(id!)).turns;
    await stack.clearMail();

    // Act: claim; the turn waits for confirmation and names nobody.
    const res = await claim(id!, first!.slotId, { email: 'Maija@Seurakunta.example.fi' });
    await stack.settle();

    // Assert
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ status: 'pending' });
    const pending = (await meeting(id!)).turns[0]!;
    expect(pending).toEqual({ slotId: first!.slotId, number: 1, minutes: 15, status: 'pending' });
    const [mail] = await stack.mailTo('maija@seurakunta.example.fi');
    expect(mail?.subject).toContain('Vahvista esitysvuorosi');
    expect(mail?.body.text).toContain('Perhetyön arki');

    // Act: follow the link.
    const confirmed = await confirm(tokenIn(mail!));
    await stack.settle();

    // Assert: shown with organisation and topic; the presenter did not consent, so no name.
    expect(confirmed.status).toBe(200);
    const turn = (await meeting(id!)).turns[0]!;
    expect(turn).toEqual({ slotId: first!.slotId, number: 1, minutes: 15, status: 'claimed', organisation: 'Kemin seurakunta', topic: 'Perhetyön arki' });
    const listed = JSON.stringify(await (await stack.api(`/api/meetings?network=${NETWORK}`)).json());
    expect(listed).toContain('Perhetyön arki');
    expect(listed).not.toContain('Maija');
    expect(listed.toLowerCase()).not.toContain('seurakunta.example.fi');

    // Act + Assert: a presenter who consents is named.
    await claim(id!, second!.slotId, { email: 'pekka@mll.example.fi', organisation: 'MLL Kemi', presenter: 'Pekka Puhuja', showPresenter: true, topic: 'Perhekahvilat' });
    await stack.settle();
    const [pekkaMail] = await stack.mailTo('pekka@mll.example.fi');
    await confirm(tokenIn(pekkaMail!));
    expect((await meeting(id!)).turns[1]).toMatchObject({ status: 'claimed', organisation: 'MLL Kemi', presenter: 'Pekka Puhuja', topic: 'Perhekahvilat' });
  });

  it('uses a confirmation link once: the second time changes nothing and says so', async () => {
    const { id } = await confirmedTurn('Kertakäyttö', 'kerta@example.fi');
    const [mail] = await stack.mailTo('kerta@example.fi');

    const again = await confirm(tokenIn(mail!));

    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('used');
    expect((await meeting(id)).turns[0]!.status).toBe('claimed');
    expect(stack.archive.filter((e) => e['detail-type'] === 'PresentationSlot.Confirmed' && (e.detail as { meetingId: string }).meetingId === id)).toHaveLength(1);
  });

  it('gives a turn to exactly one of 20 concurrent claims; the others get 409 "taken"', async () => {
    // Arrange
    const [id] = await schedule([inDays(16)], 'Kilpajuoksu');
    await openTurns(id!, { count: 1 });
    const slotId = (await meeting(id!)).turns[0]!.slotId;

    // Act
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => claim(id!, slotId, { email: `kilpailija${i}@example.fi`, organisation: `Järjestö ${i}` })));
    await stack.settle();

    // Assert
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 202)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const losers = await Promise.all(answers.filter((r) => r.status === 409).map(async (r) => ((await r.json()) as { error: { code: string } }).error.code));
    expect(new Set(losers)).toEqual(new Set(['taken']));
    const claimedEvents = stack.archive.filter((e) => e['detail-type'] === 'PresentationSlot.Claimed' && (e.detail as { meetingId: string }).meetingId === id);
    expect(claimedEvents).toHaveLength(1);
    const linkMails = (await stack.mailbox()).filter((m) => /kilpailija\d+@example\.fi/.test(m.destination.to.join()) && m.subject.includes('Vahvista'));
    expect(linkMails).toHaveLength(1);
  });

  it('frees an unconfirmed claim when its hold runs out: another member can claim it and the old link says it expired', async () => {
    // Arrange: a claim whose 24 hours have passed (its hold moved to the past).
    const [id] = await schedule([inDays(18)], 'Vanheneva');
    await openTurns(id!, { count: 1 });
    const slotId = (await meeting(id!)).turns[0]!.slotId;
    await claim(id!, slotId, { email: 'hidas@example.fi' });
    await stack.settle();
    const [slow] = await stack.mailTo('hidas@example.fi');
    await documentClient().send(new UpdateCommand({ TableName: LOCAL_TABLE, Key: { pk: `MEETING#${id}`, sk: `SLOT#${slotId}` }, UpdateExpression: 'SET holdUntil = :past', ExpressionAttributeValues: { ':past': new Date(Date.now() - 60_000).toISOString() } }));

    // Act + Assert: the page shows it free, and a new claim takes it.
    expect((await meeting(id!)).turns[0]!.status).toBe('free');
    expect((await claim(id!, slotId, { email: 'nopea@example.fi' })).status).toBe(202);
    const late = await confirm(tokenIn(slow!));
    expect(late.status).toBe(410);
    expect(((await late.json()) as { error: { code: string } }).error.code).toBe('expired');
    expect((await meeting(id!)).turns[0]!.status).toBe('pending');
  });

  it('lets the desk release a confirmed turn: it is free again and the claimant is mailed', async () => {
    // Arrange
    const { id, slotId } = await confirmedTurn('Vapautettava', 'vapautus@example.fi');

    // Act
    const res = await coordinator.api(`/api/coordinator/meetings/${id}/turns/${slotId}/release`, { method: 'POST', json: {} });
    await stack.settle();

    // Assert
    expect(res.status).toBe(202);
    expect((await meeting(id)).turns[0]!.status).toBe('free');
    const mails = await stack.mailTo('vapautus@example.fi');
    expect(mails.at(-1)?.subject).toContain('Esitysvuorosi on vapautettu');
    expect(mails.at(-1)?.body.text).toContain('Perhetyön arki');
    const desk = (await (await coordinator.api(`/api/coordinator/meetings/${id}/turns`)).json()) as { turns: Turn[] };
    expect(desk.turns[0]).toMatchObject({ status: 'free' });
    expect(desk.turns[0]).not.toHaveProperty('email');
  });

  it('tells a confirmed presenter when their meeting changes and when it is cancelled, with the reason', async () => {
    // Arrange
    const { id } = await confirmedTurn('Muuttuva', 'muuttuva@example.fi');

    // Act
    await coordinator.api(`/api/coordinator/meetings/${id}`, { method: 'PATCH', json: { changes: { startTime: '14:00', endTime: '16:00' } } });
    await stack.settle();
    await coordinator.api(`/api/coordinator/meetings/${id}/cancel`, { method: 'POST', json: { reason: 'Sairastuminen' } });
    await stack.settle();

    // Assert
    const mails = await stack.mailTo('muuttuva@example.fi');
    expect(mails.map((m) => m.subject.split(':')[0])).toEqual(['Vahvista esitysvuorosi', 'Tapaaminen, jossa esität, muuttui', 'Tapaaminen, jossa olisit esittänyt, on peruttu']);
    expect(mails[1]!.body.text).toMatch(/14\.00/);
    expect(mails[2]!.body.text).toContain('Sairastuminen');
  });

  it('closes a free turn (it no longer shows) but not a claimed one', async () => {
    // Arrange
    const { id, slotId } = await confirmedTurn('Suljettava', 'suljettava@example.fi');
    await openTurns(id, { count: 1 });
    const free = (await meeting(id)).turns.find((t) => t.status === 'free')!;

    // Act
    const closedFree = await coordinator.api(`/api/coordinator/meetings/${id}/turns/${free.slotId}/close`, { method: 'POST', json: {} });
    const closedClaimed = await coordinator.api(`/api/coordinator/meetings/${id}/turns/${slotId}/close`, { method: 'POST', json: {} });

    // Assert
    expect(closedFree.status).toBe(202);
    expect(closedClaimed.status).toBe(409);
    expect((await meeting(id)).turns.map((t) => t.slotId)).toEqual([slotId]);
    expect((await claim(id, free.slotId)).status).toBe(410);
  });

  it('shows the desk who claimed each turn, with the address and whether the name is public', async () => {
    const { id } = await confirmedTurn('Työpöytä', 'tyopoyta@example.fi');

    const desk = (await (await coordinator.api(`/api/coordinator/meetings/${id}/turns`)).json()) as { turns: Array<Turn & { email?: string; showPresenter?: boolean }> };

    expect(desk.turns[0]).toMatchObject({ status: 'claimed', organisation: 'Kemin seurakunta', presenter: 'Maija Meikäläinen', showPresenter: false, email: 'tyopoyta@example.fi' });
  });

  it('refuses a claim with bad fields with a 400 and field messages, and the turn stays free', async () => {
    // Arrange
    const [id] = await schedule([inDays(22)], 'Virheet');
    await openTurns(id!, { count: 1 });
    const slotId = (await meeting(id!)).turns[0]!.slotId;

    // Act
    const res = await claim(id!, slotId, { organisation: 'x'.repeat(161), topic: '', email: 'ei-osoite' });

    // Assert
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields).toEqual({ organisation: 'Teksti on liian pitkä.', topic: 'Tämä tieto on pakollinen.', email: 'Anna sähköpostiosoite muodossa nimi@esimerkki.fi.' });
    expect((await meeting(id!)).turns[0]!.status).toBe('free');
  });

  it('answers 404 for a turn that does not exist and 410 for a cancelled meeting', async () => {
    const [id] = await schedule([inDays(24)], 'Peruttava');
    await openTurns(id!, { count: 1 });
    const slotId = (await meeting(id!)).turns[0]!.slotId;

    expect((await claim(id!, '99')).status).toBe(404);
    await coordinator.api(`/api/coordinator/meetings/${id}/cancel`, { method: 'POST', json: {} });
    await stack.settle();
    expect((await claim(id!, slotId)).status).toBe(410);
    expect((await meeting(id!)).turnsOpen).toBe(false);
  });

  it("puts confirmed turns, escaped, into the digest's HTML and text and into an attendee's invitation", async () => {
    // Arrange: a turn whose texts look like markup.
    const { id } = await confirmedTurn('Digestiin', 'digest@example.fi', { organisation: 'Järjestö <b>& co</b>', topic: 'Aihe "<script>"', presenter: 'Tiina', showPresenter: true });
    await stack.clearMail();

    // Act: a test digest to the coordinator (the real digest path), and an RSVP.
    const test = await coordinator.api(`/api/coordinator/networks/${NETWORK}/digests/test?lang=fi`, { method: 'POST', json: {} });
    await stack.api(`/api/meetings/${id}/rsvps`, { method: 'POST', json: { name: 'Osallistuja', email: 'osallistuja-digest@example.fi', attendance: 'onsite', lang: 'fi' } });
    await stack.settle();

    // Assert
    expect(test.status).toBe(202);
    const [digest] = await stack.mailTo('koordinaattori@kemi.example.fi').then((all) => all.filter((m) => m.subject.includes('TESTI')));
    const line = 'Järjestö <b>& co</b> (Tiina): Aihe "<script>"';
    expect(digest?.body.text).toContain(line);
    expect(digest?.body.html).toContain('Järjestö &lt;b&gt;&amp; co&lt;/b&gt; (Tiina): Aihe &quot;&lt;script&gt;&quot;');
    expect(digest?.body.html).not.toContain('<b>& co');
    const [invite] = await stack.mailTo('osallistuja-digest@example.fi');
    expect(invite?.body.text).toContain('Esitysvuorot');
    expect(invite?.body.text).toContain(line);
  });

  it("sends a subscriber who chose meetings the digest with the meeting's turn, in their language", async () => {
    // Arrange
    await confirmedTurn('Uutiskirjeeseen', 'uutiskirje-esittaja@example.fi', { organisation: 'Kemin kaupunki', topic: 'Perhekeskuksen palvelut' });
    await subscribeConfirmed(stack, { email: 'lukija-vuorot@example.fi', lang: 'sv', kinds: ['meetings'] });

    // Act: the coordinator sends the digest now (Digest.Requested → builder → queue → sender).
    expect((await coordinator.api(`/api/coordinator/networks/${NETWORK}/digests`, { method: 'POST' })).status).toBe(202);
    await stack.settle();

    // Assert
    const digest = (await stack.mailTo('lukija-vuorot@example.fi')).find((m) => m.body.text?.includes('Uutiskirjeeseen'));
    expect(digest?.body.text).toContain('Presentationer: Kemin kaupunki: Perhekeskuksen palvelut');
    expect(digest?.body.html).toContain('Kemin kaupunki: Perhekeskuksen palvelut');
  });

  it('keeps names and addresses out of the turn events (the archive keeps the ones that name nobody)', async () => {
    await confirmedTurn('Arkisto', 'arkisto@example.fi');
    const turnEvents = stack.archive.filter((e) => String(e['detail-type']).startsWith('PresentationSlot'));
    expect(turnEvents.length).toBeGreaterThan(0);
    const text = JSON.stringify(turnEvents.filter((e) => e['detail-type'] === 'PresentationSlot.Claimed' || e['detail-type'] === 'PresentationSlot.Confirmed'));
    expect(text).not.toContain('arkisto@example.fi');
    expect(text).not.toContain('Maija');
    expect(text).not.toContain('Kemin seurakunta');
  });
});
