import { expect } from 'vitest';
import { aListing } from '../fixtures/listings.js';
import { signIn, type SignedIn } from '../support/coordinator.js';
import { approve, submit } from '../support/listings.js';
import type { TestStack } from '../support/stack.js';
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
});
