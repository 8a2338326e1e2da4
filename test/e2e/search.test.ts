import { expect } from 'vitest';
import { aListing } from '../fixtures/listings.js';
import { signIn, type SignedIn } from '../support/coordinator.js';
import { approve, submit } from '../support/listings.js';
import type { TestStack } from '../support/stack.js';
import { DESKTOP, expectNoHorizontalScroll, NARROW, PHONE } from './support/browser.js';
import { browserSuite, journey, LANGS } from './support/harness.js';
import { button, field } from './support/listing.js';

const contact = (who: string) => ({ name: 'Maija Meikäläinen', email: `${who}@perhepalvelut.example.fi` });

/** The network's listings for these journeys, published once per stack through the API (submit, approve). */
let seeded: Promise<void> | undefined;
function seed(stack: TestStack): Promise<void> {
  return (seeded ??= (async () => {
    const coordinator: SignedIn = await signIn(stack, stack.config.networks[0]!.coordinators[0]!);
    const listings = [
      aListing({
        title: { fi: 'Perhekahvila Pruntsin Poukamassa', sv: 'Familjecafé i Pruntsin Poukama', en: 'Family café at Pruntsin Poukama' },
        summary: { fi: 'Kohtaamispaikka lapsiperheille.', sv: 'Mötesplats för barnfamiljer.', en: 'A meeting place for families.' },
        themes: ['family-support'], contact: contact('kahvila'), schedule: { type: 'none' },
      }),
      // Both share words with the queries, in the description only: they must come after.
      aListing({
        title: { fi: 'Seurakunnan perhekerho', sv: 'Församlingens familjeklubb', en: 'Parish family club' },
        summary: { fi: 'Laulua ja leikkiä.', sv: 'Sång och lek.', en: 'Songs and play.' },
        description: { fi: 'Kerhon jälkeen mennään perhekahvilaan.', sv: 'Efter klubben går vi till familjecaféet.', en: 'After the club we go to the family café.' },
        themes: ['parenting'], contact: contact('kerho'), schedule: { type: 'none' },
      }),
      aListing({ title: { fi: 'Talous- ja velkaneuvonta' }, summary: { fi: 'Apua velkaongelmiin.' }, themes: ['debt-money'], contact: contact('velka'), schedule: { type: 'none' } }),
    ];
    for (const l of listings) await approve(coordinator, stack, await submit(stack, l));
  })());
}

const QUERIES = {
  fi: { inflected: 'perhekahvilaan', first: 'Perhekahvila Pruntsin Poukamassa', misspelt: 'perhekahvla', meant: 'perhekahvila' },
  sv: { inflected: 'familjecaféerna', first: 'Familjecafé i Pruntsin Poukama', misspelt: 'familjekafé', meant: 'familjecafé' },
  en: { inflected: 'family cafés', first: 'Family café at Pruntsin Poukama', misspelt: 'famliy cafe', meant: 'family cafe' },
} as const;

