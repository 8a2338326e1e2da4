import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { longSurvey, needsSurvey } from '../fixtures/surveys.js';
import { documentClient } from '../../functions/shared/dynamo.js';
import { LOCAL_TABLE } from '../../local/stack.js';
import { UpdateCommand } from '../../functions/shared/aws/dynamodb.js';
import { signIn, type SignedIn } from '../support/coordinator.js';
import type { TestStack } from '../support/stack.js';
import { subscribeConfirmed } from '../support/subscriptions.js';
import { answerFromInvites } from '../support/surveys.js';
import { DESKTOP, expectNoHorizontalScroll, expectVisibleFocus, focusedMatches, NARROW, tabTo } from './support/browser.js';
import { browserSuite, journey, LANGS } from './support/harness.js';
import { button, field, group, linkIn } from './support/listing.js';

/**
 * The needs survey Päijät-Häme's network began with (test/fixtures/surveys.ts),
 * run in the demo network of the local stack: built in the desk, previewed
 * and edited as a draft, answered from the personal link in the mailbox
 * (keyboard only) and by the public link with a confirmation mail, counted
 * in the desk, published once five have answered, shown as bar charts.
 */
const NETWORK = 'kemi-perhekeskus';
const FORM = '#survey-form';
const STATUS = '#form-status';

