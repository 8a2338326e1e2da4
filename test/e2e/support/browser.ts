import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { resolveBrowser } from './chromium.js';

/**
 * The browser global-setup.ts chose for this run; resolved here only when a
 * file runs without that setup (the extraction is safe to race).
 */
const choice = inject('browser') ?? (await resolveBrowser());
/** Why the browser tests cannot run on this machine; undefined when they can. */
export const noBrowser = 'skip' in choice ? choice.skip : undefined;

export const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

export const SCREENSHOTS = fileURLToPath(new URL('../screenshots', import.meta.url));
const TAKE_SCREENSHOTS = process.env.VERKOSTO_SCREENSHOTS === '1';

export interface Viewport {
  width: number;
  height: number;
  deviceScaleFactor?: number;
}

export const DESKTOP: Viewport = { width: 1280, height: 900 };
export const PHONE: Viewport = { width: 360, height: 740 };
/** WCAG 1.4.10 reflow is defined at 320 CSS px (a 1280 px window at 400 %). */
export const NARROW: Viewport = { width: 320, height: 640 };
/** A 1280 × 900 window at 200 % zoom: half the CSS pixels, each drawn twice as large. */
export const ZOOM_200: Viewport = { width: 640, height: 450, deviceScaleFactor: 2 };

export function launch(): Promise<Browser> {
  if ('skip' in choice) throw new Error(`No browser: ${choice.skip}`);
  return chromium.launch({ executablePath: choice.executablePath, env: { ...process.env, ...choice.env }, args: LAUNCH_ARGS });
}

/* ---------- axe ---------- */

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: Array<{ target: string[]; html: string; failureSummary?: string }>;
}

/** How many page states axe has checked in this test file, for the report at the end. */
export const axeRuns = { states: 0, rules: 0, failed: 0, ms: 0 };
/** Screenshots taken in this test file and the time they took. */
export const shots = { taken: 0, ms: 0 };

/**
 * axe-core with the WCAG 2.1 A and AA rules on the page as it is now. The
 * source goes in through the DevTools protocol (page.evaluate), which the
 * page's CSP does not govern, so the CSP under test stays the production one.
 */
export async function checkA11y(page: Page, label: string): Promise<void> {
  const started = performance.now();
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Violation[]; passes: unknown[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return {
      passes: r.passes.length,
      violations: r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
      })),
    };
  }, WCAG_21_AA);
  axeRuns.ms += performance.now() - started;
  axeRuns.states++;
  axeRuns.rules += result.passes + result.violations.length;
  if (result.violations.length) axeRuns.failed++;
  const report = result.violations
    .map((v) => `• ${v.id} (${v.impact}): ${v.help}\n  ${v.helpUrl}\n${v.nodes.map((n) => `    at ${n.target.join(' ')}\n      ${n.html.slice(0, 200)}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`).join('\n')}`)
    .join('\n');
  expect(result.violations.length, `axe found WCAG 2.1 A/AA violations on ${label}:\n${report}\n`).toBe(0);
}

/* ---------- screenshots ---------- */

/**
 * A full-page screenshot to test/e2e/screenshots/<name>-<lang>.png, the
 * language read from the page, so reviewers can look at every page in
 * every language without running anything.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  // Taken only by `npm run screenshots`: a full-page PNG is a tenth of the
  // browser tier's time, and nothing compares them (they differ by browser
  // and fonts), so `npm test` neither waits for them nor rewrites tracked files.
  if (!TAKE_SCREENSHOTS) return;
  const started = performance.now();
  const lang = await page.evaluate(() => document.documentElement.lang);
  mkdirSync(SCREENSHOTS, { recursive: true });
  // The caret blinks; hide it so unchanged pages give unchanged files.
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-${lang}.png`), fullPage: true, caret: 'hide', animations: 'disabled', scale: 'css' });
  shots.taken++;
  shots.ms += performance.now() - started;
}

/* ---------- layout and keyboard ---------- */

/** No horizontal scrolling (WCAG 1.4.10 Reflow). */
export async function expectNoHorizontalScroll(page: Page, label: string): Promise<void> {
  const { scroll, client, wide } = await page.evaluate(() => {
    const root = document.documentElement;
    const wideOnes = Array.from(document.querySelectorAll('body *'))
      .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1 && !el.closest('.hp, .visually-hidden, .table-wrap'))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')}`);
    return { scroll: root.scrollWidth, client: root.clientWidth, wide: wideOnes };
  });
  expect(scroll - client, `horizontal scroll on ${label}: ${scroll} > ${client} px; too wide: ${wide.join(', ')}`).toBeLessThanOrEqual(0);
}

/** Presses Tab until the focused element matches, as a keyboard user would; fails after `max` presses. */
export async function tabTo(page: Page, selector: string, max = 150): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`${max} presses of Tab did not reach ${selector}`);
}

export async function focusedMatches(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);
}

/** The focused element shows a focus indicator: an outline or a box shadow (WCAG 2.4.7). */
export async function expectVisibleFocus(page: Page): Promise<void> {
  const style = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const s = getComputedStyle(el);
    return { what: `${el.tagName.toLowerCase()}#${el.id}`, outline: s.outlineStyle, width: parseFloat(s.outlineWidth), shadow: s.boxShadow };
  });
  expect(style, 'nothing has focus').not.toBeNull();
  const visible = (style!.outline !== 'none' && style!.width >= 2) || style!.shadow !== 'none';
  expect(visible, `no visible focus on ${style!.what}: outline ${style!.outline} ${style!.width}px, shadow ${style!.shadow}`).toBe(true);
}
