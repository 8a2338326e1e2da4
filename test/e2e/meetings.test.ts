import { expect } from 'vitest';
import { addDays, helsinkiDate } from '../../functions/shared/time.js';
import type { Mail } from '../support/stack.js';
import { DESKTOP, expectNoHorizontalScroll, expectVisibleFocus, focusedMatches, NARROW, tabTo } from './support/browser.js';
import { browserSuite, journey, LANGS } from './support/harness.js';
import { button, field, group, linkIn } from './support/listing.js';
import { coordinator, deskSession, NETWORK, scheduleByApi } from './support/meetings.js';

const inDays = (n: number) => addDays(helsinkiDate(new Date()), n);
const invite = (m: Mail) => m.attachments.find((a) => a.contentType.startsWith('text/calendar'));
const icsText = (m: Mail) => Buffer.from(invite(m)?.content ?? '', 'base64').toString('utf8').replace(/\r\n /g, '');

browserSuite('network meetings (/<lang>/meetings/, the meeting page, the answer page, the desk)', () => {
  journey('a coordinator schedules a monthly series; a member signs up from the list and cancels from the mail', LANGS, async ({ page, lang, t, open, a11y, shot, stack }) => {
    // The journey's own language gets the plain title; the other translations say which journey made them.
    const titles = { fi: 'Verkostokahvit', sv: 'Nätverkskaffe', en: 'Network coffee' };
    const titleIn = (l: keyof typeof titles) => (l === lang ? titles[l] : `${titles[l]} (${lang})`);
    const title = titleIn('fi');
    await deskSession(page, stack);

    // The coordinator schedules "monthly on the first Wednesday" from the desk, after one mistake.
    await open('coordinator#meetings');
    await page.locator('#desk-meetings-list > *').first().waitFor();
    await a11y('desk, meetings section');
    const form = page.locator('#schedule-meeting');
    await field(form, t['desk.meetings.f.titleFi']).fill(title);
    await group(form, t['desk.meetings.f.when']).getByLabel(t['desk.meetings.f.mode.rule'], { exact: true }).check();
    await field(form, t['desk.meetings.f.nth']).selectOption({ label: t['enum.weekOfMonth.1'] });
    await field(form, t['desk.meetings.f.weekday']).selectOption({ label: t['enum.weekday.wed'] });
    await field(form, t['desk.meetings.f.from']).fill(inDays(1));
    await field(form, t['desk.meetings.f.until']).fill(inDays(100));
    await field(form, t['desk.meetings.f.startTime']).fill('13:00');
    await field(form, t['desk.meetings.f.endTime']).fill('15:00');
    await button(form, t['desk.meetings.f.send']).click();
    await page.locator('#schedule-status[role="alert"]').waitFor();
    expect(await page.locator('#f-meeting-description-fi').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#schedule-status li').count()).toBeGreaterThanOrEqual(2); // the description, and a place or a link
    await a11y('schedule form with errors');

    await field(form, t['desk.meetings.f.descriptionFi']).fill('Kuulumisten vaihto, esittelyvuorossa Kemin seurakunta.');
    await form.getByText(t['desk.meetings.f.translations'], { exact: true }).click();
    await field(form, t['desk.meetings.f.titleSv']).fill(titleIn('sv'));
    await field(form, t['desk.meetings.f.titleEn']).fill(titleIn('en'));
    await field(form, t['desk.meetings.f.agenda']).fill('1. Kuulumiset\n2. Esittely');
    await field(form, t['desk.meetings.f.presenters']).fill('Kemin seurakunta\nKemin kaupunki');
    await field(form, t['desk.meetings.f.placeName']).fill('Pruntsin Poukama');
    await field(form, t['desk.meetings.f.placeAddress']).fill('Keskuspuistokatu 8, Kemi');
    await field(form, t['desk.meetings.f.onlineUrl']).fill('https://teams.example.fi/kahvit');
    await field(form, t['desk.meetings.f.capacity']).fill('20');
    await group(form, t['desk.meetings.f.languages']).getByLabel(t['enum.language.sv'], { exact: true }).check();
    const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith(`/api/coordinator/networks/${NETWORK}/meetings`));
    await button(form, t['desk.meetings.f.send']).click();
    expect((await sent).postDataJSON()).toMatchObject({
      meeting: {
        title: { fi: title, sv: titleIn('sv'), en: titleIn('en') },
        presenters: ['Kemin seurakunta', 'Kemin kaupunki'],
        place: { name: 'Pruntsin Poukama', address: 'Keskuspuistokatu 8, Kemi' },
        online: { url: 'https://teams.example.fi/kahvit', withheldUntilConfirmed: true },
        capacity: 20,
        languages: ['fi', 'sv'],
      },
      rule: { weekday: 'wed', nth: 1, from: inDays(1), until: inDays(100) },
    });
    await page.locator('#schedule-status.success').waitFor();
    expect(await focusedMatches(page, '#schedule-status')).toBe(true);
    // Each language shows the title written for it.
    const localTitle = titles[lang];
    const rows = page.locator('#desk-meetings-list tbody tr').filter({ has: page.getByText(localTitle, { exact: true }) });
    await rows.first().waitFor();
    const scheduled = await rows.count();
    expect(scheduled).toBeGreaterThanOrEqual(3);
    await a11y('series scheduled');
    await shot('coordinator-meetings');

    // A member finds the series in the public list and opens the first meeting.
    await open(`meetings?network=${NETWORK}`);
    await page.locator('#meetings .card').first().waitFor();
    const cards = page.locator('#meetings .card').filter({ has: page.getByRole('link', { name: localTitle, exact: true }) });
    // The series is one card with its dates, each date a link to that meeting.
    expect(await cards.count()).toBe(1);
    expect(await cards.first().getByRole('list', { name: t['meetings.series.dates'] }).getByRole('link').count()).toBe(scheduled);
    expect(await page.locator('#subscribe-link').getAttribute('href')).toBe(`/api/networks/${NETWORK}/calendar.ics`);
    expect(await cards.first().textContent()).toContain(t['meetings.online.withheld']);
    await a11y('meetings list');
    await shot('meetings');
    await cards.first().getByRole('link', { name: localTitle, exact: true }).click();
    await page.waitForURL(`**/${lang}/meetings/view/?id=*`);
    await page.locator('#meeting:not([hidden])').waitFor();
    const id = new URL(page.url()).searchParams.get('id')!;
    expect(await page.locator('h1').textContent()).toBe(localTitle);
    expect(await page.locator('#m-facts').textContent()).toContain('Pruntsin Poukama');
    expect(await page.locator('#m-facts').textContent()).toContain('Kemin seurakunta');
    expect(await page.getByRole('link', { name: t['meetings.addToCalendar'] }).getAttribute('href')).toBe(`/api/meetings/${id}/invite.ics?lang=${lang}`);
    expect(await page.getByRole('link', { name: t['calendar.google'] }).getAttribute('href')).toMatch(/^https:\/\/calendar\.google\.com\/calendar\/render\?action=TEMPLATE&/);
    expect(await page.getByRole('link', { name: t['calendar.outlook'] }).getAttribute('href')).toMatch(/^https:\/\/outlook\.live\.com\/calendar\/0\/action\/compose\?/);
    await a11y('meeting page');
    await shot('meeting');

    const member = `jasen-${lang}@example.fi`;
    await field(page, t['rsvp.name']).fill('Aino Äijälä');
    await field(page, t['rsvp.email']).fill(member);
    await field(page, t['rsvp.organisation']).fill('Kemin seurakunta');
    await group(page, t['rsvp.attendance']).getByLabel(t['rsvp.attendance.onsite'], { exact: true }).check();
    await a11y('sign-up filled');
    const rsvp = page.waitForRequest((r) => r.method() === 'POST' && r.url().includes(`/api/meetings/${id}/rsvps`));
    await button(page, t['rsvp.send']).click();
    expect((await rsvp).postDataJSON()).toEqual({ name: 'Aino Äijälä', email: member, organisation: 'Kemin seurakunta', attendance: 'onsite', lang });
    await page.locator('#form-status.success').waitFor();
    expect(await page.locator('#form-status h2').textContent()).toBe(t['rsvp.confirmed.title']);
    expect(await page.locator('#form-status').textContent()).toContain(t['rsvp.confirmed.text']);
    expect(await focusedMatches(page, '#form-status')).toBe(true);
    await a11y('signed up');
    if (lang === 'fi') await shot('meeting-signed-up');

    // The coordinator sees the attendee, and cancels the second meeting of the series after confirming.
    await open('coordinator#meetings');
    const first = rows.first();
    await first.waitFor();
    expect(await first.locator('td').nth(2).textContent()).toBe('1 / 20');
    await first.getByRole('button', { name: new RegExp(`^${t['desk.meetings.attendees']}:`) }).click();
    await page.locator('#desk-meetings-attendees:not([hidden])').waitFor();
    expect(await page.locator('#desk-attendees-body').textContent()).toContain('Aino Äijälä');
    const csvHref = await first.getByRole('link', { name: new RegExp(`^${t['desk.meetings.csv']}:`) }).getAttribute('href');
    expect(csvHref).toBe(`/api/coordinator/meetings/${id}/attendees.csv?lang=${lang}`);
    // The CSV the link gives is in the desk's language, the attendance in words.
    const csvText = await (await page.request.get(`${stack.urls.site}${csvHref}`)).text();
    expect(csvText).toContain({ fi: '"Nimi";"Sähköposti"', sv: '"Namn";"E-post"', en: '"Name";"Email"' }[lang]);
    expect(csvText).toContain(`"Aino Äijälä";"${member}";"Kemin seurakunta";"${{ fi: 'Paikan päällä', sv: 'På plats', en: 'On site' }[lang]}"`);
    await a11y('attendees');
    const second = rows.nth(1);
    await second.getByRole('button', { name: new RegExp(`^${t['desk.meetings.cancel']}:`) }).click();
    await page.locator('#desk-meeting-cancel-box:not([hidden])').waitFor();
    expect(await focusedMatches(page, '#desk-cancel-h')).toBe(true);
    await a11y('cancel confirmation');
    const cancelBox = page.locator('#desk-meeting-cancel-box');
    await group(cancelBox, t['desk.meetings.cancel.scope']).getByLabel(t['desk.meetings.cancel.one'], { exact: true }).check();
    await button(cancelBox, t['desk.meetings.cancel.yes']).click();
    await page.locator('#meetings-desk-status.success').waitFor();
    expect(await page.locator('#meetings-desk-status').textContent()).toContain(t['desk.meetings.cancel.done'].replace('{n}', '1'));
    await second.getByText(`(${t['desk.meetings.cancelled']})`).waitFor();
    await a11y('meeting cancelled');

    // The mailbox has the invite; the member opens the link in it and cancels.
    await stack.settle();
    const mail = (await stack.mailTo(member)).find((x) => invite(x));
    expect(mail, 'a confirmation with an invite').toBeDefined();
    // iMIP: the text/calendar part beside the text and HTML (the mailbox lists it with the .ics attachment).
    expect(mail!.attachments.map((a) => a.contentType)).toEqual(expect.arrayContaining(['text/calendar', 'application/ics']));
    expect(icsText(mail!)).toContain('METHOD:REQUEST');
    expect(icsText(mail!)).toContain(`UID:meeting-${id}@verkosto`);
    // Its button adds the meeting to a calendar; cancelling is the plain link after it.
    const html = mail!.body.html ?? '';
    expect(html.indexOf(`/api/meetings/${id}/invite.ics?lang=${lang}`)).toBeGreaterThan(-1);
    expect(html.indexOf(`/api/meetings/${id}/invite.ics?lang=${lang}`)).toBeLessThan(html.indexOf(`/${lang}/meetings/rsvp/#token=`));
    const link = linkIn(mail!.body.text, new RegExp(`https?://\\S+/${lang}/meetings/rsvp/#token=[\\w.-]+`));
    await page.goto(link);
    await page.locator('#answer:not([hidden])').waitFor();
    expect(await page.locator('#a-facts').textContent()).toContain(t['answer.status.confirmed']);
    // Confirmed: the link withheld from the public page is here.
    expect(await page.getByRole('link', { name: 'https://teams.example.fi/kahvit' }).count()).toBe(1);
    await a11y('answer page');
    await shot('meeting-answer');
    await button(page, t['answer.cancel']).click();
    expect(await focusedMatches(page, '#a-confirm')).toBe(true);
    await a11y('cancel question');
    await button(page, t['answer.cancel.yes']).click();
    await page.locator('#answer-status.success').waitFor();
    expect(await page.locator('#answer-status h2').textContent()).toBe(t['answer.cancelled.title']);
    expect(await page.locator('#a-facts').textContent()).toContain(t['answer.status.cancelled']);
    expect(await page.locator('#a-cancel-row').isHidden()).toBe(true);
    await a11y('answer cancelled');
    if (lang === 'fi') await shot('meeting-answer-cancelled');
  });

  journey('a keyboard user signs up for a full meeting and lands on the waitlist', LANGS, async ({ page, lang, t, open, a11y, shot, stack }) => {
    const [id] = await scheduleByApi(stack, { title: { fi: `Täysi tapaaminen ${lang}` }, capacity: 1, place: { name: 'Kaupungintalo', address: 'Valtakatu 26, Kemi' }, online: { url: 'https://teams.example.fi/t', withheldUntilConfirmed: true } }, [inDays(12)]);
    expect((await stack.api(`/api/meetings/${id}/rsvps`, { method: 'POST', json: { name: 'Eka', email: `eka-${lang}@example.fi`, attendance: 'onsite', lang: 'fi' } })).status).toBe(201);
    await open(`meetings/view?id=${id}`);
    await page.locator('#rsvp:not([hidden])').waitFor();
    expect(await page.locator('#m-facts').textContent()).toContain(t['meetings.seats.full']);
    expect(await button(page, t['rsvp.joinWaitlist']).count()).toBe(1);

    // Sent empty: the summary takes focus and links to each field.
    await tabTo(page, '#rsvp-form button[type="submit"]');
    await expectVisibleFocus(page);
    await page.keyboard.press('Enter');
    await page.locator('#form-status[role="alert"]').waitFor();
    expect(await focusedMatches(page, '#form-status')).toBe(true);
    expect(await page.locator('#f-name').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#form-status li').count()).toBe(3);
    await a11y('sign-up with errors');
    if (lang === 'fi') await shot('meeting-sign-up-errors');

    await tabTo(page, '#form-status a[href="#f-name"]');
    await page.keyboard.press('Enter');
    expect(await focusedMatches(page, '#f-name')).toBe(true);
    await page.keyboard.type('Näppäimistö Käyttäjä');
    await tabTo(page, '#f-email');
    await page.keyboard.type(`nappis-${lang}@example.fi`);
    await tabTo(page, '#f-attendance-0');
    await expectVisibleFocus(page);
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('#f-attendance-1').isChecked()).toBe(true);
    await tabTo(page, '#rsvp-form button[type="submit"]');
    await page.keyboard.press('Enter');
    // A place in the queue is news, not the success of a seat.
    await page.locator('#form-status.info').waitFor();
    expect(await page.locator('#form-status.success').count()).toBe(0);
    expect(await page.locator('#form-status h2').textContent()).toBe(t['rsvp.waitlisted.title'].replace('{n}', '1'));
    expect(await focusedMatches(page, '#form-status')).toBe(true);
    await a11y('waitlisted');
    if (lang === 'fi') await shot('meeting-waitlisted');

    await stack.settle();
    const mail = (await stack.mailTo(`nappis-${lang}@example.fi`)).at(-1);
    expect(mail?.attachments.length ?? 0, 'no invite while waiting').toBe(0);
  });

  journey('a sign-up to a meeting cancelled meanwhile is told so, and a broken mail link explains itself', 'fi', async ({ page, t, open, a11y, stack }) => {
    const [id] = await scheduleByApi(stack, { title: { fi: 'Peruuntuva tapaaminen' }, place: { name: 'Kirjasto', address: 'Marina Takalon katu 3, Kemi' } }, [inDays(14)]);
    await open(`meetings/view?id=${id}`);
    await page.locator('#rsvp:not([hidden])').waitFor();
    // Only on site: that choice is made already.
    expect(await page.locator('#f-attendance-0').isChecked()).toBe(true);
    expect(await page.locator('#f-attendance-1').isVisible()).toBe(false);
    expect((await (await coordinator(stack)).api(`/api/coordinator/meetings/${id}/cancel`, { method: 'POST', json: { scope: 'one' } })).status).toBe(202);
    await field(page, t['rsvp.name']).fill('Myöhäinen');
    await field(page, t['rsvp.email']).fill('myohainen@example.fi');
    await button(page, t['rsvp.send']).click();
    await page.locator('#form-status.error').waitFor();
    expect(await page.locator('#form-status').textContent()).toBe(t['rsvp.gone.cancelled']);
    await a11y('cancelled meanwhile');

    await open(`meetings/view?id=${id}`);
    await page.locator('#rsvp-closed:not([hidden])').waitFor();
    expect(await page.locator('#rsvp-closed').textContent()).toBe(t['meeting.cancelled']);
    expect(await page.locator('#rsvp').isHidden()).toBe(true);
    await a11y('cancelled meeting page');

    await open('meetings/rsvp#token=not-a-token');
    await page.locator('#answer-status.error').waitFor();
    expect(await page.locator('#answer-status').textContent()).toBe(t['answer.badLink']);
    await a11y('bad link');
  });

  for (const viewport of [NARROW, DESKTOP]) {
    journey(`a coordinator edits a meeting from the desk; the attendee gets the updated invite, an unchanged form sends nothing (${viewport.width} px)`, LANGS, async ({ page, lang, t, open, a11y, stack }) => {
      // Arrange: a meeting with one attendee.
      const title = `Muokattava ${lang} ${viewport.width}`;
      const [id] = await scheduleByApi(stack, { title: { fi: title }, place: { name: 'Pruntsin Poukama', address: 'Keskuspuistokatu 1, Kemi' } }, [inDays(20)]);
      const member = `muokkaus-${lang}-${viewport.width}@example.fi`;
      expect((await stack.api(`/api/meetings/${id}/rsvps`, { method: 'POST', json: { name: 'Aino', email: member, attendance: 'onsite', lang: 'fi' } })).status).toBe(201);
      await stack.settle();
      const invitesBefore = (await stack.mailTo(member)).filter((x) => invite(x)).length;
      await deskSession(page, stack);
      await open('coordinator#meetings');
      const row = page.locator('#desk-meetings-list tr', { hasText: title });
      await row.waitFor();
      const edit = row.getByRole('button', { name: new RegExp(`^${t['desk.meetings.edit']}:`) });

      // Act: open the form; it starts from the meeting as it stands.
      await edit.click();
      const box = page.locator('#desk-meeting-edit-box');
      await box.waitFor();

      // Assert
      expect(await focusedMatches(page, '#desk-edit-h')).toBe(true);
      expect(await field(box, t['desk.meetings.f.titleFi']).inputValue()).toBe(title);
      expect(await field(box, t['desk.meetings.f.startTime']).inputValue()).toBe('13:00');
      expect(await field(box, t['desk.meetings.f.placeName']).inputValue()).toBe('Pruntsin Poukama');
      // One meeting, not a series: no "this and the later ones".
      expect(await group(box, t['desk.meetings.edit.scope']).isVisible()).toBe(false);
      await expectNoHorizontalScroll(page, `edit form at ${viewport.width} px`);
      await a11y('edit form');

      // Act + Assert: saving unchanged sends nothing.
      const patches: string[] = [];
      page.on('request', (r) => { if (r.method() === 'PATCH') patches.push(r.url()); });
      await button(box, t['desk.meetings.edit.save']).click();
      await expect.poll(() => page.locator('#desk-edit-status').textContent()).toBe(t['desk.meetings.edit.nothing']);
      expect(patches).toEqual([]);

      // Act: a bad end time, then a real change.
      await field(box, t['desk.meetings.f.endTime']).fill('12:00');
      await button(box, t['desk.meetings.edit.save']).click();
      await box.locator('[data-field="changes.endTime"].has-error').waitFor();
      await a11y('edit form with an error');
      await field(box, t['desk.meetings.f.startTime']).fill('14:00');
      await field(box, t['desk.meetings.f.endTime']).fill('16:00');
      await field(box, t['desk.meetings.f.placeName']).fill('Kemin kaupungintalo');
      const patch = page.waitForRequest((r) => r.method() === 'PATCH');
      await button(box, t['desk.meetings.edit.save']).click();

      // Assert: only what changed was sent; the list shows it; the attendee got the updated invite.
      expect((await patch).postDataJSON()).toEqual({ changes: { startTime: '14:00', endTime: '16:00', place: { name: 'Kemin kaupungintalo', address: 'Keskuspuistokatu 1, Kemi' } }, scope: 'one' });
      await expect.poll(() => page.locator('#meetings-desk-status.success').textContent()).toContain(t['desk.meetings.edit.done'].replace('{n}', '1'));
      expect(await box.isHidden()).toBe(true);
      await expect.poll(() => row.locator('td').first().textContent()).toMatch(/14[.:]00/);
      await a11y('meeting edited');
      await stack.settle();
      const invites = (await stack.mailTo(member)).filter((x) => invite(x));
      expect(invites).toHaveLength(invitesBefore + 1);
      expect(icsText(invites.at(-1)!)).toContain('Kemin kaupungintalo');
      expect(((await (await stack.api(`/api/meetings/${id}`)).json()) as { startTime: string }).startTime).toBe('14:00');
    }, { viewport });
  }

  for (const viewport of [NARROW, DESKTOP]) {
    journey(`meeting cards are date-first: a calendar leaf, then title, time, place and seats; a series is one card with its dates (${viewport.width} px)`, LANGS, async ({ page, lang, t, open, a11y, stack }) => {
      // Arrange: a series of three and a single meeting.
      const series = `Sarja ${lang} ${viewport.width}`;
      const single = `Yksittäinen ${lang} ${viewport.width}`;
      const dates = [inDays(40), inDays(47), inDays(54)];
      const ids = await scheduleByApi(stack, { title: { fi: series }, capacity: 30, place: { name: 'Pruntsin Poukama', address: 'Keskuspuistokatu 1, Kemi' } }, dates);
      await scheduleByApi(stack, { title: { fi: single }, place: { name: 'Kaupungintalo', address: 'Valtakatu 26, Kemi' } }, [inDays(41)]);

      // Act
      await open(`meetings?network=${NETWORK}`);
      const seriesCard = page.locator('#meetings .card').filter({ has: page.getByRole('link', { name: series, exact: true }) });
      await seriesCard.waitFor();
      const singleCard = page.locator('#meetings .card').filter({ has: page.getByRole('link', { name: single, exact: true }) });

      // Assert: one card for the series, listing its three dates as links to each meeting.
      expect(await seriesCard.count()).toBe(1);
      const dateLinks = seriesCard.getByRole('list', { name: t['meetings.series.dates'] }).getByRole('link');
      expect(await dateLinks.evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).searchParams.get('id')))).toEqual(ids);
      expect(await singleCard.getByRole('list', { name: t['meetings.series.dates'] }).count()).toBe(0);
      // Date first: the leaf shows the first date's day, and sits before (left of) the title.
      const leaf = seriesCard.locator('.date-leaf');
      expect(await leaf.locator('.leaf-day').textContent()).toBe(String(Number(dates[0]!.slice(8))));
      const leafBox = (await leaf.boundingBox())!;
      const titleBox = (await seriesCard.locator('h3').boundingBox())!;
      expect(leafBox.x + leafBox.width).toBeLessThanOrEqual(titleBox.x);
      // Then the time, place and seats in words.
      const text = await seriesCard.textContent();
      expect(await seriesCard.locator('.meeting-when').textContent()).toMatch(lang === 'en' ? /13:00–15:00/ : /13\.00–15\.00/);
      expect(text).toContain('Pruntsin Poukama');
      expect(text).toContain(t['meetings.seats.left'].replace('{n}', '30'));
      await expectNoHorizontalScroll(page, `meeting cards at ${viewport.width} px`);
      await a11y('date-first cards');
    }, { viewport });
  }
});
