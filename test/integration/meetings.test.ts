import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, helsinkiDate, helsinkiTime } from '../../functions/shared/time.js';
import { twoNetworkConfig } from '../fixtures/config.js';
import { signIn, type SignedIn } from '../support/coordinator.js';
import { startTestStack, type TestStack, type Mail } from '../support/stack.js';
import { subscribeConfirmed } from '../support/subscriptions.js';

const inDays = (n: number) => addDays(helsinkiDate(new Date()), n);
const meeting = (over: Record<string, unknown> = {}) => ({
  title: { fi: 'Verkostokahvit', sv: 'Nätverkskaffe' },
  description: { fi: 'Kuulumisten vaihto ja esittelyvuorossa Kemin seurakunta.' },
  presenters: ['Kemin seurakunta'],
  startTime: '13:00',
  endTime: '15:00',
  place: { name: 'Pruntsin Poukama', address: 'Keskuspuistokatu 8, Kemi' },
  online: { url: 'https://teams.example.fi/kahvit', withheldUntilConfirmed: true },
  ...over,
});
const ics = (m: Mail) => m.attachments.find((a) => a.contentType.startsWith('text/calendar'))?.content ?? '';
/** The attached invite, unfolded (RFC 5545 folds long lines with CRLF + space). */
const icsText = (m: Mail) => Buffer.from(ics(m), 'base64').toString('utf8').replace(/\r\n /g, '');

