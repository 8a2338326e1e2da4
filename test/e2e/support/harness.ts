import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dictionaries, LANGS, type Dictionary, type Lang } from '../../../web/i18n/index.js';
import type { LocalStackOptions } from '../../../local/stack.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { axeRuns, checkA11y, DESKTOP, launch, noBrowser, screenshot, shots, type Viewport } from './browser.js';
import { ensureSiteBuilt } from './site.js';

export { LANGS, type Lang };

/**
 * One local stack and one Chromium per test file; each journey gets a fresh
 * browser context (no cookies carried between journeys) and a page.
 *
 *   browserSuite('the home page', () => {
 *     journey('lists the demo network', LANGS, async ({ open, page, t, a11y, shot }) => {
 *       await open('');
 *       await expect(page.locator('#networks .card')).toHaveCount(1);
 *       await a11y('loaded');
 *       await shot('home');
 *     });
 *   });
 */

export interface Journey {
  page: Page;
  lang: Lang;
  /** the dictionary of the journey's language, for finding things by their visible text */
  t: Dictionary;
  stack: TestStack;
  browser: Browser;
  /** absolute URL of a site path ('/fi/', '/api/networks') */
  url(path: string): string;
  /** opens /<lang>/<path>/ in this journey's language */
  open(path: string): Promise<void>;
  /** axe (WCAG 2.1 A/AA) on the page as it is now; `state` names it in failures */
  a11y(state: string): Promise<void>;
  /** writes test/e2e/screenshots/<name>-<lang>.png, under `npm run screenshots` only */
  shot(name: string): Promise<void>;
}

export interface JourneyOptions {
  viewport?: Viewport;
}

interface SuiteState {
  stack: TestStack;
  browser: Browser;
}

let suite: SuiteState | undefined;

/**
 * The browser tests of one file. Skipped only when no browser can be had
 * at all (global-setup.ts says so loudly, before and after the run).
 */
export function browserSuite(name: string, define: () => void, stackOptions: Partial<LocalStackOptions> = {}): void {
  describe.skipIf(noBrowser !== undefined)(name, () => {
    beforeAll(async () => {
      await ensureSiteBuilt();
      const stack = await startTestStack(stackOptions);
      try {
        suite = { stack, browser: await launch() };
      } catch (err) {
        await stack.close();
        throw err;
      }
    });
    afterAll(async () => {
      await suite?.browser.close();
      await suite?.stack.close();
      suite = undefined;
      if (axeRuns.states) console.log(`axe (WCAG 2.1 A/AA) in "${name}": ${axeRuns.states} page states checked in ${(axeRuns.ms / 1000).toFixed(1)} s, ${axeRuns.failed} with violations`);
      if (shots.taken) console.log(`screenshots in "${name}": ${shots.taken} in ${(shots.ms / 1000).toFixed(1)} s`);
    });
    define();
  });
}

/** Console messages that are expected: Chrome logs every non-2xx fetch, and forms get 400s on purpose. */
const EXPECTED_CONSOLE = [/^Failed to load resource: the server responded with a status of (400|401|403|404|409|410|413|429|500|503)/, /^Failed to load resource: net::ERR_FAILED/];

/**
 * A person's journey through the pages, run once per language. The test
 * fails on any script error or console error the page raises (a CSP
 * violation is one), besides whatever the journey itself expects.
 */
export function journey(name: string, langs: Lang | readonly Lang[], run: (j: Journey) => Promise<void>, options: JourneyOptions = {}): void {
  for (const lang of typeof langs === 'string' ? [langs] : langs) {
    it(`${name} [${lang}]`, async () => {
      if (!suite) throw new Error('journey() must be inside browserSuite()');
      const { stack, browser } = suite;
      const viewport = options.viewport ?? DESKTOP;
      const context = await browser.newContext({
        viewport: { width: viewport.width, height: viewport.height },
        deviceScaleFactor: viewport.deviceScaleFactor ?? 1,
        locale: { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' }[lang],
      });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (err) => problems.push(`script error: ${err.message}`));
      page.on('console', (msg) => {
        if (msg.type() === 'error' && !EXPECTED_CONSOLE.some((re) => re.test(msg.text()))) problems.push(`console error: ${msg.text()}`);
      });
      const url = (path: string) => `${stack.urls.site}${path}`;
      try {
        await run({
          page,
          lang,
          t: dictionaries[lang],
          stack,
          browser,
          url,
          open: async (path) => {
            const [, route = '', rest = ''] = /^([^?#]*)(.*)$/.exec(path) ?? [];
            const clean = route.replace(/^\/+|\/+$/g, '');
            await page.goto(url(`/${lang}/${clean ? `${clean}/` : ''}${rest}`));
          },
          a11y: (state) => checkA11y(page, `"${name}" – ${state} [${lang}]`),
          shot: (shotName) => screenshot(page, shotName),
        });
        expect(problems, 'errors in the page').toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
}