browserSuite('surveys: build, answer, confirm, results', () => {
  let coordinator: SignedIn | undefined;
  const coord = async (stack: TestStack) => (coordinator ??= await signIn(stack, stack.config.networks[0]!.coordinators[0]!));
  /** Four more subscribers who chose surveys, so that a survey can reach five answers; subscribed once for the file. */
  const CROWD = ['joukko1@example.fi', 'joukko2@example.fi', 'joukko3@example.fi', 'joukko4@example.fi'];
  let crowdReady: Promise<void> | undefined;
  const crowd = (stack: TestStack) =>
    (crowdReady ??= (async () => {
      for (const email of CROWD) await subscribeConfirmed(stack, { email, kinds: ['surveys'] });
    })());
  /** The same page state on a 320 px phone: nothing scrolls sideways, axe finds nothing; then back to the desktop. */
  const onPhoneToo = async (page: Page, a11y: (state: string) => Promise<void>, state: string) => {
    await page.setViewportSize(NARROW);
    await expectNoHorizontalScroll(page, `${state} at 320 px`);
    await a11y(`${state} on a phone`);
    await page.setViewportSize(DESKTOP);
  };
  /** The figures, as text, of a bar in the n-th result chart in `scope`, found by the start of its label. */
  const figuresOf = (scope: Locator, n: number, label: string) =>
    scope
      .locator('.bar-chart')
      .nth(n)
      .locator('.bar-row', { has: scope.page().locator('.bar-label', { hasText: new RegExp(`^${label}`) }) })
      .locator('.bar-figures')
      .textContent();

  /** The browser gets the coordinator's session: one sign-in for the whole file (sign-in links are rate limited). */
  const deskSession = async (page: Page, stack: TestStack) => {
    const c = await coord(stack);
    await page.context().addCookies(
      c.cookie.split('; ').map((pair) => {
        const [name, ...value] = pair.split('=');
        return { name: name!, value: value.join('='), url: stack.urls.site };
      }),
    );
  };

  const createOpen = async (stack: TestStack, over: Record<string, unknown> = {}) => {
    const c = await coord(stack);
    const created = await c.api(`/api/coordinator/networks/${NETWORK}/surveys`, { method: 'POST', json: needsSurvey(over) });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect((await c.api(`/api/coordinator/surveys/${id}/open`, { method: 'POST' })).status).toBe(202);
    await stack.settle();
    return id;
  };

  journey('a coordinator builds a survey in the desk and opens it', LANGS, async ({ page, lang, t, open, a11y, shot, stack }) => {
    await deskSession(page, stack);
    await open('coordinator#surveys');
    await page.locator('#desk:not([hidden])').waitFor();
    await page.locator('#survey-list li').first().waitFor();
    await page.locator('#survey-builder > summary').click();
    const form = page.locator('#survey-builder-form');

    await button(form, t['coord.surveys.f.save']).click();
    await page.locator('#surveys-status.error').waitFor();
    expect(await focusedMatches(page, '#surveys-status')).toBe(true);
    const q1 = group(form, `${t['coord.surveys.f.question']} 1`);
    await q1.locator('[data-field="questions.0.options"].has-error').waitFor();
    await q1.locator('[data-field="questions.0.text.fi"].has-error').waitFor();
    await a11y('builder with errors');

    const title = `Verkostoitumistarpeet (${lang})`;
    await field(form, `${t['coord.surveys.f.title']} ${t['submit.in.fi']}`).fill(title);
    await field(form, `${t['coord.surveys.f.intro']} ${t['submit.in.fi']}`).fill('Kartoitamme, millaista verkostoitumista toivotte.');
    await field(q1, t['coord.surveys.f.text']).fill('Missä työskentelet?');
    await field(q1, t['coord.surveys.f.options']).fill('Hyvinvointialue\nJärjestö\nOppilaitos');
    await button(form, t['coord.surveys.f.addQuestion']).click();
    const q2 = group(form, `${t['coord.surveys.f.question']} 2`);
    await field(q2, t['coord.surveys.f.kind']).selectOption('multiple');
    await field(q2, t['coord.surveys.f.text']).fill('Mitä toivot verkostolta?');
    await field(q2, t['coord.surveys.f.options']).fill('Yhteisiä keskusteluja\nKoulutuksia');
    await q2.getByLabel(t['coord.surveys.f.other']).check();
    await button(form, t['coord.surveys.f.addQuestion']).click();
    const q3 = group(form, `${t['coord.surveys.f.question']} 3`);
    await field(q3, t['coord.surveys.f.kind']).selectOption('scale');
    await field(q3, t['coord.surveys.f.text']).fill('Kuinka tarpeellisena pidät verkostoa?');
    await field(q3, t['coord.surveys.f.low']).fill('Ei lainkaan');
    await field(q3, t['coord.surveys.f.high']).fill('Erittäin');
    expect(await q3.locator('[data-field="questions.2.options"]').isVisible()).toBe(false);
    await a11y('builder filled');
    if (lang === 'fi') await shot('coordinator-survey-builder');

    await button(form, t['coord.surveys.f.save']).click();
    await page.locator('#surveys-status.success').waitFor();
    const card = page.locator('#survey-list li.survey-card').filter({ has: page.getByRole('heading', { name: title }) });
    expect(await card.textContent()).toContain(t['coord.surveys.status.draft']);
    await button(card, t['coord.surveys.open']).click();
    // The message of this action, not the one the save left there.
    await page.locator('#surveys-status.success', { hasText: t['coord.surveys.done.opened'].replace('{title}', title) }).waitFor();
    expect(await card.locator('dd').first().textContent()).toBe(t['coord.surveys.status.open']);
    await a11y('survey opened');

    // What the builder sent is the definition the API keeps: ids q1…, o1…, the "other" text, the scale ends.
    const id = await card.getAttribute('data-survey');
    const survey = (await (await stack.api(`/api/surveys/${id}?lang=fi`)).json()) as { questions: Array<{ id: string; kind: string; options?: Array<{ id: string }>; other?: boolean; low?: string }> };
    expect(survey.questions.map((q) => [q.id, q.kind])).toEqual([
      ['q1', 'single'],
      ['q2', 'multiple'],
      ['q3', 'scale'],
    ]);
    expect(survey.questions[0]!.options!.map((o) => o.id)).toEqual(['o1', 'o2', 'o3']);
    expect(survey.questions[1]!.other).toBe(true);
    expect(survey.questions[2]!.low).toBe('Ei lainkaan');
  });

  journey('a subscriber answers from the personal link with the keyboard; the coordinator counts, may publish only at five answers; the results page shows bar charts', LANGS, async ({ page, lang, t, open, a11y, shot, stack }) => {
    const email = `vastaaja-${lang}@example.fi`;
    await subscribeConfirmed(stack, { email, lang, kinds: ['surveys'] });
    await crowd(stack);
    const id = await createOpen(stack);
    const mail = (await stack.mailTo(email)).find((m) => (m.body.text ?? '').includes(`id=${id}`));
    const link = linkIn(mail?.body.text, /https?:\/\/\S+\/surveys\/answer\/\?id=\S+#token=[\w.-]+/);
    expect(link).toContain(`/${lang}/surveys/answer/?id=${id}#token=`);

    await page.goto(link);
    await page.locator(`${FORM}:not([hidden])`).waitFor();
    const fixture = needsSurvey();
    expect(await page.locator('h1').textContent()).toBe(lang === 'sv' ? fixture.title.sv : fixture.title.fi);
    expect(await page.locator('#survey-you').isHidden()).toBe(true);
    // Texts without a translation come in Finnish, marked lang="fi" for screen readers (WCAG 3.1.2); translated ones are not.
    expect(await page.locator('h1').getAttribute('lang')).toBe(lang === 'en' ? 'fi' : null);
    expect(await page.locator(`${FORM} label:has-text("Järjestö") [lang="fi"]`).count()).toBe(lang === 'fi' ? 0 : 1);
    expect(await page.locator(`#q-role legend [lang="fi"]`).count()).toBe(lang === 'fi' ? 0 : 1);
    await a11y('survey from the personal link');
    await shot('survey-answer');

    // Keyboard only: send empty, get the messages, answer, send.
    await tabTo(page, `${FORM} button[type="submit"]`);
    await page.keyboard.press('Enter');
    await page.locator(`${STATUS}.error`).waitFor();
    expect(await focusedMatches(page, STATUS)).toBe(true);
    for (const q of ['role', 'wishes', 'need']) await page.locator(`#q-${q}.has-error .field-error`).waitFor();
    expect(await page.locator('#q-free.has-error, [data-field="answers.free"].has-error').count()).toBe(0);
    await a11y('answers with errors');
    if (lang === 'fi') await shot('survey-answer-errors');

    await tabTo(page, 'input[name="answers.role"]');
    await expectVisibleFocus(page);
    await page.keyboard.press('ArrowDown'); // the second option, Järjestö
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space'); // Yhteisiä keskusteluja
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space'); // Koulutuksia
    await tabTo(page, '#q-wishes-other');
    await page.keyboard.type('Työnohjausta');
    await tabTo(page, 'input[name="answers.need"]');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight'); // 5
    await tabTo(page, '#q-free');
    await page.keyboard.type('Kiitos!');
    await tabTo(page, `${FORM} button[type="submit"]`);
    await expectVisibleFocus(page);
    await page.keyboard.press('Enter');
    await page.locator(`${STATUS}.success`).waitFor();
    expect(await page.locator(`${STATUS} h2`).textContent()).toBe(t['survey.thanks.title']);
    expect(await focusedMatches(page, STATUS)).toBe(true);
    await a11y('thanks');
    if (lang === 'fi') await shot('survey-thanks');

    // The same link again: already answered. (From another page: the same address with a fragment would not reload.)
    await page.goto('about:blank');
    await page.goto(link);
    await page.locator(`${FORM}:not([hidden])`).waitFor();
    await page.getByLabel('Oppilaitos', { exact: true }).check();
    await page.getByLabel('Koulutuksia', { exact: true }).check();
    await page.getByLabel('3', { exact: true }).check();
    await button(page, t['survey.send']).click();
    await page.locator(`${STATUS}.success`).waitFor();
    expect(await page.locator(`${STATUS} h2`).textContent()).toBe(t['survey.already.title']);
    await a11y('already answered');
    await stack.settle();

    // Not published yet: the public results page says so.
    await open(`surveys/results/?id=${id}`);
    await page.locator(`${STATUS}.error`).waitFor();
    expect(await page.locator(`${STATUS} h2`).textContent()).toBe(t['survey.results.notPublished']);
    await a11y('results not published');

    // The coordinator sees the counts and the free texts as bars, with the figures in words and as a table.
    await deskSession(page, stack);
    await open(`coordinator/?network=${NETWORK}#surveys`);
    const card = page.locator(`#survey-list li[data-survey="${id}"]`);
    await card.waitFor();
    expect(await card.locator('.survey-responses').textContent()).toBe('1');
    await button(card, t['coord.surveys.showResults']).click();
    await card.locator('.survey-results .bar-chart').first().waitFor();
    const one = (share: string) => t['survey.results.figures.one'].replace('{count}', '1').replace('{share}', share);
    expect(await figuresOf(card, 0, 'Järjestö')).toMatch(new RegExp(`^${one('100\\s?%')}$`));
    expect(await figuresOf(card, 0, 'Hyvinvointialue')).toMatch(/^0\D+0\s?%$/);
    expect(await figuresOf(card, 1, 'Koulutuksia')).toMatch(/^1\D+100\s?%$/);
    expect(await figuresOf(card, 2, '5 –')).toMatch(/^1\D+100\s?%$/);
    expect(await card.locator('.bar-chart meter[aria-hidden="true"]').count()).toBe(await card.locator('.bar-chart .bar-row').count());
    const tables = card.locator('.survey-results details.table-alt');
    await tables.first().locator('summary').click();
    expect(await tables.first().getByRole('row', { name: /^Järjestö/ }).locator('td').first().textContent()).toBe('1');
    expect(await card.locator('.free-texts').allTextContents()).toEqual(['Työnohjausta', 'Kiitos!']);
    expect(await card.getByRole('link', { name: t['coord.surveys.csv'] }).getAttribute('href')).toBe(`/api/coordinator/surveys/${id}/responses.csv`);
    await a11y('desk with results');
    await shot('coordinator-surveys');

    // One answer is too few to publish: the desk says so beforehand and explains the refusal.
    expect(await card.locator('p.hint').textContent()).toBe(t['coord.surveys.publishHint'].replace('{min}', '5'));
    await button(card, t['coord.surveys.publish']).click();
    await page.locator('#surveys-status.error').waitFor();
    expect(await page.locator('#surveys-status').textContent()).toContain(t['coord.surveys.tooFew'].replace('{n}', '1').replace('{min}', '5'));
    expect(await focusedMatches(page, '#surveys-status')).toBe(true);
    await a11y('publishing refused under five');
    expect((await stack.api(`/api/surveys/${id}/results`)).status).toBe(404);

    // A survey marked public before the rule, with under five answers, still shows nothing on the results page.
    await documentClient().send(new UpdateCommand({ TableName: LOCAL_TABLE, Key: { pk: `SURVEY#${id}`, sk: 'META' }, UpdateExpression: 'SET resultsPublic = :t', ExpressionAttributeValues: { ':t': true } }));
    await open(`surveys/results/?id=${id}`);
    await page.locator(`${STATUS}.info`).waitFor();
    expect(await page.locator(STATUS).textContent()).toContain(t['survey.results.tooFew'].replace('{min}', '5'));
    expect(await page.locator('.bar-chart').count()).toBe(0);
    await a11y('results under five');
    await documentClient().send(new UpdateCommand({ TableName: LOCAL_TABLE, Key: { pk: `SURVEY#${id}`, sk: 'META' }, UpdateExpression: 'SET resultsPublic = :f', ExpressionAttributeValues: { ':f': false } }));

    // Four more answer; at five the coordinator publishes.
    await answerFromInvites(stack, id, CROWD, () => ({ role: 'municipal', wishes: { chosen: ['training'] }, need: 3 }));
    await open(`coordinator/?network=${NETWORK}#surveys`);
    await card.waitFor();
    expect(await card.locator('.survey-responses').textContent()).toBe('5');
    expect(await card.locator('p.hint').count()).toBe(0);
    await button(card, t['coord.surveys.publish']).click();
    await page.locator('#surveys-status.success').waitFor();
    await a11y('results published');

    await card.getByRole('link', { name: t['coord.surveys.resultsPage'] }).click();
    await page.waitForURL(`**/${lang}/surveys/results/?id=${id}`);
    const main = page.locator('main');
    await main.locator('#results .bar-chart').first().waitFor();
    expect(await page.locator('h1').textContent()).toContain(t['survey.results.title']);
    expect(await figuresOf(main, 0, 'Järjestö')).toMatch(/^1\D+20\s?%$/);
    expect(await figuresOf(main, 0, 'Hyvinvointialue')).toMatch(new RegExp(`^${t['survey.results.figures.other'].replace('{count}', '4').replace('{share}', '80\\s?%')}$`));
    expect(await figuresOf(main, 1, 'Koulutuksia')).toMatch(/^5\D+100\s?%$/);
    expect(await figuresOf(main, 2, '3')).toMatch(/^4\D+80\s?%$/);
    expect(await main.locator('.bar-chart').first().locator('.bar-label [lang="fi"]').count()).toBe(lang === 'fi' ? 0 : 3);
    // The table alternative has the same figures.
    const table = main.locator('details.table-alt').first();
    await table.locator('summary').click();
    expect(await table.getByRole('row', { name: /^Hyvinvointialue/ }).textContent()).toMatch(/4\s*80\s?%/);
    expect(await main.textContent()).not.toContain('Kiitos!');
    expect(await main.locator('canvas').count()).toBe(0);
    await a11y('public results');
    await shot('survey-results');

    // On a 320 px phone each label has a line of its own, the bar and its figures under it; nothing scrolls sideways, the table neither.
    await page.setViewportSize(NARROW);
    await expectNoHorizontalScroll(page, 'survey results at 320 px');
    const clipped = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.table-wrap, .bar-chart')].filter((w) => w.scrollWidth > w.clientWidth + 1).map((w) => w.textContent));
    expect(clipped, 'result charts or tables that hide something off to the side at 320 px').toEqual([]);
    const row = await main.locator('.bar-chart .bar-row').first().evaluate((r) => {
      const [label, figures, meter] = ['.bar-label', '.bar-figures', 'meter'].map((s) => r.querySelector(s)!.getBoundingClientRect());
      return { meterBelow: meter!.top >= label!.bottom - 1, figuresBeside: figures!.left >= meter!.right && figures!.top < meter!.bottom, meterWidth: meter!.width, rowWidth: r.getBoundingClientRect().width, labelWidth: label!.width };
    });
    expect(row.meterBelow).toBe(true);
    expect(row.figuresBeside).toBe(true);
    expect(row.labelWidth).toBeGreaterThan(row.rowWidth * 0.9);
    expect(row.meterWidth).toBeGreaterThan(row.rowWidth * 0.4);
    await a11y('public results on a phone');
    if (lang === 'fi') await shot('survey-results-phone');
  });

  journey('someone not on the list answers by the public link and confirms from the mail', LANGS, async ({ page, lang, t, open, a11y, shot, stack }) => {
    const id = await createOpen(stack, { anonymous: false, invite: 'digest' });
    const email = `julkinen-${lang}@example.fi`;
    await page.setViewportSize({ width: 320, height: 640 });
    await open(`surveys/answer/?id=${id}`);
    await page.locator(`${FORM}:not([hidden])`).waitFor();
    // The 1–5 scale on a 320 px phone: one row of five targets of one size; the ends' words are read with 1 and 5.
    const boxes = await page.locator('#q-need .choice').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ top: Math.round(r.top), width: Math.round(r.width), height: r.height })));
    expect(boxes).toHaveLength(5);
    expect(new Set(boxes.map((b) => b.top)).size).toBe(1);
    expect(new Set(boxes.map((b) => b.width)).size).toBe(1);
    expect(Math.min(...boxes.map((b) => b.height))).toBeGreaterThanOrEqual(44);
    expect(await page.getByRole('radio', { name: /^5 – / }).count()).toBe(1);
    await expectNoHorizontalScroll(page, 'survey answer form at 320 px');
    await a11y('survey form on a phone');
    if (lang === 'fi') await shot('survey-answer-phone');
    await page.getByLabel('Järjestö', { exact: true }).check();
    await page.getByLabel('Koulutuksia', { exact: true }).check();
    await page.getByLabel('4', { exact: true }).check();
    await button(page, t['survey.send']).click();
    await page.locator(`${STATUS}.error`).waitFor();
    await page.locator('[data-field="email"].has-error').waitFor();
    await a11y('public link without an address');

    await field(page, t['survey.email']).fill(email);
    await field(page, t['survey.name']).fill('Julkinen Vastaaja');
    await button(page, t['survey.send']).click();
    await page.locator(`${STATUS}.success`).waitFor();
    expect(await page.locator(STATUS).textContent()).toContain(email);
    await a11y('check your email');

    await stack.settle();
    const mail = (await stack.mailTo(email)).at(-1);
    const link = linkIn(mail?.body.text, /https?:\/\/\S+\/surveys\/confirm\/#token=[\w.-]+/);
    expect(link).toContain(`/${lang}/surveys/confirm/`);
    await page.goto(link);
    await page.locator(`${STATUS}:not([hidden])`).waitFor();
    expect(await page.locator(`${STATUS} h2`).textContent()).toBe(t['survey.confirm.done']);
    await a11y('confirmed');
    await shot('survey-confirm');

    await page.goto('about:blank');
    await page.goto(link);
    await page.locator(`${STATUS}.success`).waitFor();
    expect(await page.locator(`${STATUS} h2`).textContent()).toBe(t['survey.already.title']);
    await a11y('confirmed again');
  });

  journey('a coordinator previews a draft exactly as respondents will see it, and edits it until it opens', LANGS, async ({ page, lang, t, open, a11y, shot, stack }) => {
    const c = await coord(stack);
    const title = `Tarvekysely luonnoksena (${lang})`;
    const created = await c.api(`/api/coordinator/networks/${NETWORK}/surveys`, { method: 'POST', json: needsSurvey({ invite: 'digest', title: { fi: title, sv: `Behovsenkät som utkast (${lang})` } }) });
    const { id } = (await created.json()) as { id: string };
    await deskSession(page, stack);
    await open(`coordinator/?network=${NETWORK}#surveys`);
    const card = page.locator(`#survey-list li[data-survey="${id}"]`);
    await card.waitFor();

    // The preview: the answer page itself, marked, with the address fields of the public link and nothing to send.
    await card.getByRole('link', { name: t['coord.surveys.preview'] }).click();
    await page.waitForURL(`**/${lang}/surveys/answer/?id=${id}&preview`);
    await page.locator(`${FORM}:not([hidden])`).waitFor();
    const banner = page.locator('#survey-preview');
    expect(await banner.isVisible()).toBe(true);
    expect(await banner.locator('.badge').textContent()).toBe(t['survey.preview.badge']);
    expect(await page.locator('h1').textContent()).toBe(lang === 'sv' ? `Behovsenkät som utkast (${lang})` : title);
    expect(await page.title()).toMatch(new RegExp(`^${t['survey.preview.badge']}: `));
    expect(await page.locator('#q-role legend').textContent()).toContain('Missä työskentelet?');
    expect(await page.locator('#survey-you').isVisible()).toBe(true);
    expect(await button(page, t['survey.send']).isDisabled()).toBe(true);
    await a11y('preview of a draft');
    if (lang === 'fi') await shot('survey-preview');
    await onPhoneToo(page, a11y, 'survey preview');

    // Edit: the builder opens with the draft in it; a changed title and question are saved.
    await page.locator('#survey-preview a').click();
    await card.waitFor();
    await button(card, t['coord.surveys.edit']).click();
    const form = page.locator('#survey-builder-form');
    const titleField = field(form, `${t['coord.surveys.f.title']} ${t['submit.in.fi']}`);
    await expect.poll(() => titleField.inputValue()).toBe(title);
    expect(await focusedMatches(page, '#survey-title-fi')).toBe(true);
    expect(await page.locator('#survey-builder > summary h3').textContent()).toBe(`${t['coord.surveys.editing']}: ${lang === 'sv' ? `Behovsenkät som utkast (${lang})` : title}`);
    expect(await form.locator('[data-repeat="questions"] > .repeat-item').count()).toBe(4);
    const q1 = group(form, `${t['coord.surveys.f.question']} 1`);
    expect(await field(q1, t['coord.surveys.f.options']).inputValue()).toBe('Hyvinvointialue\nJärjestö\nOppilaitos');
    const q3 = group(form, `${t['coord.surveys.f.question']} 3`);
    expect(await field(q3, t['coord.surveys.f.kind']).inputValue()).toBe('scale');
    expect(await field(q3, t['coord.surveys.f.low']).inputValue()).toBe('Ei lainkaan');
    await a11y('editing a draft');
    if (lang === 'fi') await shot('coordinator-survey-edit');
    await onPhoneToo(page, a11y, 'editing a draft');

    const edited = `${title}, muokattu`;
    await titleField.fill(edited);
    await field(q1, t['coord.surveys.f.text']).fill('Missä työskentelet nyt?');
    await button(form, t['coord.surveys.f.saveChanges']).click();
    await page.locator('#surveys-status.success').waitFor();
    expect(await page.locator('#surveys-status').textContent()).toContain(t['coord.surveys.done.edited'].replace('{title}', edited));
    const stored = (await (await c.api(`/api/coordinator/surveys/${id}`)).json()) as { status: string; title: Record<string, string>; questions: Array<{ text: Record<string, string> }> };
    expect(stored).toMatchObject({ status: 'draft', title: { fi: edited, sv: `Behovsenkät som utkast (${lang})` } });
    expect(stored.questions.map((q) => q.text.fi)).toEqual(['Missä työskentelet nyt?', 'Mitä toivot verkostolta?', 'Kuinka tarpeellisena pidät verkostoa?', 'Muuta kerrottavaa']);
    await a11y('draft edited');

    // The preview after the edit is what a respondent gets once it opens: the same questions, the same markup.
    await open(`surveys/answer/?id=${id}&preview`);
    await page.locator(`${FORM}:not([hidden])`).waitFor();
    const previewed = await page.locator('#survey-questions').innerHTML();
    expect(previewed).toContain('Missä työskentelet nyt?');

    // Opened meanwhile (another tab): the edit is refused with a reason, and the survey stays as it was asked.
    await open(`coordinator/?network=${NETWORK}#surveys`);
    await card.waitFor();
    await button(card, t['coord.surveys.edit']).click();
    await expect.poll(() => titleField.inputValue()).toBe(edited);
    expect((await c.api(`/api/coordinator/surveys/${id}/open`, { method: 'POST' })).status).toBe(202);
    await titleField.fill('Liian myöhään');
    await button(form, t['coord.surveys.f.saveChanges']).click();
    await page.locator('#surveys-status.error').waitFor();
    expect(await page.locator('#surveys-status').textContent()).toContain(t['coord.surveys.notDraft']);
    await a11y('edit refused after opening');
    // The same address again (a fragment-only navigation would not reload): reload for the list as it now is.
    await page.reload();
    await card.waitFor();
    expect(await button(card, t['coord.surveys.edit']).count()).toBe(0);
    expect(await card.getByRole('link', { name: t['coord.surveys.preview'] }).count()).toBe(0);

    await page.context().clearCookies();
    await open(`surveys/answer/?id=${id}`);
    await page.locator(`${FORM}:not([hidden])`).waitFor();
    expect(await page.locator('#survey-preview').isHidden()).toBe(true);
    expect(await page.locator('h1').textContent()).toBe(lang === 'sv' ? `Behovsenkät som utkast (${lang})` : edited);
    expect(await page.locator('#survey-questions').innerHTML()).toBe(previewed);
    expect(await button(page, t['survey.send']).isEnabled()).toBe(true);

    // Without a coordinator's session the preview is not shown, and says how to get it.
    await open(`surveys/answer/?id=${id}&preview`);
    await page.locator(`${STATUS}.error`).waitFor();
    expect(await page.locator(`${STATUS} h2`).textContent()).toBe(t['survey.preview.signIn']);
    expect(await page.locator(FORM).isHidden()).toBe(true);
    await a11y('preview without a session');
  });

  journey('a survey longer than one screen shows how many questions are answered, at 1280 px and at 320 px', LANGS, async ({ page, t, open, a11y, shot, stack, lang }) => {
    const c = await coord(stack);
    const make = async (n: number) => {
      const { id } = (await (await c.api(`/api/coordinator/networks/${NETWORK}/surveys`, { method: 'POST', json: longSurvey(n) })).json()) as { id: string };
      expect((await c.api(`/api/coordinator/surveys/${id}/open`, { method: 'POST' })).status).toBe(202);
      return id;
    };
    const progressText = (n: number) => t['survey.progress'].replace('{n}', String(n)).replace('{total}', '12');
    const progress = page.locator('#survey-progress');

    await open(`surveys/answer/?id=${await make(12)}`);
    await page.locator(`${FORM}:not([hidden])`).waitFor();
    await progress.waitFor();
    expect(await progress.locator('p').getAttribute('aria-live')).toBe('polite');
    expect(await progress.locator('p').textContent()).toBe(progressText(0));
    // At the top of the form it rides the foot of the window.
    const box = (await progress.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(page.viewportSize()!.height + 1);
    expect(box.y).toBeGreaterThan(page.viewportSize()!.height / 2);

    await page.getByLabel('Järjestö', { exact: true }).first().check();
    await expect.poll(() => progress.locator('p').textContent()).toBe(progressText(1));
    await page.locator('#q-q4').fill('Kiitos');
    await expect.poll(() => progress.locator('p').textContent()).toBe(progressText(2));
    await page.locator('#q-q4').fill('');
    await expect.poll(() => progress.locator('p').textContent()).toBe(progressText(1));
    expect(await progress.locator('progress').evaluate((p: HTMLProgressElement) => [p.value, p.max])).toEqual([1, 12]);
    await a11y('long survey with progress');
    if (lang === 'fi') await shot('survey-progress');

    // On a 320 px phone: one line of text and bar at the foot, nothing sideways; a focused field is not hidden under it.
    await page.setViewportSize(NARROW);
    await expectNoHorizontalScroll(page, 'survey progress at 320 px');
    expect(await progress.isVisible()).toBe(true);
    const phone = (await progress.boundingBox())!;
    expect(phone.y + phone.height).toBeLessThanOrEqual(NARROW.height + 1);
    expect(phone.height).toBeLessThan(NARROW.height / 5);
    await page.locator('#q-q8').focus();
    const field8 = (await page.locator('#q-q8').boundingBox())!;
    const bar8 = (await progress.boundingBox())!;
    expect(field8.y + field8.height <= bar8.y || field8.y >= bar8.y + bar8.height).toBe(true);
    await a11y('long survey on a phone');
    if (lang === 'fi') await shot('survey-progress-phone');

    // A survey that fits on the screen needs none.
    await page.setViewportSize(DESKTOP);
    await open(`surveys/answer/?id=${await make(1)}`);
    await page.locator(`${FORM}:not([hidden])`).waitFor();
    expect(await progress.isHidden()).toBe(true);
  });

  journey('published results show a question fewer than five answered only by its count, at 1280 px and at 320 px', LANGS, async ({ page, lang, t, open, a11y, stack }) => {
    const fifth = `viides-${lang}@example.fi`;
    await subscribeConfirmed(stack, { email: fifth, lang, kinds: ['surveys'] });
    await crowd(stack);
    const def = needsSurvey();
    const c = await coord(stack);
    const created = await c.api(`/api/coordinator/networks/${NETWORK}/surveys`, { method: 'POST', json: { ...def, questions: def.questions.map((q) => (q.id === 'need' ? { ...q, required: false } : q)) } });
    const { id } = (await created.json()) as { id: string };
    expect((await c.api(`/api/coordinator/surveys/${id}/open`, { method: 'POST' })).status).toBe(202);
    await stack.settle();
    // Five answer; only two of them say how needed the network is.
    await answerFromInvites(stack, id, [...CROWD, fifth], (i) => ({ role: 'ngo', wishes: { chosen: ['visits'] }, ...(i < 2 ? { need: 5 } : {}) }));
    expect((await c.api(`/api/coordinator/surveys/${id}/publish`, { method: 'POST' })).status).toBe(200);

    await open(`surveys/results/?id=${id}`);
    const main = page.locator('main');
    await main.locator('#results .bar-chart').first().waitFor();
    const need = main.locator('section.result').nth(2);
    expect(await need.locator('p').allTextContents()).toEqual([t['survey.results.answered'].replace('{n}', '2'), t['survey.results.suppressed'].replace('{min}', '5')]);
    expect(await need.locator('.bar-chart, table').count()).toBe(0);
    expect(await figuresOf(main, 0, 'Järjestö')).toMatch(/^5\D+100\s?%$/);
    await a11y('results with a question under five');
    await onPhoneToo(page, a11y, 'results with a question under five');
  });
});