describe('network meetings', () => {
  let stack: TestStack;
  let coordinator: SignedIn;
  beforeAll(async () => {
    const config = twoNetworkConfig();
    config.networks[0]!.meetingAnnouncements = 'email';
    stack = await startTestStack({ config });
    coordinator = await signIn(stack, 'koordinaattori@kemi.example.fi');
  });
  afterAll(async () => stack?.close());

  const schedule = async (body: unknown) => {
    const res = await coordinator.api('/api/coordinator/networks/kemi-perhekeskus/meetings', { method: 'POST', json: body });
    expect(res.status).toBe(202);
    await stack.settle();
    return ((await res.json()) as { ids: string[] }).ids;
  };
  const rsvp = (id: string, email: string, attendance = 'onsite') => stack.api(`/api/meetings/${id}/rsvps`, { method: 'POST', json: { name: `Nimi ${email}`, email, attendance, lang: 'fi' } });

  it('schedules a monthly series on the first Wednesday', async () => {
    const ids = await schedule({ meeting: meeting(), rule: { weekday: 'wed', nth: 1, from: inDays(1), until: inDays(120) } });
    const listed = (await (await stack.api('/api/meetings?network=kemi-perhekeskus')).json()) as { meetings: Array<{ id: string; date: string; online: { url: string | null } }> };
    expect(ids.length).toBeGreaterThanOrEqual(3);
    for (const m of listed.meetings.filter((x) => ids.includes(x.id))) {
      expect(new Date(`${m.date}T12:00:00Z`).getUTCDay()).toBe(3);
      expect(Number(m.date.slice(8, 10))).toBeLessThanOrEqual(7);
      expect(m.online.url).toBeNull();
    }
  });

  it('confirms an RSVP with an invite, updates it with a raised SEQUENCE and cancels it with METHOD:CANCEL', async () => {
    const [id] = await schedule({ meeting: meeting(), dates: [inDays(10)] });
    await stack.clearMail();
    const res = await rsvp(id!, 'osallistuja@example.fi');
    await stack.settle();
    expect(await res.json()).toMatchObject({ status: 'confirmed' });
    const [invite] = await stack.mailTo('osallistuja@example.fi');
    const first = icsText(invite!);
    expect(first).toContain('METHOD:REQUEST');
    expect(first).toContain(`UID:meeting-${id}@verkosto`);
    expect(first).toContain('SEQUENCE:0');
    expect(first).toContain('teams.example.fi/kahvit');

    await coordinator.api(`/api/coordinator/meetings/${id}`, { method: 'PATCH', json: { changes: { startTime: '14:00', endTime: '16:00' } } });
    await stack.settle();
    await coordinator.api(`/api/coordinator/meetings/${id}/cancel`, { method: 'POST', json: { reason: 'Sairastuminen' } });
    await stack.settle();

    const mails = await stack.mailTo('osallistuja@example.fi');
    const updated = icsText(mails[1]!);
    const cancelled = icsText(mails[2]!);
    expect(updated).toContain('SEQUENCE:1');
    expect(updated).toContain('METHOD:REQUEST');
    expect(updated).toMatch(/DTSTART;TZID=Europe\/Helsinki:\d{8}T140000/);
    expect(cancelled).toContain('METHOD:CANCEL');
    expect(cancelled).toContain('SEQUENCE:2');
    expect(cancelled).toContain(`UID:meeting-${id}@verkosto`);
  });

  it('gives exactly 20 seats to 100 concurrent answers and puts 80 on the waitlist in order', async () => {
    const [id] = await schedule({ meeting: meeting({ capacity: 20 }), dates: [inDays(20)] });
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => rsvp(id!, `kahvi${i}@example.fi`).then((r) => r.json() as Promise<{ status: string; position?: number }>)));
    await stack.settle();
    const confirmed = answers.filter((a) => a.status === 'confirmed');
    const waiting = answers.filter((a) => a.status === 'waitlisted');
    expect(confirmed).toHaveLength(20);
    expect(waiting).toHaveLength(80);
    expect(waiting.map((a) => a.position).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
    const list = (await (await coordinator.api(`/api/coordinator/meetings/${id}/attendees`)).json()) as { attendees: unknown[]; waitlist: unknown[] };
    expect(list.attendees).toHaveLength(20);
    expect(list.waitlist).toHaveLength(80);
  });

  it('promotes the first on the waitlist when someone cancels by the link in their email', async () => {
    const [id] = await schedule({ meeting: meeting({ capacity: 1 }), dates: [inDays(25)] });
    await rsvp(id!, 'eka@example.fi');
    await rsvp(id!, 'toka@example.fi');
    await rsvp(id!, 'kolmas@example.fi');
    await stack.settle();
    const mail = (await stack.mailTo('eka@example.fi')).at(-1)!;
    const token = /meetings\/rsvp\/#token=([\w.-]+)/.exec(mail.body.text ?? '')![1]!;

    const res = await stack.api('/api/rsvps/cancel', { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    await stack.settle();

    expect(res.status).toBe(200);
    const promotedMail = (await stack.mailTo('toka@example.fi')).at(-1)!;
    expect(promotedMail.subject).toMatch(/Sait paikan/);
    expect(icsText(promotedMail)).toContain('METHOD:REQUEST');
    const list = (await (await coordinator.api(`/api/coordinator/meetings/${id}/attendees`)).json()) as { attendees: Array<{ email: string }>; waitlist: Array<{ email: string }> };
    expect(list.attendees.map((a) => a.email)).toEqual(['toka@example.fi']);
    expect(list.waitlist.map((a) => a.email)).toEqual(['kolmas@example.fi']);
  });

  it('exports attendees as CSV with a BOM so Excel reads Finnish names', async () => {
    const [id] = await schedule({ meeting: meeting(), dates: [inDays(30)] });
    await stack.api(`/api/meetings/${id}/rsvps`, { method: 'POST', json: { name: 'Äijälä Öhman', email: 'aijala@example.fi', attendance: 'online', organisation: '=HYPERLINK("x")' } });
    const res = await coordinator.api(`/api/coordinator/meetings/${id}/attendees.csv`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const text = new TextDecoder().decode(bytes);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text).toContain('"Äijälä Öhman"');
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it("writes the CSV in the desk's language: headings, statuses in words, Helsinki times", async () => {
    // Arrange
    const [id] = await schedule({ meeting: meeting(), dates: [inDays(30)] });
    const before = new Date();
    await stack.api(`/api/meetings/${id}/rsvps`, { method: 'POST', json: { name: 'Elsa Ek', email: 'elsa.csv@example.fi', attendance: 'online' } });
    const after = new Date();
    await stack.settle();

    // Act
    const res = await coordinator.api(`/api/coordinator/meetings/${id}/attendees.csv?lang=sv`);
    const [head, row] = (await res.text()).replace(/^\uFEFF/, '').trimEnd().split('\r\n');

    // Assert
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(head).toBe('"Namn";"E-post";"Organisation";"Deltar";"Status";"Köplats";"Anmäld"');
    // The answer was given between `before` and `after`, written as the Helsinki wall clock showed it.
    const helsinki = (at: Date) => {
      const [y, mo, d] = helsinkiDate(at).split('-');
      const [h, mi] = helsinkiTime(at).split(':');
      return `${Number(d)}.${Number(mo)}.${y} ${Number(h)}.${mi}`;
    };
    expect([before, after].map((at) => `"Elsa Ek";"elsa.csv@example.fi";"";"På distans";"Med";"";"${helsinki(at)}"`)).toContain(row);
  });

  it('fires the reminder for a meeting and not for a cancelled one', async () => {
    const [kept] = await schedule({ meeting: meeting(), dates: [inDays(3)] });
    const [dropped] = await schedule({ meeting: meeting(), dates: [inDays(4)] });
    await rsvp(kept!, 'muistutus@example.fi');
    await rsvp(dropped!, 'muistutus@example.fi');
    await coordinator.api(`/api/coordinator/meetings/${dropped}/cancel`, { method: 'POST', json: {} });
    await stack.settle();
    const keptAt = stack.scheduler.nextInvocation(`meeting-reminder-${kept}`);
    expect(() => stack.scheduler.nextInvocation(`meeting-reminder-${dropped}`)).toThrow();

    // Only the two reminders: the minutely digest clock between now and then is not what is judged here.
    await stack.scheduler.tick(keptAt!.getTime() + 1000, { only: [`meeting-reminder-${kept}`, `meeting-reminder-${dropped}`] });
    await stack.settle();

    // Other tests in this file schedule meetings too (a monthly series may fall within these days):
    // only this test's two meetings are judged, so the outcome does not depend on the calendar.
    const ours = new Set([kept, dropped]);
    const reminders = (await stack.mailTo('muistutus@example.fi')).filter((m) => m.subject.startsWith('Muistutus'));
    expect(reminders).toHaveLength(1);
    expect(stack.archive.filter((e) => e['detail-type'] === 'Meeting.ReminderDue').map((e) => (e.detail as { meetingId: string }).meetingId).filter((id) => ours.has(id))).toEqual([kept]);
  });

  it('serves a calendar feed of the network that calendar apps can subscribe to', async () => {
    const res = await stack.api('/api/networks/kemi-perhekeskus/calendar.ics');
    const text = await res.text();
    expect(res.headers.get('content-type')).toMatch(/text\/calendar/);
    expect(text).toContain('X-WR-CALNAME:Kemin perhekeskuksen verkosto');
    expect(text.match(/BEGIN:VEVENT/g)!.length).toBeGreaterThan(3);
  });

  it('refuses an RSVP after the meeting was cancelled, and a coordinator of another network', async () => {
    const [id] = await schedule({ meeting: meeting(), dates: [inDays(40)] });
    await coordinator.api(`/api/coordinator/meetings/${id}/cancel`, { method: 'POST', json: {} });
    const other = await signIn(stack, 'koordinaattori@phsotey.example.fi');
    expect((await rsvp(id!, 'myohassa@example.fi')).status).toBe(410);
    expect((await other.api(`/api/coordinator/meetings/${id}/attendees`)).status).toBe(403);
  });

  it('announces a new meeting to subscribers who chose meetings, in their language', async () => {
    await subscribeConfirmed(stack, { email: 'tapaamiset@example.fi', lang: 'sv', kinds: ['meetings'] });
    await subscribeConfirmed(stack, { email: 'vainilmoitukset@example.fi', kinds: ['listings'] });
    await stack.clearMail();
    await schedule({ meeting: meeting(), dates: [inDays(50)] });
    const sv = await stack.mailTo('tapaamiset@example.fi');
    expect(sv).toHaveLength(1);
    expect(sv[0]!.subject).toBe('Ny nätverksträff: Nätverkskaffe');
    expect(sv[0]!.headers?.some((h) => h.name === 'List-Unsubscribe-Post')).toBe(true);
    expect(await stack.mailTo('vainilmoitukset@example.fi')).toHaveLength(0);
  });

  it('lets an address that cancelled answer again, and tells attendees why a meeting was cancelled', async () => {
    const [id] = await schedule({ meeting: meeting(), dates: [inDays(60)] });
    await rsvp(id!, 'mielenmuutos@example.fi');
    await stack.settle();
    const token = /meetings\/rsvp\/#token=([\w.-]+)/.exec((await stack.mailTo('mielenmuutos@example.fi')).at(-1)!.body.text ?? '')![1]!;
    await stack.api('/api/rsvps/cancel', { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    await stack.settle();

    const again = await rsvp(id!, 'mielenmuutos@example.fi');
    await coordinator.api(`/api/coordinator/meetings/${id}/cancel`, { method: 'POST', json: { reason: 'Tila on remontissa.' } });
    await stack.settle();

    expect(again.status).toBe(201);
    expect(await again.json()).toMatchObject({ status: 'confirmed' });
    const cancelled = (await stack.mailTo('mielenmuutos@example.fi')).at(-1)!;
    expect(cancelled.subject).toMatch(/peruttu/);
    expect(cancelled.body.text).toContain('Tila on remontissa.');
  });

  it('sends the invite as iMIP that Outlook reads: text/calendar with its method beside the text, and the .ics attached', async () => {
    const [id] = await schedule({ meeting: meeting(), dates: [inDays(70)] });
    await rsvp(id!, 'outlook@example.fi');
    await stack.settle();

    const invite = (await stack.mailTo('outlook@example.fi')).at(-1)!;
    const calendarPart = invite.attachments.find((a) => a.contentType === 'text/calendar');
    const icsFile = invite.attachments.find((a) => a.contentType === 'application/ics');
    expect(invite.body.text).toContain('Paikkasi on varattu');
    expect(invite.body.html).toContain('Paikkasi on varattu');
    expect(Buffer.from(calendarPart!.content, 'base64').toString('utf8')).toContain('METHOD:REQUEST');
    expect(icsFile).toMatchObject({ filename: 'invite.ics' });
    expect(Buffer.from(icsFile!.content, 'base64').toString('utf8')).toContain(`UID:meeting-${id}@verkosto`);
  });

  it('offers the meeting to Google Calendar and Outlook.com, without an online link it withholds', async () => {
    const [id] = await schedule({ meeting: meeting(), dates: [inDays(75)] });
    const view = (await (await stack.api(`/api/meetings/${id}`)).json()) as { calendarLinks: { google: string; outlook: string } };

    const google = new URL(view.calendarLinks.google);
    const outlook = new URL(view.calendarLinks.outlook);
    expect(google.searchParams.get('text')).toBe('Verkostokahvit');
    expect(google.searchParams.get('location')).toBe('Pruntsin Poukama, Keskuspuistokatu 8, Kemi');
    expect(outlook.searchParams.get('subject')).toBe('Verkostokahvit');
    expect(view.calendarLinks.google + view.calendarLinks.outlook).not.toContain('teams.example.fi');
  });

  it('tells the waitlisted that a meeting was cancelled without a CANCEL for an invite they never got', async () => {
    const [id] = await schedule({ meeting: meeting({ capacity: 1 }), dates: [inDays(80)] });
    await rsvp(id!, 'paikka@example.fi');
    await rsvp(id!, 'jonossa@example.fi');
    await stack.settle();
    await coordinator.api(`/api/coordinator/meetings/${id}/cancel`, { method: 'POST', json: { reason: 'Sairastuminen' } });
    await stack.settle();

    const confirmed = (await stack.mailTo('paikka@example.fi')).at(-1)!;
    const waitlisted = await stack.mailTo('jonossa@example.fi');
    expect(icsText(confirmed)).toContain('METHOD:CANCEL');
    expect(waitlisted.map((m) => m.subject)).toEqual([expect.stringMatching(/jonossa/), expect.stringMatching(/peruttu/)]);
    for (const m of waitlisted) expect(m.attachments).toEqual([]);
    expect(waitlisted[1]!.body.text).toContain('jonossa olit');
  });
});
