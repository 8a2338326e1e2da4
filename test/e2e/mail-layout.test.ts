import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everyMailKind } from '../support/mail-kinds.js';
import { expectNoHorizontalScroll, launch, noBrowser } from './support/browser.js';

/** An iPhone-sized window: mail apps show HTML mail at about this width. */
const PHONE_375 = { width: 375, height: 740 };

describe.skipIf(noBrowser !== undefined)('every kind of mail on a 375 px phone', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it.each(['fi', 'sv', 'en'] as const)('scrolls no mail sideways and keeps every button and link inside the screen (%s)', async (lang) => {
    const page = await browser.newPage({ viewport: PHONE_375 });
    try {
      for (const [kind, mail] of everyMailKind(lang)) {
        await page.setContent(mail.html, { waitUntil: 'load' });
        await expectNoHorizontalScroll(page, `the ${kind} mail`);
        const layout = await page.evaluate(() => ({
          outside: Array.from(document.querySelectorAll('a, h2, p, td'))
            .filter((el) => {
              const r = el.getBoundingClientRect();
              return r.width > 0 && (r.left < 0 || r.right > document.documentElement.clientWidth);
            })
            .map((el) => `${el.tagName} ${el.textContent?.slice(0, 40) ?? ''}`),
          smallestLinkHeight: Math.min(...Array.from(document.querySelectorAll('a')).map((a) => a.getBoundingClientRect().height)),
        }));
        expect(layout.outside, `${kind}: elements past the edge`).toEqual([]);
        // Links are padded into tap targets of at least 24 px (WCAG 2.2 target size, minimum).
        expect(layout.smallestLinkHeight, `${kind}: smallest link`).toBeGreaterThanOrEqual(24);
      }
    } finally {
      await page.close();
    }
  });
});
