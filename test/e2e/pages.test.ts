import { expect } from 'vitest';
import { addDays, helsinkiDate } from '../../functions/shared/time.js';
import { PRIVACY } from '../../web/config.js';
import type { Page } from 'playwright-core';
import { dictionaries, type Dictionary } from '../../web/i18n/index.js';
import { aListing } from '../fixtures/listings.js';
import { signIn, type SignedIn } from '../support/coordinator.js';
import { approve, editTokenFromMail, submit } from '../support/listings.js';
import type { TestStack } from '../support/stack.js';
import { DESKTOP, expectNoHorizontalScroll, expectVisibleFocus, NARROW, screenshot, tabTo } from './support/browser.js';
import { browserSuite, journey, LANGS } from './support/harness.js';
import { fieldMessage } from '../../functions/shared/i18n.js';
import { button, field, fillRequired, formReady, send } from './support/listing.js';

/**
 * Issue 18: the pages people choose over the tools they know. Each journey
 * runs in fi, sv and en, on a 320 px phone and a 1280 px screen, with axe in
 * every state.
 */

const VIEWPORTS = [NARROW, DESKTOP] as const;
const DESK_TABS = ['listings', 'meetings', 'surveys', 'mailing', 'coordinators', 'audit'] as const;
/** A tab of the desk's tab bar, found by its visible name (the count after it, if any, is part of the name). */
const deskTab = (page: Page, t: Dictionary, section: (typeof DESK_TABS)[number]) =>
  page.getByRole('navigation', { name: t['coord.tabs'] }).getByRole('link', { name: new RegExp(`^${t[`coord.tab.${section}`]}( \\d+)?$`) });
const size = (v: typeof NARROW) => (v === NARROW ? 'phone' : 'desktop');

let api: Promise<SignedIn> | undefined;
const coordinatorApi = (stack: TestStack) => (api ??= signIn(stack, stack.config.networks[0]!.coordinators[0]!));

let submitted = 0;
/** Submits and approves; each listing gets its own submitter address unless given one (one address's identical submissions are one listing). */
async function published(stack: TestStack, overrides: Parameters<typeof aListing>[0]): Promise<string> {
  const contact = { name: 'Maija Meikäläinen', email: `ilmoittaja-${++submitted}-${Date.now()}@perhepalvelut.example.fi` };
  const id = await submit(stack, aListing({ contact, ...overrides }));
  await approve(await coordinatorApi(stack), stack, id);
  return id;
}

/** How each language writes a time range in running text. */
const TIME = { fi: 'klo 9.30–11.30', sv: 'kl. 9.30–11.30', en: '9:30–11:30' } as const;

