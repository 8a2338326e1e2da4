import { expect } from 'vitest';
import { aListing } from '../fixtures/listings.js';
import { submit } from '../support/listings.js';
import { fill } from '../../web/src/listing-view.js';
import { DESKTOP, expectNoHorizontalScroll, NARROW } from './support/browser.js';
import { deskSession } from './support/meetings.js';
import { browserSuite, journey, LANGS } from './support/harness.js';
import { field } from './support/listing.js';

const FOUND = '#pending-found';
const TITLES = '#pending-listings article h3';

browserSuite("the desk's search over the listings waiting for a decision", () => {
  for (const viewport of [NARROW, DESKTOP]) {
    journey(`a coordinator types an inflected word and gets the best match first, the count announced (${viewport.width} px)`, LANGS, async ({ page, lang, t, open, a11y, shot, stack }) => {
      // Arrange: listings waiting, one with the word in its title, one in its description, one without it
      const tag = `${lang}${viewport.width}`;
      await submit(stack, aListing({ title: { fi: `Avoin olohuone ${tag}` }, summary: { fi: 'Kohtaamispaikka kaikille.' }, description: { fi: `Joka toinen viikko toimii myös vauvakahvilana ${tag}.` } }));
      await submit(stack, aListing({ title: { fi: `Vauvakahvila ${tag}` }, summary: { fi: 'Vauvat ja vanhemmat.' }, description: { fi: 'Leikkiä ja juttua.' } }));
      await submit(stack, aListing({ title: { fi: `Kuorolaulu ${tag}` }, summary: { fi: 'Laulua.' }, description: { fi: 'Tule laulamaan.' } }));
      await deskSession(page, stack);
      await open('coordinator');
      await page.locator('#pending-listings').waitFor();

      // Act: an inflected form, as typed
      const input = field(page, t['coord.pending.search']!);
      await input.pressSequentially(`vauvakahvilaan ${tag}`);

      // Assert: the title match first, the description match next, the count said in the live region
      await page.locator(FOUND, { hasText: fill(t['coord.pending.found'], { n: 2, q: `vauvakahvilaan ${tag}` }) }).waitFor();
      expect(await page.locator(TITLES).allTextContents()).toEqual([`Vauvakahvila ${tag}`, `Avoin olohuone ${tag}`]);
      expect(await page.locator(FOUND).getAttribute('aria-live')).toBe('polite');
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('pending-q');
      await expectNoHorizontalScroll(page, 'desk search');
      await a11y('desk search with hits');
      if (viewport === DESKTOP) await shot('coordinator-desk-search');

      // Act / Assert: a word nothing has
      await input.fill('zzqxwv');
      await page.locator(FOUND, { hasText: fill(t['coord.pending.foundNone'], { q: 'zzqxwv' }) }).waitFor();
      expect(await page.locator(TITLES).count()).toBe(0);
      await a11y('desk search without hits');

      // Act / Assert: emptied, every waiting listing is back and nothing is announced
      await input.fill('');
      await expect.poll(() => page.locator(TITLES).allTextContents()).toEqual(expect.arrayContaining([`Kuorolaulu ${tag}`, `Vauvakahvila ${tag}`, `Avoin olohuone ${tag}`]));
      expect(await page.locator(FOUND).textContent()).toBe('');
    }, { viewport });
  }
});