browserSuite('search: home page search box, ranking, facet counts, did you mean', () => {
  journey('a professional searches from the home page with an inflected word and a misspelt one', LANGS, async ({ page, lang, t, open, a11y, shot, stack }) => {
    // Arrange
    await seed(stack);
    const q = QUERIES[lang];

    // Act: the home page's search box goes straight to the directory's results.
    await open('');
    const home = page.locator('#home-search');
    await field(home, t['home.search.label']).fill(q.inflected);
    await a11y('home page search box');
    await button(home, t['home.search.button']).click();
    await page.waitForURL(`**/${lang}/listings/?q=*`);

    // Assert: the right listing first, with the matched words marked and the counts in the filters.
    await expect.poll(() => page.locator('#results h3').first().textContent()).toBe(q.first);
    expect(await field(page, t['dir.q']).inputValue()).toBe(q.inflected);
    expect(await page.locator('#results li').first().locator('h3 mark').count()).toBeGreaterThan(0);
    expect(await page.locator('select[name="theme"] option[value="family-support"]').textContent()).toBe(`${t['enum.theme.family-support']} (1)`);
    expect(await page.locator('select[name="theme"] option[value="debt-money"]').textContent()).toBe(`${t['enum.theme.debt-money']} (0)`);
    await a11y('ranked results with counts');
    await shot('search-results');

    // Act: a misspelt word.
    await field(page, t['dir.q']).fill(q.misspelt);
    await button(page, t['dir.search']).click();

    // Assert: "did you mean" the spelling in the texts; following it searches for that.
    const meant = page.locator('#did-you-mean');
    await meant.waitFor({ state: 'visible' });
    expect(await meant.textContent()).toBe(`${t['dir.didYouMean']} ${q.meant}`);
    await a11y('did you mean');
    await meant.getByRole('link', { name: q.meant }).click();
    // The misspelt word found the listing too (typo tolerance): the new answer is told by the hint going away.
    await expect.poll(() => meant.isHidden()).toBe(true);
    expect(await field(page, t['dir.q']).inputValue()).toBe(q.meant);
    expect(await page.locator('#results h3').first().textContent()).toBe(q.first);
    expect(new URL(page.url()).searchParams.get('q')).toBe(q.meant);
  });

  journey('a search that a filter emptied offers to drop the filter', 'fi', async ({ page, t, open, a11y, stack }) => {
    // Arrange
    await seed(stack);

    // Act
    await open('listings/?q=velkaneuvonta&theme=family-support');

    // Assert
    await expect.poll(() => page.locator('#results-count').textContent()).toBe(t['dir.none']);
    const relax = page.locator('#relax');
    await relax.waitFor({ state: 'visible' });
    expect(await relax.textContent()).toContain(t['dir.relax']!.replace('{filter}', t['dir.theme']!).replace('{n}', '1'));
    await a11y('filter to drop');
    await button(relax, t['dir.relax.action']!.replace('{filter}', t['dir.theme']!)).click();
    await expect.poll(() => page.locator('#results h3').first().textContent()).toBe('Talous- ja velkaneuvonta');
    expect(new URL(page.url()).searchParams.get('theme')).toBeNull();
  });

  journey('a first-time visitor on a 360 px phone sees the first result on the first screen', LANGS, async ({ page, t, open, a11y, stack }) => {
    // Arrange
    await seed(stack);

    // Act
    await open('listings');
    const first = page.locator('#results li').first();
    await first.waitFor();

    // Assert: the six filters are folded behind "Rajaa", so the first result starts above the fold.
    const box = await first.boundingBox();
    expect(box, 'the first result has a box').not.toBeNull();
    expect(box!.y).toBeLessThan(PHONE.height);
    expect(await field(page, t['dir.theme']).count()).toBe(0);
    expect(await button(page, t['dir.filters']).getAttribute('aria-expanded')).toBe('false');
    await a11y('phone, filters folded');
  }, { viewport: PHONE });

  for (const viewport of [NARROW, DESKTOP]) {
    const phone = viewport.width < 640;
    journey(`at ${viewport.width} px ${phone ? 'the filters open from "Rajaa (n)", which counts the active ones' : 'the filters are in view with no "Rajaa" button'}`, LANGS, async ({ page, t, open, a11y, shot, stack }) => {
      // Arrange
      await seed(stack);
      await open('listings/?theme=debt-money');
      await expect.poll(() => page.locator('#results h3').first().textContent()).toBe('Talous- ja velkaneuvonta');
      const toggle = page.locator('#filter-toggle');

      if (!phone) {
        // Assert: a wide screen has room for the filters; the button would only hide them.
        expect(await toggle.isVisible()).toBe(false);
        expect(await field(page, t['dir.theme']).inputValue()).toBe('debt-money');
        await expectNoHorizontalScroll(page, 'directory at 1280 px');
        await a11y('desktop, filters in view');
        return;
      }
      // Assert: one filter from the link is counted on the button.
      const folded = button(page, t['dir.filters.n']!.replace('{n}', '1'));
      expect(await folded.getAttribute('aria-expanded')).toBe('false');
      await expectNoHorizontalScroll(page, 'directory at 320 px, folded');

      // Act: open the filters and add one.
      await folded.click();
      await field(page, t['dir.free']).check();

      // Assert: the panel is open and the count follows the form before anything is sent.
      const two = button(page, t['dir.filters.n']!.replace('{n}', '2'));
      expect(await two.getAttribute('aria-expanded')).toBe('true');
      expect(await field(page, t['dir.theme']).inputValue()).toBe('debt-money');
      await expectNoHorizontalScroll(page, 'directory at 320 px, open');
      await a11y('phone, filters open');
      await shot('directory-filters-phone');

      // Act: Escape closes the panel and gives the focus back to the button.
      await field(page, t['dir.theme']).focus();
      await page.keyboard.press('Escape');

      // Assert
      expect(await two.getAttribute('aria-expanded')).toBe('false');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('filter-toggle');

      // Act: search; the answer gets the screen.
      await button(page, t['dir.search']).click();

      // Assert
      await expect.poll(() => new URL(page.url()).searchParams.get('free')).toBe('true');
      expect(await field(page, t['dir.theme']).count()).toBe(0);
      expect(await button(page, t['dir.filters.n']!.replace('{n}', '2')).isVisible()).toBe(true);
    }, { viewport });
  }
});