browserSuite('pages people prefer: privacy, phone-first header, listing page', () => {
  for (const viewport of VIEWPORTS) {
    const at = `at ${viewport.width} px`;

    journey(`the privacy notice is one click from every page and names controller, contact, purposes, storage times and rights ${at}`, LANGS, async ({ page, lang, t, open, a11y }) => {
      await open('subscribe');
      await page.locator('footer').getByRole('link', { name: t['footer.privacy'] }).click();
      await page.waitForURL(`**/${lang}/privacy/`);

      expect(await page.locator('h1').textContent()).toBe(t['privacy.title']);
      const headings = await page.locator('main h2').allTextContents();
      for (const key of ['privacy.controller.title', 'privacy.contact.title', 'privacy.registers.title', 'privacy.rights.title'] as const) expect(headings).toContain(t[key]);
      const main = (await page.locator('main').textContent()) ?? '';
      expect(main).toContain(PRIVACY.controller.name[lang]);
      expect(main).toContain(PRIVACY.controller.businessId);
      expect(await page.locator(`main a[href="mailto:${PRIVACY.contact.email}"]`).count()).toBe(1);
      for (const r of PRIVACY.registers) {
        const section = page.locator(`section[aria-labelledby="reg-${r.id}"]`);
        expect(await section.locator('dd').allTextContents()).toEqual([r.purpose[lang], r.basis[lang], r.data[lang], r.retention[lang]]);
      }
      expect(await page.locator('main a[href^="https://tietosuoja.fi"]').count()).toBe(1);
      await expectNoHorizontalScroll(page, `privacy notice ${at}`);
      await a11y('privacy notice');
      await screenshot(page, viewport === NARROW ? 'privacy-phone' : 'privacy');
    }, { viewport });

    journey(`every form that takes personal data says what happens to it and links the privacy notice ${at}`, LANGS, async ({ page, lang, open }) => {
      // Some of these forms are shown only once their script has loaded what they belong to; the note is in the built page all the same.
      const forms = { 'listings/new': 'listing-form', 'listings/edit': 'listing-form', 'meetings/view': 'rsvp-form', 'surveys/answer': 'survey-form', subscribe: 'subscribe-form', 'subscribe/manage': 'manage-form', 'coordinator/login': 'login-form' };
      for (const [path, form] of Object.entries(forms)) {
        await open(path);
        const links = await page.locator(`#${form} .privacy-note a`).evaluateAll((as) => as.map((a) => a.getAttribute('href')));
        expect(links, path).toEqual([`/${lang}/privacy/`]);
      }
      await open('listings/new');
      const note = page.locator('#listing-form .privacy-note');
      expect(await note.isVisible()).toBe(true);
    }, { viewport });

    journey(`a listing's page is titled by the listing, says when it was checked, links maps and keeps the description's paragraphs ${at}`, LANGS, async ({ page, lang, t, open, a11y, stack }) => {
      const title = { fi: `Perhekahvila Satama ${viewport.width}`, sv: `Familjecafé Hamnen ${viewport.width}`, en: `Family café Harbour ${viewport.width}` };
      const id = await published(stack, {
        title,
        description: { fi: 'Ensimmäinen kappale.\nToinen rivi samassa kappaleessa.\n\nToinen kappale.', sv: 'Första stycket.\nAndra raden i samma stycke.\n\nAndra stycket.', en: 'First paragraph.\nSecond line of it.\n\nSecond paragraph.' },
        schedule: { type: 'once', date: addDays(helsinkiDate(new Date()), 7), startTime: '09:30', endTime: '11:30' },
      });
      await open(`listings/view/?id=${id}`);
      await page.locator('#listing:not([hidden])').waitFor();

      expect(await page.locator('h1').textContent()).toBe(title[lang]);
      expect(await page.locator('h1').count()).toBe(1);
      const today = helsinkiDate(new Date());
      const dated = new Intl.DateTimeFormat({ fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' }[lang], { day: 'numeric', month: lang === 'en' ? 'long' : 'numeric', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${today}T00:00:00Z`));
      expect(await page.locator('#listing-checked').textContent()).toBe(t['view.checked'].replace('{date}', dated));

      const paragraphs = page.locator('#listing-description p');
      expect(await paragraphs.count()).toBe(2);
      expect(await paragraphs.first().locator('br').count()).toBe(1);

      const address = encodeURIComponent('Keskuspuistokatu 8, 94100 Kemi');
      expect(await page.getByRole('link', { name: 'OpenStreetMap' }).getAttribute('href')).toBe(`https://www.openstreetmap.org/search?query=${address}`);
      expect(await page.getByRole('link', { name: 'Google Maps' }).getAttribute('href')).toBe(`https://www.google.com/maps/search/?api=1&query=${address}`);

      const facts = (await page.locator('#listing-facts').textContent()) ?? '';
      expect(facts).toContain(TIME[lang]);
      expect(facts).toContain(t['view.accessibility']);
      await expectNoHorizontalScroll(page, `listing page ${at}`);
      await a11y('listing page');
      await screenshot(page, viewport === NARROW ? 'listing-view-phone' : 'listing-view-maps');
    }, { viewport });

    journey(`a long text is counted as it is typed and refused with a message, never cut; a business ID's check digit is checked ${at}`, LANGS, async ({ page, lang, t, open, a11y, stack }) => {
      await open('listings/new');
      await formReady(page);
      const title = field(page, `${t['submit.title.field']} ${t['submit.in.fi']}`);
      const counter = page.locator('#f-title-fi-count');
      expect(await counter.textContent()).toBe(t['form.counter.max'].replace('{max}', '120'));
      await fillRequired(page, t, 'Harrastusilta');
      expect(await counter.textContent()).toBe(t['form.counter.left'].replace('{n}', '107'));
      // A pasted 5,000-character title stays whole, the counter says how much too much.
      await title.fill('x'.repeat(5000));
      expect((await title.inputValue()).length).toBe(5000);
      expect(await counter.textContent()).toBe(t['form.counter.over'].replace('{n}', '4880'));
      expect(await page.locator('#f-title-fi-count.over').count()).toBe(1);
      await field(page, t['submit.organisation.businessId']).fill('1234567-8');
      await expectNoHorizontalScroll(page, `the counted form ${at}`);

      await send(page, t);
      const titleField = page.locator('[data-field="title.fi"]');
      await titleField.locator('.field-error').waitFor();
      expect(await titleField.locator('.field-error').textContent()).toContain(fieldMessage('too_long', lang));
      expect(await page.locator('[data-field="organisation.businessId"] .field-error').textContent()).toContain(fieldMessage('business_id_check', lang));
      await a11y('too long and a wrong check digit');

      // The API refuses the same on its own: 400 with the fields, nothing stored.
      const res = await stack.api(`/api/listings?lang=${lang}`, { method: 'POST', json: { ...aListing(), title: { fi: 'x'.repeat(5000) }, organisation: { name: 'Ry', kind: 'association', businessId: '1234567-8' } } });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { fields: Record<string, string> } };
      expect(body.error.fields['title.fi']).toBe(fieldMessage('too_long', lang));
      expect(body.error.fields['organisation.businessId']).toBe(fieldMessage('business_id_check', lang));
    }, { viewport });

    journey(`Back and Forward after a sent listing show the receipt, never the form again ${at}`, LANGS, async ({ page, lang, t, open, a11y }) => {
      await open('listings/new');
      await formReady(page);
      await fillRequired(page, t, `Takaisin-testi ${lang}`);
      await send(page, t);
      await page.locator('#form-status.success').waitFor();

      await page.locator('footer').getByRole('link', { name: t['footer.privacy'] }).click();
      await page.waitForURL(`**/${lang}/privacy/`);
      await page.goBack();
      await page.locator('#form-status.success').waitFor();
      expect(await page.locator('#listing-form').isHidden()).toBe(true);
      expect(await page.locator('#form-status h2').textContent()).toBe(t['submit.success.title']);
      await a11y('the receipt after Back');

      await page.goForward();
      await page.waitForURL(`**/${lang}/privacy/`);
      await page.goBack();
      await page.locator('#form-status.success').waitFor();
      expect(await page.locator('#listing-form').isHidden()).toBe(true);
    }, { viewport });

    journey(`the edit page shows the network as a fact and offers "still valid" itself ${at}`, LANGS, async ({ page, lang, t, open, a11y, stack }) => {
      const email = `jatkaja-${lang}-${viewport.width}@perhepalvelut.example.fi`;
      const until = addDays(helsinkiDate(new Date()), 20);
      const id = await published(stack, { contact: { name: 'Maija Meikäläinen', email }, validUntil: until });
      const token = await editTokenFromMail(stack, email);

      await open(`listings/edit/#token=${token}`);
      await page.locator('#edit-body:not([hidden])').waitFor();
      expect(await page.locator('#f-network').isVisible()).toBe(false);
      const network = stack.config.networks[0]!;
      expect(await page.locator('#edit-network').textContent()).toBe(network.name[lang] ?? network.name.fi);
      await page.locator('#still-valid:not([hidden])').waitFor();
      await expectNoHorizontalScroll(page, `edit page ${at}`);
      await a11y('edit page with still valid');

      await button(page, t['edit.extend.button']).click();
      await page.locator('#extend-status.success').waitFor();
      const next = `${Number(until.slice(0, 4)) + 1}${until.slice(4)}`;
      await stack.settle();
      const view = (await (await stack.api(`/api/listings/${id}`)).json()) as { validUntil: string };
      expect(view.validUntil).toBe(next);
      expect(await page.locator('#edit-validity').textContent()).toContain(String(Number(until.slice(0, 4)) + 1));
      await a11y('extended');
      if (viewport === NARROW) await screenshot(page, 'listing-edit-extend-phone');
    }, { viewport });

    journey(`an online-only listing says nothing about premises' accessibility ${at}`, LANGS, async ({ page, t, open, stack }) => {
      const id = await published(stack, { channels: [{ type: 'online', url: 'https://teams.example.fi/ryhma' }], accessibility: ['not-known'], schedule: { type: 'none' } });
      await open(`listings/view/?id=${id}`);
      await page.locator('#listing:not([hidden])').waitFor();
      const labels = await page.locator('#listing-facts dt').allTextContents();
      expect(labels).toContain(t['view.where']);
      expect(labels).not.toContain(t['view.accessibility']);
      expect(await page.locator('#listing-facts').textContent()).not.toContain(t['enum.accessibility.not-known']);
    }, { viewport });

    journey(`the coordinator desk is sections in a tab bar with counts, each at its own address, so Back and the keyboard work ${at}`, LANGS, async ({ page, lang, t, open, a11y, stack }) => {
      // Arrange: a listing waits for review, so "To review" has something to count.
      const c = await coordinatorApi(stack);
      await submit(stack, aListing({ title: { fi: `Tarkistettava ${lang} ${size(viewport)}` }, contact: { name: 'Maija Meikäläinen', email: `tabs-${lang}-${size(viewport)}@perhepalvelut.example.fi` } }));
      await page.context().addCookies(
        c.cookie.split('; ').map((pair) => {
          const [name, ...value] = pair.split('=');
          return { name: name!, value: value.join('='), url: stack.urls.site };
        }),
      );

      // Act
      await open(`coordinator/?network=${stack.config.networks[0]!.id}`);
      await page.locator('article.pending-listing').first().waitFor();

      // Assert: the first section shows alone, its tab is current and counts what waits in it.
      const pending = await page.locator('article.pending-listing').count();
      const review = deskTab(page, t, 'listings');
      await expect.poll(() => review.textContent()).toBe(`${t['coord.tab.listings']}${pending}`);
      expect(await review.getAttribute('aria-current')).toBe('page');
      for (const other of DESK_TABS.slice(1)) expect(await page.locator(`#${other}`).isHidden()).toBe(true);
      await expectNoHorizontalScroll(page, `desk tabs ${at}`);
      await a11y('desk tab bar, listings');

      // Act: to the meetings, then the log.
      await deskTab(page, t, 'meetings').click();
      await page.waitForURL('**#meetings');
      await page.locator('#meetings').waitFor();
      await deskTab(page, t, 'audit').click();
      await page.waitForURL('**#audit');
      // The address changes before the page's hashchange handler switches the sections (in one go): wait for it.
      await page.locator('#audit').waitFor();

      // Assert: one section at a time, the current tab marked, the focus at the section.
      expect(await page.locator('#meetings').isHidden()).toBe(true);
      expect(await page.locator('#audit').isVisible()).toBe(true);
      expect(await deskTab(page, t, 'audit').getAttribute('aria-current')).toBe('page');
      expect(await deskTab(page, t, 'meetings').getAttribute('aria-current')).toBeNull();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('audit');
      await a11y('desk tab bar, log');

      // Act + Assert: Back returns to the meetings, then to the listings.
      await page.goBack();
      await page.locator('#meetings').waitFor();
      expect(await page.locator('#audit').isHidden()).toBe(true);
      expect(await deskTab(page, t, 'meetings').getAttribute('aria-current')).toBe('page');
      await page.goBack();
      await page.locator('#listings').waitFor();
      expect(await review.getAttribute('aria-current')).toBe('page');

      // Act + Assert: by keyboard, Tab to a tab and Enter opens it.
      await tabTo(page, '#desk-tabs a[data-section="coordinators"]');
      await expectVisibleFocus(page);
      await page.keyboard.press('Enter');
      await page.locator('#coordinators').waitFor();
      const coordinators = await page.locator('#coordinator-list li').count();
      await expect.poll(() => deskTab(page, t, 'coordinators').textContent()).toBe(`${t['coord.tab.coordinators']}${coordinators}`);
      expect(new URL(page.url()).hash).toBe('#coordinators');
    }, { viewport });
  }

  journey('a withdrawn listing\'s page says what happened and where to go on, at 320 px', LANGS, async ({ page, lang, t, open, a11y, stack }) => {
    const email = `poistaja-${lang}@perhepalvelut.example.fi`;
    const id = await published(stack, { contact: { name: 'Maija Meikäläinen', email } });
    const token = await editTokenFromMail(stack, email);
    expect((await stack.api(`/api/listings/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } })).status).toBe(202);
    await stack.settle();

    await open(`listings/view/?id=${id}`);
    const status = page.locator('#view-status.info');
    await status.waitFor();
    expect(await status.locator('h2').textContent()).toBe(t['view.gone.withdrawn.title']);
    expect(await status.getByRole('link', { name: t['view.gone.search'] }).getAttribute('href')).toBe(`/${lang}/listings/`);
    await expectNoHorizontalScroll(page, 'withdrawn listing at 320 px');
    await a11y('withdrawn listing');
  }, { viewport: NARROW });

  journey('the coordinator desk fits a 320 px phone: nothing scrolls sideways, tables included; removing a coordinator asks first and explains a refusal', LANGS, async ({ page, lang, t, open, a11y, stack }) => {
    const c = await coordinatorApi(stack);
    await submit(stack, aListing({ title: { fi: `Odottava ilmoitus ${lang}` } }));
    await page.context().addCookies(
      c.cookie.split('; ').map((pair) => {
        const [name, ...value] = pair.split('=');
        return { name: name!, value: value.join('='), url: stack.urls.site };
      }),
    );
    await open(`coordinator/?network=${stack.config.networks[0]!.id}`);
    await page.locator('#desk:not([hidden])').waitFor();
    await page.locator('article.pending-listing').first().waitFor();
    await a11y('desk on a phone');
    await screenshot(page, 'coordinator-desk-phone');
    // Every section in turn, as its tab shows it.
    for (const section of DESK_TABS) {
      await deskTab(page, t, section).click();
      await page.locator(`#${section}`).waitFor();
      await page.locator(`#${section} h2`).waitFor();
      await expectNoHorizontalScroll(page, `the desk's ${section} at 320 px [${lang}]`);
      const clipped = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.table-wrap')].filter((w) => w.scrollWidth > w.clientWidth + 1).map((w) => `${w.id || w.parentElement?.id}: ${w.scrollWidth} > ${w.clientWidth}`));
      expect(clipped, 'tables that hide columns off to the side').toEqual([]);
      await a11y(`desk's ${section} on a phone`);
    }
    await deskTab(page, t, 'coordinators').click();
    await page.locator('#coordinator-list li').first().waitFor();

    // Removing a coordinator asks first, and a refusal says why instead of "try again later".
    const me = stack.config.networks[0]!.coordinators[0]!;
    const extra = `lisatty-${lang}@perhepalvelut.example.fi`;
    const row = (email: string) => page.locator('#coordinator-list li', { hasText: email });
    const add = async (email: string) => {
      await page.getByLabel(t['coord.addCoordinator.email']).fill(email);
      await button(page, t['coord.addCoordinator']).click();
      await row(email).waitFor();
    };
    await add(extra);
    await row(extra).getByRole('button', { name: `${t['coord.remove']} ${extra}` }).click();
    expect(await row(extra).locator('.confirm-row p').first().textContent()).toBe(t['coord.remove.confirm'].replace('{email}', extra));
    await a11y('confirm removal');
    await button(row(extra), t['coord.remove.no']).click();
    expect(await row(extra).locator('.confirm-row').count()).toBe(0);
    await row(extra).getByRole('button', { name: `${t['coord.remove']} ${extra}` }).click();
    await button(row(extra), t['coord.remove.yes']).click();
    await expect.poll(() => page.locator('#desk-status.success').textContent()).toBe(t['coord.remove.done'].replace('{email}', extra));
    await row(extra).waitFor({ state: 'detached' });

    // Someone else removed them while the question was open: the answer says so.
    const other = `toinen-${lang}@perhepalvelut.example.fi`;
    await add(other);
    await row(other).getByRole('button', { name: `${t['coord.remove']} ${other}` }).click();
    expect((await c.api(`/api/coordinator/networks/${stack.config.networks[0]!.id}/coordinators/${encodeURIComponent(other)}`, { method: 'DELETE' })).status).toBe(200);
    await button(row(other), t['coord.remove.yes']).click();
    await expect.poll(() => page.locator('#desk-status.error').textContent()).toBe(t['coord.remove.gone'].replace('{email}', other));
    await row(other).waitFor({ state: 'detached' });
    await a11y('removal refused');

    // The audit log tells it as sentences, in Helsinki time.
    await stack.settle();
    await page.reload();
    await deskTab(page, t, 'audit').click();
    await page.locator('#audit-body ol.audit-log li').first().waitFor();
    const sentences = await page.locator('#audit-body li p').allTextContents();
    expect(sentences).toContain(t['coord.audit.Coordinator.Removed'].replace('{actor}', me).replace('{target}', extra));
    expect(sentences).toContain(t['coord.audit.Coordinator.Added'].replace('{actor}', me).replace('{target}', extra));
    const stamp = await page.locator('#audit-body li time').first().textContent();
    expect(stamp).toMatch({ fi: /^\d{1,2}\.\d{1,2}\.\d{4} klo \d{1,2}\.\d{2}$/, sv: /^\d{1,2}\.\d{1,2}\.\d{4} kl\. \d{1,2}\.\d{2}$/, en: /^\d{1,2} \w+ \d{4} \d{1,2}:\d{2}$/ }[lang]);
    await expectNoHorizontalScroll(page, `the audit log at 320 px [${lang}]`);
    await a11y('audit log');
  }, { viewport: NARROW });

  journey('on a 320 px phone the header is one compact bar: name, FI · SV · EN and a menu button that opens the menu', LANGS, async ({ page, lang, t, open, a11y }) => {
    await open('listings/new');
    const header = await page.locator('.header-row').boundingBox();
    expect(header!.height).toBeLessThanOrEqual(64);
    expect(await page.locator('.lang-switch .lang-code').allInnerTexts()).toEqual(['FI', 'SV', 'EN']);
    for (const full of await page.locator('.lang-switch .lang-full').all()) expect((await full.boundingBox())!.width).toBeLessThanOrEqual(1);
    const other = lang === 'fi' ? 'sv' : 'fi';
    // The full language name stays in the link's name, after the code people see.
    expect(await page.locator(`.lang-switch a[hreflang="${other}"]`).getAttribute('lang')).toBe(other);
    expect(await page.getByRole('link', { name: new RegExp(`^${other.toUpperCase()}\\s*${dictionaries[other]['lang.name']}$`) }).count()).toBe(1);

    const menu = button(page, t['nav.menu']);
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('#main-nav').isVisible()).toBe(false);
    await a11y('menu closed');
    // The h1 starts within the first 130 px instead of 340.
    expect((await page.locator('h1').boundingBox())!.y).toBeLessThan(130);

    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    expect(await page.locator('#main-nav').isVisible()).toBe(true);
    expect(await page.locator('#main-nav a[aria-current="page"]').textContent()).toBe(t['nav.submit']);
    await expectNoHorizontalScroll(page, 'open menu at 320 px');
    await a11y('menu open');
    await screenshot(page, 'header-menu-phone');

    await page.locator('#main-nav a').first().focus();
    await page.keyboard.press('Escape');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('menu-button'))).toBe(true);
  }, { viewport: NARROW });

  journey('on a 1280 px screen the menu and the full language names show without a button', LANGS, async ({ page, lang, t, open, a11y }) => {
    await open('');
    expect(await page.locator('.menu-button').isVisible()).toBe(false);
    expect(await page.locator('#main-nav').isVisible()).toBe(true);
    const other = lang === 'fi' ? 'sv' : 'fi';
    expect(await page.locator(`.lang-switch a[hreflang="${other}"]`).innerText()).toBe(dictionaries[other]['lang.name']);
    expect(await page.locator('.main-nav a').allTextContents()).toContain(t['nav.meetings']);
    await a11y('desktop header');
  });
});
