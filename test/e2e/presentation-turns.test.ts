import { expect } from 'vitest';
import { addDays, helsinkiDate } from '../../functions/shared/time.js';
import type { TestStack } from '../support/stack.js';
import { DESKTOP, expectNoHorizontalScroll, focusedMatches, NARROW } from './support/browser.js';
import { browserSuite, journey, LANGS } from './support/harness.js';
import { button, field, linkIn } from './support/listing.js';
import { coordinator, deskSession, NETWORK, scheduleByApi } from './support/meetings.js';

const inDays = (n: number) => addDays(helsinkiDate(new Date()), n);
const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (whole, k: string) => (k in values ? String(values[k]) : whole));

async function openTurnsByApi(stack: TestStack, meetingId: string, body: Record<string, unknown>): Promise<void> {
  expect((await (await coordinator(stack)).api(`/api/coordinator/meetings/${meetingId}/turns`, { method: 'POST', json: body })).status).toBe(202);
  await stack.settle();
}

async function turnsOf(stack: TestStack, meetingId: string): Promise<Array<{ slotId: string; status: string; organisation?: string }>> {
  return ((await (await stack.api(`/api/meetings/${meetingId}`)).json()) as { turns: Array<{ slotId: string; status: string }> }).turns;
}

/** A turn claimed and confirmed through the API, as another member would. */
async function claimAndConfirm(stack: TestStack, meetingId: string, slotId: string, email: string, organisation: string): Promise<void> {
  const res = await stack.api(`/api/meetings/${meetingId}/turns/${slotId}/claim`, { method: 'POST', json: { organisation, presenter: 'Toinen Jäsen', topic: 'Toinen aihe', email, lang: 'fi' } });
  expect(res.status).toBe(202);
  await stack.settle();
  const [mail] = await stack.mailTo(email);
  const token = /#token=([\w.-]+)/.exec(mail?.body.html ?? '')?.[1] ?? '';
  expect((await stack.api('/api/turns/confirm', { method: 'POST', headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  await stack.settle();
}

browserSuite('presentation turns (the meeting page, the confirmation link, the desk)', () => {
  for (const viewport of [NARROW, DESKTOP]) {
    journey(`a member claims a free turn, confirms it from the mail and sees it on the meeting page; a turn taken meanwhile is said so (${viewport.width} px)`, LANGS, async ({ page, lang, t, open, a11y, shot, stack }) => {
      // Arrange: a meeting with two 15-minute turns.
      const title = `Esittelyvuorot ${lang} ${viewport.width}`;
      const [id] = await scheduleByApi(stack, { title: { fi: title }, place: { name: 'Pruntsin Poukama', address: 'Keskuspuistokatu 8, Kemi' } }, [inDays(30)]);
      await openTurnsByApi(stack, id!, { count: 2, minutes: 15 });
      const member = `esittaja-${lang}-${viewport.width}@example.fi`;

      // Act: the member opens the meeting page and the form of turn 1.
      await open(`meetings/view?id=${id}`);
      const section = page.locator('#turns');
      await section.waitFor();
      const turn1 = fill(t['turns.number'], { n: 1 });
      const turn2 = fill(t['turns.number'], { n: 2 });

      // Assert: both turns free, each with its own claim button.
      expect(await section.getByRole('heading', { name: t['turns.heading'] }).isVisible()).toBe(true);
      expect(await page.locator('#turns-list li').count()).toBe(2);
      expect(await page.locator('#turns-list li').first().textContent()).toContain(`${turn1} · ${fill(t['turns.minutes'], { n: 15 })}`);
      await a11y('meeting page with free turns');
      await expectNoHorizontalScroll(page, `turns at ${viewport.width} px`);

      await button(section, `${t['turns.claim']}: ${turn1} · ${fill(t['turns.minutes'], { n: 15 })}`).click();
      const box = page.locator('#turn-claim');
      await box.waitFor();
      expect(await focusedMatches(page, '#turn-claim-h')).toBe(true);
      expect(await page.locator('#turn-claim-h').textContent()).toBe(fill(t['turns.form.heading'], { n: 1 }));

      // Act + Assert: the topic's live counter, then sending with fields missing gives field messages.
      await field(box, t['turns.f.topic']).fill('x'.repeat(205));
      await expect.poll(() => page.locator('#f-turn-topic-count').textContent()).toBe(fill(t['form.counter.over'], { n: 5 }));
      await button(box, t['turns.send']).click();
      await page.locator('#turn-form-status[role="alert"]').waitFor();
      expect(await page.locator('#f-turn-organisation').getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#f-turn-topic').getAttribute('aria-invalid')).toBe('true');
      await a11y('claim form with errors');

      // Act: a proper claim, the presenter not named.
      await field(box, t['turns.f.organisation']).fill('Kemin <seurakunta>');
      await field(box, t['turns.f.presenter']).fill('Maija Meikäläinen');
      await field(box, t['turns.f.topic']).fill('Perhetyön arki & ilot');
      await field(box, t['turns.f.email']).fill(member);
      await expectNoHorizontalScroll(page, `claim form at ${viewport.width} px`);
      await button(box, t['turns.send']).click();

      // Assert: held for the member, named for nobody yet.
      await expect.poll(() => page.locator('#turns-status h2').textContent()).toBe(t['turns.sent.title']);
      expect(await box.isHidden()).toBe(true);
      await expect.poll(() => page.locator('#turns-list li').first().textContent()).toContain(t['turns.pending']);
      await a11y('claim sent');
      await shot('meeting-turns-claimed');

      // Act: another member takes turn 2 while this page has its form open.
      await button(section, `${t['turns.claim']}: ${turn2} · ${fill(t['turns.minutes'], { n: 15 })}`).click();
      await claimAndConfirm(stack, id!, (await turnsOf(stack, id!))[1]!.slotId, `toinen-${lang}-${viewport.width}@example.fi`, 'MLL Kemi');
      await field(box, t['turns.f.organisation']).fill('Myöhäinen ry');
      await field(box, t['turns.f.presenter']).fill('Myöhäinen');
      await field(box, t['turns.f.topic']).fill('Myöhästyin');
      await field(box, t['turns.f.email']).fill(`myohainen-${lang}-${viewport.width}@example.fi`);
      await button(box, t['turns.send']).click();

      // Assert: the page says the turn was taken, and shows who has it.
      await expect.poll(() => page.locator('#turns-status h2').textContent()).toBe(t['turns.taken']);
      await expect.poll(() => page.locator('#turns-list li').nth(1).textContent()).toContain('MLL Kemi: Toinen aihe');
      await a11y('turn taken meanwhile');

      // Act: the member follows the link in the mail.
      await stack.settle();
      const [mail] = await stack.mailTo(member);
      const link = linkIn(mail?.body.text, /https?:\/\/\S+\/meetings\/turn\/#token=[\w.-]+/);
      await page.goto(link);

      // Assert: confirmed; the meeting page shows organisation and topic, as text, without the name.
      await page.locator('#turn-status.success').waitFor();
      expect(await page.locator('#turn-status h2').textContent()).toBe(t['turn.confirmed.title']);
      expect(await page.locator('#t-facts').textContent()).toContain('Kemin <seurakunta>: Perhetyön arki & ilot');
      await a11y('turn confirmed');
      await expectNoHorizontalScroll(page, `confirmation at ${viewport.width} px`);
      await page.getByRole('link', { name: t['turn.meetingPage'] }).click();
      await expect.poll(() => page.locator('#turns-list li').first().textContent()).toContain('Kemin <seurakunta>: Perhetyön arki & ilot');
      expect(await page.locator('#turns').textContent()).not.toContain('Maija');

      // And the meetings list's card names who presents.
      await open(`meetings?network=${NETWORK}`);
      const card = page.locator('#meetings .card').filter({ has: page.getByRole('link', { name: title, exact: true }) });
      await card.waitFor();
      expect(await card.locator('.turn-lines').textContent()).toContain('Kemin <seurakunta>: Perhetyön arki & ilot');
      await a11y('card with turns');

      // Act + Assert: the link used again confirms nothing and says so.
      await page.goto(link);
      await page.locator('#turn-status').filter({ hasText: t['turn.used'] }).waitFor();
    }, { viewport });

    journey(`a coordinator opens turns from the desk, sees who claimed one and releases it; a free one is closed (${viewport.width} px)`, LANGS, async ({ page, lang, t, open, a11y, shot, stack }) => {
      // Arrange
      const title = `Vuorojen avaus ${lang} ${viewport.width}`;
      const [id] = await scheduleByApi(stack, { title: { fi: title }, place: { name: 'Pruntsin Poukama', address: 'Keskuspuistokatu 8, Kemi' } }, [inDays(40)]);
      await deskSession(page, stack);
      await open('coordinator#meetings');
      const row = page.locator('#desk-meetings-list tr', { hasText: title });
      await row.waitFor();

      // Act: open the turns panel of the meeting and open three 15-minute turns, after one mistake.
      await row.getByRole('button', { name: new RegExp(`^${t['desk.meetings.turns']}:`) }).click();
      const panel = page.locator('#desk-meeting-turns');
      await panel.waitFor();
      expect(await panel.textContent()).toContain(t['desk.turns.none']);
      await field(panel, t['desk.turns.f.count']).fill('20');
      await button(panel, t['desk.turns.f.send']).click();
      await page.locator('#desk-turns-open-status[role="alert"]').waitFor();
      expect(await page.locator('#f-turns-count').getAttribute('aria-invalid')).toBe('true');
      await a11y('open turns with an error');
      await field(panel, t['desk.turns.f.count']).fill('3');
      await field(panel, t['desk.turns.f.minutes']).fill('15');
      await button(panel, t['desk.turns.f.send']).click();

      // Assert
      await expect.poll(() => page.locator('#desk-turns-open-status.success').textContent()).toContain(fill(t['desk.turns.opened'], { n: 1 }));
      await expect.poll(() => panel.locator('tbody tr').count()).toBe(3);
      await expectNoHorizontalScroll(page, `turns panel at ${viewport.width} px`);
      await a11y('turns opened');

      // Arrange: a member claims and confirms turn 1.
      const member = `desk-${lang}-${viewport.width}@example.fi`;
      const turns = await turnsOf(stack, id!);
      await claimAndConfirm(stack, id!, turns[0]!.slotId, member, 'Kemin kaupunki');

      // Act: the coordinator opens the panel again.
      await button(panel, t['desk.turns.panelClose']).click();
      await row.getByRole('button', { name: new RegExp(`^${t['desk.meetings.turns']}:`) }).click();
      const claimedRow = panel.locator('tbody tr').first();

      // Assert: who claimed it, with the address, and that the name is not public.
      await expect.poll(() => claimedRow.textContent()).toContain('Kemin kaupunki');
      expect(await claimedRow.textContent()).toContain(member);
      expect(await claimedRow.textContent()).toContain(t['desk.turns.status.claimed']);
      expect(await claimedRow.textContent()).toContain(t['desk.turns.nameHidden']);
      await a11y('a claimed turn in the desk');
      await shot('desk-turns');

      // Act: release it, then close turn 3.
      await claimedRow.getByRole('button', { name: new RegExp(`^${t['desk.turns.release']}:`) }).click();
      await expect.poll(() => page.locator('#desk-turns-status.success').textContent()).toContain(fill(t['desk.turns.released'], { n: 1 }));
      await panel.locator('tbody tr').nth(2).getByRole('button', { name: new RegExp(`^${t['desk.turns.closeTurn']}:`) }).click();
      await expect.poll(() => page.locator('#desk-turns-status.success').textContent()).toContain(fill(t['desk.turns.closed'], { n: 3 }));

      // Assert: turn 1 free again, turn 3 gone, the claimant told.
      await expect.poll(() => panel.locator('tbody tr').count()).toBe(2);
      expect(await claimedRow.textContent()).toContain(t['desk.turns.status.free']);
      await a11y('turn released and closed');
      await stack.settle();
      expect((await stack.mailTo(member)).map((m) => m.subject).join('\n')).toContain('Esitysvuorosi on vapautettu');
      expect((await turnsOf(stack, id!)).map((x) => x.status)).toEqual(['free', 'free']);

      // And the audit log says so in a sentence.
      await page.reload();
      await open('coordinator#audit');
      const actor = stack.config.networks[0]!.coordinators[0]!;
      await expect.poll(() => page.locator('.audit-log').textContent()).toContain(fill(t['coord.audit.PresentationSlot.Released'], { actor, target: t['coord.audit.kind.meeting'] }));
      expect(await page.locator('.audit-log').textContent()).toContain(fill(t['coord.audit.PresentationSlot.Closed'], { actor, target: t['coord.audit.kind.meeting'] }));
      expect(await page.locator('.audit-log').textContent()).toContain(fill(t['coord.audit.PresentationSlots.Opened'], { actor, target: t['coord.audit.kind.meeting'] }));
    }, { viewport });
    journey(`the digest archive shows a meeting's presentation turns (${viewport.width} px)`, LANGS, async ({ page, lang, t, open, a11y, stack }) => {
      // Arrange: a meeting within the digest's four weeks with a confirmed turn, and a digest sent.
      const [id] = await scheduleByApi(stack, { title: { fi: `Digestin vuorot ${lang} ${viewport.width}` }, place: { name: 'Pruntsin Poukama', address: 'Keskuspuistokatu 8, Kemi' } }, [inDays(9)]);
      await openTurnsByApi(stack, id!, { count: 1 });
      const organisation = `Perheneuvola ${viewport.width} ${Date.now()}`;
      await claimAndConfirm(stack, id!, (await turnsOf(stack, id!))[0]!.slotId, `digest-vuoro-${viewport.width}-${Date.now()}@example.fi`, organisation);
      expect((await (await coordinator(stack)).api(`/api/coordinator/networks/${NETWORK}/digests`, { method: 'POST' })).status).toBe(202);
      await stack.settle();
      const list = (await (await stack.api(`/api/networks/${NETWORK}/digests`)).json()) as { digests: Array<{ id: string; createdAt: string }> };
      const newest = [...list.digests].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0]!;

      // Act
      await open(`digests/view?network=${NETWORK}&id=${encodeURIComponent(newest.id)}`);

      // Assert: the meeting's facts name the turn, as text.
      const item = page.locator('li.card').filter({ hasText: `Digestin vuorot ${lang} ${viewport.width}` });
      await item.waitFor();
      expect(await item.locator('dl.facts').textContent()).toContain(`${t['digest.turns']}${organisation}: Toinen aihe`);
      await a11y('digest with a turn');
      await expectNoHorizontalScroll(page, `digest view at ${viewport.width} px`);
    }, { viewport });
  }
});
