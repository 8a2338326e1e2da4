import { expect } from 'vitest';
import { SITE, SUPERVISOR } from '../../web/config.js';
import { dictionaries } from '../../web/i18n/index.js';
import { context } from '../../web/layout.js';
import { pages } from '../../web/pages/index.js';
import { expectNoHorizontalScroll, NARROW, PHONE, screenshot, ZOOM_200, checkA11y } from './support/browser.js';
import { browserSuite, journey, LANGS } from './support/harness.js';
import { button, formReady, STATUS } from './support/listing.js';

const pathOf = (lang: string, path: string) => `/${lang}/${path ? `${path}/` : ''}`;

browserSuite('the site frame: root, home, language switch, statement, 404, reflow', () => {
  journey('the root offers the three languages, Finnish first', 'fi', async ({ page, url, a11y, shot }) => {
    await page.goto(url('/'));
    expect(await page.getAttribute('html', 'lang')).toBe('fi');
    for (const l of ['sv', 'en'] as const) {
      const link = page.locator(`a[hreflang="${l}"][lang="${l}"]`);
      expect(await link.textContent()).toBe(dictionaries[l]['lang.name']);
    }
    await a11y('root');
    await shot('root');
    await page.getByRole('link', { name: dictionaries.fi['root.fi'] }).click();
    await page.waitForURL('**/fi/');
    expect(await page.locator('h1').textContent()).toBe(dictionaries.fi['home.title']);
  });

  journey('the home page says what Verkosto is and lists the demo network', LANGS, async ({ page, lang, t, open, a11y, shot, stack }) => {
    await open('');
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    expect(await page.locator('h1').textContent()).toBe(t['home.title']);
    const network = stack.config.networks[0]!;
    const card = page.locator('#networks .card');
    await expect.poll(() => card.count()).toBe(stack.config.networks.length);
    expect(await card.locator('h3').first().textContent()).toBe(network.name[lang] ?? network.name.fi);
    expect(await card.first().textContent()).toContain(network.municipalities.join(', '));
    await a11y('networks loaded');
    await shot('home');

    await card.first().getByRole('link', { name: t['home.network.submit'] }).click();
    await page.waitForURL(`**${pathOf(lang, 'listings/new')}?network=${network.id}`);
    await formReady(page, network.id);
    expect(await page.locator('#f-network').inputValue()).toBe(network.id);
  });

  journey('the language switch opens the same page in the other language', LANGS, async ({ page, lang, open }) => {
    for (const p of pages) {
      for (const other of LANGS.filter((l) => l !== lang)) {
        await open(p.path);
        const link = page.locator(`.lang-switch a[hreflang="${other}"]`);
        expect(await link.getAttribute('lang')).toBe(other);
        await link.click();
        await page.waitForURL(`**${pathOf(other, p.path)}`);
        expect(await page.getAttribute('html', 'lang'), p.path).toBe(other);
        expect(await page.locator('h1').textContent()).toBe(dictionaries[other][p.title]);
        expect(await page.locator('.lang-switch [aria-current="true"]').getAttribute('lang')).toBe(other);
      }
    }
    // The query (which listing, which network) survives the switch.
    await open('listings/new/?network=kemi-perhekeskus');
    const other = lang === 'fi' ? 'sv' : 'fi';
    await page.locator(`.lang-switch a[hreflang="${other}"]`).click();
    await page.waitForURL(`**${pathOf(other, 'listings/new')}?network=kemi-perhekeskus`);
  });

  journey('the accessibility statement is one click from every page and names the feedback channel and the authority', LANGS, async ({ page, lang, t, open, a11y, shot }) => {
    await open('listings/new');
    await page.locator('footer').getByRole('link', { name: t['footer.accessibility'] }).click();
    await page.waitForURL(`**${pathOf(lang, 'accessibility')}`);
    expect(await page.locator('h1').textContent()).toBe(t['a11y.title']);
    const headings = await page.locator('main h2').allTextContents();
    for (const key of ['a11y.status.title', 'a11y.gaps.title', 'a11y.date.title', 'a11y.feedback.title', 'a11y.authority.title'] as const) expect(headings).toContain(t[key]);
    expect(await page.locator(`main a[href="mailto:${SITE.feedbackEmail}"]`).count()).toBe(1);
    expect(await page.locator(`main a[href="${SUPERVISOR.web[lang]}"]`).count()).toBe(1);
    expect(await page.locator(`main a[href="mailto:${SUPERVISOR.email}"]`).count()).toBe(1);
    expect(await page.locator('main').textContent()).toContain(context(lang).date(SITE.statementDate));
    expect(await page.locator('footer a[href^="mailto:"]').getAttribute('href')).toBe(`mailto:${SITE.feedbackEmail}`);
    await a11y('statement');
    await shot('accessibility');
  });

  journey('a missing page answers 404 in all three languages', 'fi', async ({ page, url, a11y, shot }) => {
    const res = await page.goto(url('/fi/ei-tallaista-sivua/'));
    expect(res?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe(dictionaries.fi['notFound.title']);
    for (const l of ['sv', 'en'] as const) {
      expect(await page.locator(`section[lang="${l}"] h2`).textContent()).toBe(dictionaries[l]['notFound.title']);
    }
    await a11y('404');
    await shot('not-found');
    await page.locator('section[lang="sv"] a').click();
    await page.waitForURL('**/sv/');
  });

  journey('every page reflows on a 360 px phone, at 320 px and at 200 % zoom without horizontal scrolling', LANGS, async ({ page, lang, t, url, browser, a11y }) => {
    const paths = [...pages.map((p) => pathOf(lang, p.path)), '/', '/fi/ei-ole/'];
    for (const viewport of [PHONE, NARROW, ZOOM_200]) {
      const ctx = viewport === PHONE ? page.context() : await browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, deviceScaleFactor: viewport.deviceScaleFactor ?? 1 });
      const p = viewport === PHONE ? page : await ctx.newPage();
      const label = `${viewport.width} px${viewport.deviceScaleFactor ? ` × ${viewport.deviceScaleFactor}` : ''}`;
      for (const path of paths) {
        await p.goto(url(path));
        await expectNoHorizontalScroll(p, `${path} at ${label}`);
      }
      // The longest state: the form with every error shown.
      await p.goto(url(pathOf(lang, 'listings/new')));
      await formReady(p);
      await button(p, t['submit.send']).click();
      await p.locator(`${STATUS}[role="alert"]`).waitFor();
      await expectNoHorizontalScroll(p, `the form with errors at ${label}`);
      if (viewport === PHONE) {
        await a11y('the form with errors on a phone');
        if (lang === 'fi') {
          await p.goto(url(pathOf(lang, 'listings/new')));
          await formReady(p);
          await screenshot(p, 'listing-form-phone');
        }
        await p.goto(url(pathOf(lang, '')));
        await p.locator('#networks .card').first().waitFor();
        await checkA11y(p, `home on a phone [${lang}]`);
        await screenshot(p, 'home-phone');
      } else {
        await ctx.close();
      }
    }
  }, { viewport: PHONE });
});
