import { expect } from 'vitest';
import { addDays, helsinkiDate } from '../../functions/shared/time.js';
import { PRIVACY } from '../../web/config.js';
import { dictionaries } from '../../web/i18n/index.js';
import { aListing } from '../fixtures/listings.js';
import { signIn, type SignedIn } from '../support/coordinator.js';
import { approve, submit } from '../support/listings.js';
import type { TestStack } from '../support/stack.js';
import { DESKTOP, expectNoHorizontalScroll, NARROW, screenshot } from './support/browser.js';
import { browserSuite, journey, LANGS } from './support/harness.js';
import { button } from './support/listing.js';

/**
 * Issue 18: the pages people choose over the tools they know. Each journey
 * runs in fi, sv and en, on a 320 px phone and a 1280 px screen, with axe in
 * every state.
 */

const VIEWPORTS = [NARROW, DESKTOP] as const;
const size = (v: typeof NARROW) => (v === NARROW ? 'phone' : 'desktop');

let api: Promise<SignedIn> | undefined;
const coordinatorApi = (stack: TestStack) => (api ??= signIn(stack, stack.config.networks[0]!.coordinators[0]!));

async function published(stack: TestStack, overrides: Parameters<typeof aListing>[0]): Promise<string> {
  const id = await submit(stack, aListing(overrides));
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
      await screenshot(page, viewport === NARROW ? 'listing-view-phone' : 'listing-view');
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
  }

  journey('on a 320 px phone the header is one compact bar: name, FI · SV · EN and a menu button that opens the menu', LANGS, async ({ page, lang, t, open, a11y }) => {
    await open('listings/new');
    const header = await page.locator('.header-row').boundingBox();
    expect(header!.height).toBeLessThanOrEqual(64);
    expect(await page.locator('.lang-switch .lang-code').allInnerTexts()).toEqual(['FI', 'SV', 'EN']);
    for (const full of await page.locator('.lang-switch .lang-full').all()) expect((await full.boundingBox())!.width).toBeLessThanOrEqual(1);
    const other = lang === 'fi' ? 'sv' : 'fi';
    // The full language name stays in the link's name, after the code people see.
    expect(await page.locator(`.lang-switch a[hreflang="${other}"]`).getAttribute('lang')).toBe(other);
    expect(await page.getByRole('link', { name: `${other.toUpperCase()}${dictionaries[other]['lang.name']}`, exact: true }).count()).toBe(1);

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
