import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { needsSurvey } from '../fixtures/surveys.js';
import { signIn, type SignedIn } from '../support/coordinator.js';
import type { TestStack } from '../support/stack.js';
import { subscribeConfirmed } from '../support/subscriptions.js';
import { expectNoHorizontalScroll, expectVisibleFocus, focusedMatches, tabTo } from './support/browser.js';
import { browserSuite, journey, LANGS } from './support/harness.js';
import { button, field, group, linkIn } from './support/listing.js';

/**
 * The needs survey Päijät-Häme's network began with (test/fixtures/surveys.ts),
 * run in the demo network of the local stack: built in the desk, answered
 * from the personal link in the mailbox (keyboard only) and by the public
 * link with a confirmation mail, counted in the desk, published.
 */
const NETWORK = 'kemi-perhekeskus';
const FORM = '#survey-form';
const STATUS = '#form-status';

browserSuite('surveys: build, answer, confirm, results', () => {
  let coordinator: SignedIn | undefined;
  const coord = async (stack: TestStack) => (coordinator ??= await signIn(stack, stack.config.networks[0]!.coordinators[0]!));

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
    await open('coordinator');
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
    await page.locator('#surveys-status.success').waitFor();
    await expect.poll(() => card.locator('dd').first().textContent()).toBe(t['coord.surveys.status.open']);
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

  journey('a subscriber answers from the personal link with the keyboard; the coordinator counts and publishes; the results page shows them', LANGS, async ({ page, lang, t, open, a11y, shot, stack }) => {
    const email = `vastaaja-${lang}@example.fi`;
    await subscribeConfirmed(stack, { email, lang, kinds: ['surveys'] });
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

    // The coordinator sees the counts and the free texts, and publishes.
    await deskSession(page, stack);
    await open(`coordinator/?network=${NETWORK}`);
    const card = page.locator(`#survey-list li[data-survey="${id}"]`);
    await card.waitFor();
    expect(await card.locator('.survey-responses').textContent()).toBe('1');
    await button(card, t['coord.surveys.showResults']).click();
    const tables = card.locator('.survey-results table');
    await tables.first().waitFor();
    const row = (n: number, label: string) => tables.nth(n).getByRole('row', { name: new RegExp(`^${label}`) });
    expect(await row(0, 'Järjestö').locator('td').first().textContent()).toBe('1');
    expect(await row(0, 'Hyvinvointialue').locator('td').first().textContent()).toBe('0');
    expect(await row(1, 'Koulutuksia').locator('td').first().textContent()).toBe('1');
    expect(await row(2, '5 –').locator('td').first().textContent()).toBe('1');
    expect(await card.locator('.free-texts').allTextContents()).toEqual(['Työnohjausta', 'Kiitos!']);
    expect(await card.getByRole('link', { name: t['coord.surveys.csv'] }).getAttribute('href')).toBe(`/api/coordinator/surveys/${id}/responses.csv`);
    await a11y('desk with results');
    await shot('coordinator-surveys');
    await button(card, t['coord.surveys.publish']).click();
    await page.locator('#surveys-status.success').waitFor();
    await a11y('results published');

    await card.getByRole('link', { name: t['coord.surveys.resultsPage'] }).click();
    await page.waitForURL(`**/${lang}/surveys/results/?id=${id}`);
    await page.locator('#results table').first().waitFor();
    expect(await page.locator('h1').textContent()).toContain(t['survey.results.title']);
    const pub = page.locator('#results table');
    expect(await pub.first().getByRole('row', { name: /^Järjestö/ }).textContent()).toMatch(/1\s*100\s?%/);
    expect(await pub.first().locator('th [lang="fi"]').count()).toBe(lang === 'fi' ? 0 : 3);
    expect(await pub.nth(2).getByRole('row', { name: /^5 –/ }).locator('td').first().textContent()).toBe('1');
    expect(await page.locator('main').textContent()).not.toContain('Kiitos!');
    expect(await page.locator('#results meter').count()).toBeGreaterThan(0);
    await a11y('public results');
    await shot('survey-results');

    // On a 320 px phone every column shows: the bar goes under its percentage, nothing scrolls sideways.
    await page.setViewportSize({ width: 320, height: 640 });
    await expectNoHorizontalScroll(page, 'survey results at 320 px');
    const clipped = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.table-wrap')].filter((w) => w.scrollWidth > w.clientWidth + 1).length);
    expect(clipped, 'result tables that hide columns off to the side at 320 px').toBe(0);
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
});
