import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, helsinkiDate } from '../../functions/shared/time.js';
import { twoNetworkConfig } from '../fixtures/config.js';
import { aListing } from '../fixtures/listings.js';
import { needsSurvey } from '../fixtures/surveys.js';
import { signIn, type SignedIn } from '../support/coordinator.js';
import { approve, editTokenFromMail, submit } from '../support/listings.js';
import { startTestStack, type Mail, type TestStack } from '../support/stack.js';
import { subscribeConfirmed } from '../support/subscriptions.js';

/**
 * The outside review's findings 2–8 and the smaller holes, each as it was
 * reproduced: races with at least 10 parallel requests on the real local stack.
 */
const KEMI = 'koordinaattori@kemi.example.fi';
const PAIJAT = 'koordinaattori@phsotey.example.fi';
const inDays = (n: number) => addDays(helsinkiDate(new Date()), n);
const icsOf = (m: Mail) => Buffer.from(m.attachments.find((a) => a.contentType.startsWith('text/calendar'))?.content ?? '', 'base64').toString('utf8');
const parallel = <T>(n: number, fn: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => fn(i)));

describe('abuse: races and injections', () => {
  let stack: TestStack;
  let coordinator: SignedIn;
  beforeAll(async () => {
    stack = await startTestStack({ config: twoNetworkConfig() });
    coordinator = await signIn(stack, KEMI);
  });
  afterAll(async () => stack?.close());

  const schedule = async (over: Record<string, unknown> = {}) => {
    const res = await coordinator.api('/api/coordinator/networks/kemi-perhekeskus/meetings', {
      method: 'POST',
      json: { meeting: { title: { fi: 'Verkostokahvit' }, description: { fi: 'Kuulumiset' }, startTime: '13:00', endTime: '15:00', place: { name: 'Pruntsin Poukama', address: 'Keskuspuistokatu 8, Kemi' }, ...over }, dates: [inDays(15)] },
    });
    expect(res.status).toBe(202);
    await stack.settle();
    return ((await res.json()) as { ids: string[] }).ids[0]!;
  };
  const rsvp = (id: string, email: string, name = `Nimi ${email}`) => stack.api(`/api/meetings/${id}/rsvps`, { method: 'POST', json: { name, email, attendance: 'onsite', lang: 'fi' } });

  describe('2. calendar injection through a name', () => {
    it('refuses control characters in an RSVP name and in a listing’s person and organisation names with field messages', async () => {
      // Arrange
      const id = await schedule();
      const evil = 'Eve\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Reset password\r\nURL:https://evil.example';

      // Act
      const answer = await rsvp(id, 'eve@example.com', evil);
      const listing = await stack.api('/api/listings', { method: 'POST', json: { ...aListing(), contact: { name: 'Eve\nBcc: x', email: 'eve@example.com' }, organisation: { name: 'Org\u0007', kind: 'association' } } });
      await stack.settle();

      // Assert
      expect(answer.status).toBe(400);
      expect(Object.keys(((await answer.json()) as { error: { fields: Record<string, string> } }).error.fields)).toEqual(['name']);
      expect(listing.status).toBe(400);
      expect(Object.keys(((await listing.json()) as { error: { fields: Record<string, string> } }).error.fields).sort()).toEqual(['contact.name', 'organisation.name']);
      expect(await stack.mailTo('eve@example.com')).toEqual([]);
    });

    it('quotes a name with quotes, semicolons, colons and commas in the invite so it stays one parameter', async () => {
      // Arrange
      const id = await schedule();
      const name = 'Virtanen; Maija: "Mainio", ROLE=CHAIR';

      // Act
      await rsvp(id, 'mainio@example.fi', name);
      await stack.settle();

      // Assert
      const [invite] = await stack.mailTo('mainio@example.fi');
      const calendar = new ICAL.Component(ICAL.parse(icsOf(invite!)));
      const events = calendar.getAllSubcomponents('vevent');
      const attendee = events[0]!.getFirstProperty('attendee')!;
      expect(events).toHaveLength(1);
      expect(attendee.getParameter('role')).toBe('REQ-PARTICIPANT');
      expect(attendee.getParameter('cn')).toBe("Virtanen; Maija: 'Mainio', ROLE=CHAIR");
    });
  });

  describe('3. removing coordinators concurrently', () => {
    it('keeps at least one coordinator when every coordinator is removed at once, and the config’s coordinator can still sign in', async () => {
      // Arrange: nine added coordinators beside the configured one, in a network no other test here uses.
      const other = await signIn(stack, PAIJAT);
      const path = '/api/coordinator/networks/paijat-hame-sosiaaliala/coordinators';
      const added = Array.from({ length: 9 }, (_, i) => `lisatty${i}@phsotey.example.fi`);
      for (const email of added) expect((await other.api(path, { method: 'POST', json: { email } })).status).toBe(201);
      const everyone = [PAIJAT, ...added];

      // Act: ten removals in parallel, one for each.
      const statuses = await Promise.all(everyone.map((email) => other.api(`${path}/${encodeURIComponent(email)}`, { method: 'DELETE' }).then((r) => r.status)));
      await stack.settle();

      // Assert: the configured coordinator signs in (break-glass) and sees who is left.
      const left = (await (await (await signIn(stack, PAIJAT)).api(path)).json()) as { coordinators: Array<{ email: string }> };
      expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
      expect(left.coordinators.length).toBeGreaterThanOrEqual(1);
      expect(left.coordinators.map((c) => c.email)).toContain(PAIJAT);
    });

    it('refuses the last removal when only added coordinators remain and all are removed at once', async () => {
      // Arrange: a network whose only configured coordinator cannot be removed leaves the added ones; ten are removed together.
      const me = await signIn(stack, KEMI);
      const path = '/api/coordinator/networks/kemi-perhekeskus/coordinators';
      const added = Array.from({ length: 10 }, (_, i) => `kilpa${i}@kemi.example.fi`);
      for (const email of added) expect((await me.api(path, { method: 'POST', json: { email } })).status).toBe(201);

      // Act
      const statuses = await Promise.all(added.map((email) => me.api(`${path}/${encodeURIComponent(email)}`, { method: 'DELETE' }).then((r) => r.status)));
      const removeConfigured = await me.api(`${path}/${encodeURIComponent(KEMI)}`, { method: 'DELETE' });

      // Assert
      const left = (await (await me.api(path)).json()) as { coordinators: Array<{ email: string }> };
      expect(statuses.filter((s) => s === 200)).toHaveLength(10);
      expect(removeConfigured.status).toBe(409);
      expect(left.coordinators.map((c) => c.email)).toEqual([KEMI]);
    });
  });

  describe('4. moderation decisions', () => {
    it('takes exactly one decision when approvals and rejections of one revision arrive together', async () => {
      // Arrange
      const submitter = 'paatos@example.fi';
      const id = await submit(stack, aListing({ title: { fi: 'Kilpaileva päätös' }, contact: { name: 'Päätös', email: submitter } }));
      await stack.clearMail();

      // Act: 10 approvals and 10 rejections at once.
      const statuses = await parallel(20, (i) =>
        coordinator.api(`/api/coordinator/listings/${id}/${i % 2 ? 'reject' : 'approve'}`, { method: 'POST', json: i % 2 ? { reason: 'Ei sovi verkostoon' } : {} }).then((r) => r.status),
      );
      await stack.settle();

      // Assert
      const outcomes = await stack.mailTo(submitter);
      const audit = (await (await coordinator.api('/api/coordinator/networks/kemi-perhekeskus/audit')).json()) as { entries: Array<{ action: string; target: { id: string } }> };
      const decisions = audit.entries.filter((e) => e.target.id === id && /Listing\.(Approved|Rejected)/.test(e.action));
      expect(statuses.filter((s) => s === 202)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(19);
      expect(outcomes).toHaveLength(1);
      expect(decisions).toHaveLength(1);
    });
  });

  describe('5. one answer per address', () => {
    it('gives one address one seat however many answers it sends at once', async () => {
      // Arrange
      const id = await schedule({ capacity: 5 });

      // Act
      const answers = await parallel(10, () => rsvp(id, 'kiirehtija@example.fi').then((r) => r.json() as Promise<{ rsvpId: string }>));
      await stack.settle();

      // Assert
      const meeting = (await (await stack.api(`/api/meetings/${id}`)).json()) as { seatsLeft: number };
      expect(new Set(answers.map((a) => a.rsvpId)).size).toBe(1);
      expect(meeting.seatsLeft).toBe(4);
    });
  });

  describe('6. waitlist under overlapping cancellations', () => {
    it('gives every seat freed by parallel cancellations to the next waiting, in order, and newcomers queue behind them', async () => {
      // Arrange: 5 seats taken, 10 waiting in a known order.
      const id = await schedule({ capacity: 5 });
      const seated = Array.from({ length: 5 }, (_, i) => `istuja${i}@example.fi`);
      const waiting = Array.from({ length: 10 }, (_, i) => `jonottaja${i}@example.fi`);
      for (const email of [...seated, ...waiting]) expect((await rsvp(id, email)).status).toBe(201);
      await stack.settle();
      const links = await Promise.all(seated.map(async (email) => /#token=([\w.-]+)/.exec((await stack.mailTo(email))[0]!.body.text ?? '')![1]!));
      await stack.clearMail();

      // Act: the five cancel at once while ten newcomers answer.
      const [cancels] = await Promise.all([
        Promise.all(links.map((token) => stack.api('/api/rsvps/cancel', { method: 'POST', headers: { authorization: `Bearer ${token}` } }).then((r) => r.status))),
        parallel(10, (i) => rsvp(id, `tulokas${i}@example.fi`)),
      ]);
      await stack.settle();

      // Assert
      const meeting = (await (await stack.api(`/api/meetings/${id}`)).json()) as { seatsLeft: number };
      const promoted = await Promise.all(waiting.map(async (email) => (await stack.mailTo(email)).some((m) => /^Sait paikan/.test(m.subject))));
      const newcomers = await Promise.all(Array.from({ length: 10 }, async (_, i) => (await stack.mailTo(`tulokas${i}@example.fi`))[0]?.subject ?? ''));
      const cancelConfirmations = await Promise.all(seated.map(async (email) => (await stack.mailTo(email)).filter((m) => /METHOD:CANCEL/.test(icsOf(m)))));
      expect(cancels).toEqual([200, 200, 200, 200, 200]);
      expect(meeting.seatsLeft).toBe(0);
      expect(promoted).toEqual([true, true, true, true, true, false, false, false, false, false]);
      expect(newcomers.every((s) => /^Olet jonossa/.test(s))).toBe(true);
      expect(cancelConfirmations.map((m) => m.length)).toEqual([1, 1, 1, 1, 1]);
    });
  });

  describe('7. survey answers', () => {
    it('refuses question ids that collide with object built-ins', async () => {
      // Arrange
      const ids = ['constructor', '__proto__', 'prototype'];

      // Act
      const statuses = await Promise.all(
        ids.map((qid) => {
          const def = needsSurvey();
          def.questions[3] = { kind: 'text', id: qid, text: { fi: 'Muuta' } };
          return coordinator.api('/api/coordinator/networks/kemi-perhekeskus/surveys', { method: 'POST', json: def }).then((r) => r.status);
        }),
      );

      // Assert
      expect(statuses).toEqual([400, 400, 400]);
    });

    it('keeps a personal link usable when storing the answer fails, and counts it once when it is sent again', async () => {
      // Arrange
      const person = 'kyselyvastaaja@example.fi';
      await subscribeConfirmed(stack, { email: person, kinds: ['surveys'] });
      const created = await coordinator.api('/api/coordinator/networks/kemi-perhekeskus/surveys', { method: 'POST', json: needsSurvey() });
      const surveyId = ((await created.json()) as { id: string }).id;
      await coordinator.api(`/api/coordinator/surveys/${surveyId}/open`, { method: 'POST' });
      await stack.settle();
      const mail = (await stack.mailTo(person)).find((m) => /surveys\/answer\//.test(m.body.text ?? ''))!;
      const token = /#token=([\w.-]+)/.exec(mail.body.text ?? '')![1]!;
      const send = () => stack.api(`/api/surveys/${surveyId}/responses`, { method: 'POST', json: { answers: { role: 'ngo', wishes: { chosen: ['visits'] }, need: 4 } }, headers: { authorization: `Bearer ${token}` } });

      // Act: the bus is away for the first try.
      await stack.busService.stop();
      const failed = await send();
      await stack.busService.start();
      const retried = await send();
      const again = await send();
      await stack.settle();

      // Assert
      const results = (await (await coordinator.api(`/api/coordinator/surveys/${surveyId}/results`)).json()) as { responses: number };
      expect(failed.status).toBe(500);
      expect(retried.status).toBe(201);
      expect(again.status).toBe(409);
      expect(results.responses).toBe(1);
    });
  });

  describe('smaller holes', () => {
    it('takes a withdrawn listing out of the public digest archive and its view-in-browser page', async () => {
      // Arrange: a published listing goes out in a digest, then its submitter withdraws it.
      const submitter = 'arkisto@example.fi';
      await subscribeConfirmed(stack, { email: 'arkistonlukija@example.fi', kinds: ['listings'] });
      const id = await submit(stack, aListing({ title: { fi: 'Arkistosta poistuva' }, contact: { name: 'Arkisto', email: submitter } }));
      const token = await editTokenFromMail(stack, submitter);
      await approve(coordinator, stack, id);
      expect((await coordinator.api('/api/coordinator/networks/kemi-perhekeskus/digests', { method: 'POST' })).status).toBe(202);
      await stack.settle();
      const list = (await (await stack.api('/api/networks/kemi-perhekeskus/digests')).json()) as { digests: Array<{ id: string }> };
      const digestId = list.digests[0]!.id;

      // Act
      await stack.api(`/api/listings/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
      await stack.settle();

      // Assert
      const view = (await (await stack.api(`/api/networks/kemi-perhekeskus/digests/${digestId}?lang=fi`)).json()) as { html: string; items: Array<{ id: string }> };
      expect(view.items.map((i) => i.id)).not.toContain(id);
      expect(view.html).not.toContain('Arkistosta poistuva');
    });

    it('answers 404 for the directory of a network that does not exist', async () => {
      // Act
      const unknown = await stack.api('/api/listings?network=ei-ole-olemassa');
      const known = await stack.api('/api/listings?network=kemi-perhekeskus');

      // Assert
      expect(unknown.status).toBe(404);
      expect(unknown.headers.get('cache-control')).toBe('no-store');
      expect(known.status).toBe(200);
    });

    it('sends a change of the website, registration link or cost note of a published listing to moderation', async () => {
      // Arrange
      const submitter = 'linkki@example.fi';
      const original = aListing({ title: { fi: 'Linkkien ilmoitus' }, contact: { name: 'Linkki', email: submitter, website: 'https://yhdistys.example.fi' } });
      const id = await submit(stack, original);
      const token = await editTokenFromMail(stack, submitter);
      await approve(coordinator, stack, id);
      const edits = [
        { ...original, contact: { ...original.contact, website: 'https://huijaus.example.com' } },
        { ...original, registration: { required: true, url: 'https://huijaus.example.com/ilmoittaudu' } },
        { ...original, cost: { free: false, note: 'Maksa osoitteessa huijaus.example.com' } },
      ];

      // Act
      const answers = [];
      for (const edit of edits) answers.push(await (await stack.api(`/api/listings/${id}`, { method: 'PUT', json: edit, headers: { authorization: `Bearer ${token}` } })).json());
      await stack.settle();

      // Assert
      const shown = (await (await stack.api(`/api/listings/${id}`)).json()) as { contact: { website?: string } };
      expect(answers).toEqual([expect.objectContaining({ moderated: true }), expect.objectContaining({ moderated: true }), expect.objectContaining({ moderated: true })]);
      expect(JSON.stringify(shown)).not.toContain('huijaus');
    });
  });
});
