import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/stack.js';
import { checkA11y, DESKTOP, expectNoHorizontalScroll, expectVisibleFocus, hasChromium, LANGS, launch, newContext, PHONE, screenshot, tabTo } from './support/browser.js';
import { fillListingForm, signInLinkFromMailbox } from './support/journeys.js';

const COORDINATOR = 'koordinaattori@kemi.example.fi';

describe.skipIf(!hasChromium)('pages in Chromium', () => {
  let stack: TestStack;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    stack = await startTestStack();
    browser = await launch();
    page = await (await newContext(browser)).newPage();
    page.on('pageerror', (err) => {
      throw err;
    });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const url = (path: string) => `${stack.urls.site}${path}`;

  describe.each(LANGS)('in %s', (lang) => {
    it('shows the home page with the demo network and the page language', async () => {
      await page.goto(url(`/${lang}/`));
      await expect.poll(() => page.locator('#networks .card h3').first().textContent()).toMatch(/Kemi/);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      await checkA11y(page, `home ${lang}`);
      await screenshot(page, 'home', lang);
    });

    it('switches language from the header and keeps the same page', async () => {
      await page.goto(url(`/${lang}/listings/new/`));
      const other = LANGS.find((l) => l !== lang)!;
      await page.locator(`.lang a[hreflang="${other}"]`).click();
      await page.waitForURL(`**/${other}/listings/new/`);
      expect(await page.getAttribute('html', 'lang')).toBe(other);
    });

    it('shows every error next to its field and in a focused summary when the form is sent empty', async () => {
      await page.goto(url(`/${lang}/listings/new/`));
      await checkA11y(page, `listing form (empty) ${lang}`);
      await screenshot(page, 'listing-form', lang);

      await page.locator('#listing-form button[type="submit"]').click();
      await page.locator('#form-status[role="alert"]').waitFor();

      expect(await page.evaluate(() => document.activeElement?.id)).toBe('form-status');
      expect(await page.locator('#f-organisation-name').getAttribute('aria-invalid')).toBe('true');
      const describedBy = (await page.locator('#f-title-fi').getAttribute('aria-describedby')) ?? '';
      const message = await page.locator(`#${describedBy.split(' ').find((id) => id.startsWith('err-'))}`).textContent();
      expect(message?.length).toBeGreaterThan(5);
      expect(await page.locator('#form-status li').count()).toBeGreaterThan(5);
      await checkA11y(page, `listing form (errors) ${lang}`);
      await screenshot(page, 'listing-form-errors', lang);
    });

    it('submits a filled listing, confirms it and mails the coordinators', async () => {
      await stack.clearMail();
      await page.goto(url(`/${lang}/listings/new/`));
      const title = `Perhekahvila (${lang})`;
      await fillListingForm(page, lang, title);
      await checkA11y(page, `listing form (filled) ${lang}`);

      await page.locator('#listing-form button[type="submit"]').click();
      await page.locator('#form-status.success').waitFor();
      await stack.settle();

      expect(await page.locator('#listing-form').isHidden()).toBe(true);
      await checkA11y(page, `listing form (sent) ${lang}`);
      await screenshot(page, 'listing-form-sent', lang);
      const mails = await stack.mailTo(COORDINATOR);
      expect(mails.map((m) => m.subject)).toContainEqual(expect.stringContaining(title));
    });

    it('shows the accessibility statement with the feedback channel', async () => {
      await page.goto(url(`/${lang}/accessibility/`));
      expect(await page.locator('main a[href^="mailto:"]').count()).toBeGreaterThan(0);
      await checkA11y(page, `accessibility statement ${lang}`);
      await screenshot(page, 'accessibility', lang);
    });

    it('signs a coordinator in from the mailbox link to the coordinator desk', async () => {
      const ctx = await newContext(browser);
      const p = await ctx.newPage();
      await p.goto(url(`/${lang}/coordinator/login/`));
      await checkA11y(p, `sign-in ${lang}`);
      await screenshot(p, 'coordinator-sign-in', lang);
      await p.locator('#f-email').fill(COORDINATOR);
      await p.locator('#login-form button[type="submit"]').click();
      await p.locator('#form-status.success').waitFor();
      await checkA11y(p, `check your email ${lang}`);
      await screenshot(p, 'coordinator-check-email', lang);

      await p.goto(await signInLinkFromMailbox(stack, COORDINATOR));
      await p.waitForURL(`**/${lang}/coordinator/`);
      await p.locator('#desk:not([hidden])').waitFor();
      expect(await p.locator('#who').textContent()).toBe(COORDINATOR);
      await p.locator('#coordinator-list li').first().waitFor();
      await checkA11y(p, `coordinator desk ${lang}`);
      await screenshot(p, 'coordinator-desk', lang);
      await ctx.close();
    });

    it('reflows on a 360-pixel phone and at 200 % zoom without horizontal scrolling', async () => {
      const phone = await newContext(browser, PHONE);
      const p = await phone.newPage();
      for (const path of ['', 'listings/new/', 'coordinator/login/', 'accessibility/']) {
        await p.goto(url(`/${lang}/${path}`));
        await expectNoHorizontalScroll(p, `${path || 'home'} on a phone`);
      }
      await p.goto(url(`/${lang}/listings/new/`));
      await screenshot(p, 'listing-form-phone', lang);
      await phone.close();
      // 200 % zoom of a 1280 px window is 640 CSS px of room.
      const zoomed = await browser.newContext({ viewport: { width: DESKTOP.width / 2, height: DESKTOP.height / 2 }, deviceScaleFactor: 2 });
      const z = await zoomed.newPage();
      await z.goto(url(`/${lang}/listings/new/`));
      await expectNoHorizontalScroll(z, 'listing form at 200 %');
      await zoomed.close();
    });
  });

  it('lets a keyboard-only user submit a listing', async () => {
    await stack.clearMail();
    const ctx = await newContext(browser);
    const p = await ctx.newPage();
    await p.goto(url('/fi/listings/new/'));
    await p.keyboard.press('Tab');
    expect(await p.evaluate(() => document.activeElement?.className)).toBe('skip');
    await expectVisibleFocus(p);
    await p.keyboard.press('Enter');
    await p.locator('#f-network option[value="kemi-perhekeskus"]').waitFor({ state: 'attached' });

    await tabTo(p, '#f-network');
    await expectVisibleFocus(p);
    await p.keyboard.press('ArrowDown');
    const typeInto = async (selector: string, text: string) => {
      await tabTo(p, selector);
      await p.keyboard.type(text);
    };
    await typeInto('#f-organisation-name', 'Näppäimistö ry');
    await tabTo(p, '#f-organisation-kind');
    await p.keyboard.press('ArrowDown');
    await typeInto('#f-contact-name', 'Kaisa Kokeilija');
    await typeInto('#f-contact-email', 'kaisa@example.fi');
    await typeInto('#f-title-fi', 'Näppäimistöllä lähetetty ryhmä');
    await typeInto('#f-summary-fi', 'Tiivistelmä.');
    await typeInto('#f-description-fi', 'Kuvaus.');
    await tabTo(p, 'input[name="kind"]');
    await p.keyboard.press('Space');
    await tabTo(p, 'input[name="themes"]');
    await p.keyboard.press('Space');
    await tabTo(p, 'input[name="targetGroups"]');
    await p.keyboard.press('Space');
    await tabTo(p, 'input[name="channels"][value="phone"]');
    await p.keyboard.press('Space');
    await typeInto('#f-channel-phone-phone', '040 123 4567');
    await tabTo(p, '#listing-form button[type="submit"]');
    await expectVisibleFocus(p);
    await p.keyboard.press('Enter');
    await p.locator('#form-status.success').waitFor();
    await stack.settle();

    const mails = await stack.mailTo(COORDINATOR);
    expect(mails.map((m) => m.subject)).toContainEqual(expect.stringContaining('Näppäimistöllä lähetetty ryhmä'));
    await ctx.close();
  });

  it('runs no injected script from submitted text on the pages', async () => {
    // The desk shows coordinator-entered and event data; a payload in an address must stay text.
    const ctx = await newContext(browser);
    const p = await ctx.newPage();
    let dialogs = 0;
    p.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await p.goto(url('/fi/listings/new/'));
    await p.locator('#f-organisation-name').fill('<img src=x onerror=alert(1)>');
    await p.locator('#listing-form button[type="submit"]').click();
    await p.locator('#form-status[role="alert"]').waitFor();
    expect(dialogs).toBe(0);
    await ctx.close();
  });
});
