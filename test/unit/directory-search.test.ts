import { describe, expect, it } from 'vitest';
import { withHits } from '../support/directory.js';
import { cardView, currentEntries, directoryQuery, DirectoryIndex, searchDirectory, searchDocument, type DirectoryQuery } from '../../functions/listings/directory.js';
import { editDistance, TextIndex, type SearchDocument } from '../../functions/shared/search.js';
import { evalRecords } from '../search/evaluate.js';
import { selectServices } from '../../functions/listings/hsds.js';
import { toCard } from '../../functions/listings/listings.js';
import type { ListingInput } from '../../functions/listings/schema.js';
import type { ListingRecord } from '../../functions/listings/store.js';
import { aListing } from '../fixtures/listings.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const none = { type: 'none' } as const;
let n = 0;

function aRecord(overrides: Partial<ListingInput> = {}): ListingRecord {
  const data = aListing({ schedule: none, ...overrides });
  const id = `01JD${String(++n).padStart(22, '0')}`;
  return {
    id, network: data.network, status: 'published', moderation: 'approved', revision: 1, data, published: data, publishedRevision: 1,
    publishedAt: '2026-11-01T08:00:00.000Z', submittedAt: '2026-10-31T08:00:00.000Z', updatedAt: '2026-11-01T08:00:00.000Z', lang: 'fi', editVersion: 1, seq: 2,
  };
}
const indexOf = (records: ListingRecord[]) => new DirectoryIndex(currentEntries(records.map(toCard), NOW));
/** A query as it comes in the URL. */
type Params = Record<string, string>;
const query = (q: Params): DirectoryQuery => directoryQuery.parse({ network: 'kemi-perhekeskus', ...q });
const search = (index: DirectoryIndex, q: Params, lang: 'fi' | 'sv' | 'en' = 'fi') => withHits(searchDirectory(index, query(q), lang));
const titles = (index: DirectoryIndex, q: Params, lang: 'fi' | 'sv' | 'en' = 'fi') => search(index, q, lang).hits.map((h) => h.entry.title.fi);

/** Texts with an organisation whose name shares no word with them. */
const text = (title: string, summary = 'Tule mukaan.', description = 'Lisätietoja paikan päällä.') => ({
  title: { fi: title }, summary: { fi: summary }, description: { fi: description }, organisation: { name: 'Lapin Kulttuuriyhdistys ry', kind: 'association' as const },
});

describe('directory search: inflection', () => {
  const index = indexOf([
    aRecord(text('Perhekahvila Pruntsin Poukamassa')),
    aRecord(text('Yksinhuoltajien vertaisryhmä')),
    aRecord({ ...text('Nuorten ilta'), channels: [{ type: 'place', address: 'Valtakatu 1', postcode: '94100', municipality: 'Kemi' }] }),
    aRecord({ ...text('Kuorolaulu'), channels: [{ type: 'place', address: 'Torikatu 1', postcode: '95400', municipality: 'Tornio' }] }),
  ]);

  it.each(['perhekahvilat', 'perhekahvilaan', 'perhekahvilassa', 'PERHEKAHVILA'])('finds Perhekahvila from %s', (q) => {
    expect(titles(index, { q })[0]).toBe('Perhekahvila Pruntsin Poukamassa');
  });

  it('finds Yksinhuoltajien from yksinhuoltajille', () => {
    expect(titles(index, { q: 'tukea yksinhuoltajille' })).toEqual(['Yksinhuoltajien vertaisryhmä']);
  });

  it('finds a place in Kemi from kemissä', () => {
    expect(titles(index, { q: 'kemissä' })).toEqual(expect.arrayContaining(['Nuorten ilta']));
    expect(titles(index, { q: 'kemissä' })).not.toContain('Kuorolaulu');
  });
});

describe('directory search: compounds', () => {
  const index = indexOf([
    aRecord(text('Perhekahvila')),
    aRecord(text('Talous- ja velkaneuvonta', 'Apua velkaongelmiin.')),
    aRecord(text('Ruoka-apu')),
    aRecord(text('Päihdeneuvonta', 'Apua rahapelaamisen ongelmiin.')),
    aRecord(text('Kuorolaulu')),
  ]);

  it('finds a compound from its part', () => {
    expect(titles(index, { q: 'kahvila' })).toEqual(['Perhekahvila']);
    expect(titles(index, { q: 'neuvonta' })).toEqual(expect.arrayContaining(['Talous- ja velkaneuvonta', 'Päihdeneuvonta']));
  });

  it('finds the parts of a compound query where they stand apart or inflected', () => {
    expect(titles(index, { q: 'velkaongelma' })[0]).toBe('Talous- ja velkaneuvonta');
    expect(titles(index, { q: 'ruoka-apua' })).toEqual(['Ruoka-apu']);
    expect(titles(index, { q: 'päihdeongelmiin' })[0]).toBe('Päihdeneuvonta');
  });
});

describe('directory search: typos', () => {
  const index = indexOf([aRecord(text('Perhekahvila')), aRecord(text('Omaishoitajien olohuone')), aRecord(text('Kriisipuhelin'))]);

  it.each([
    ['perhekahvla', 'Perhekahvila'],
    ['perhekahvilla', 'Perhekahvila'],
    ['prehekahvila', 'Perhekahvila'],
    ['omaishoitja', 'Omaishoitajien olohuone'],
    ['kriisipuheiln', 'Kriisipuhelin'],
  ])('finds %s despite one wrong, missing, extra or swapped letter', (q, title) => {
    expect(titles(index, { q })[0]).toBe(title);
  });

  it('tolerates no typo in a word under five letters', () => {
    expect(titles(index, { q: 'kriz' })).toEqual([]);
  });

  it('ranks an exact match above a typo match', () => {
    const twoSpellings = indexOf([aRecord(text('Perhekahvila')), aRecord(text('Perhekahvla'))]);
    expect(titles(twoSpellings, { q: 'perhekahvila' })).toEqual(['Perhekahvila', 'Perhekahvla']);
  });
});

describe('directory search: relevance', () => {
  it('ranks a match in the title above one in the description, whatever the dates', () => {
    const index = indexOf([
      aRecord({ ...text('Kerho', 'Tule mukaan.', 'Kerhon jälkeen on perhekahvila.'), schedule: { type: 'once', date: '2026-11-24', startTime: '10:00' } }),
      aRecord(text('Perhekahvila')),
    ]);
    expect(titles(index, { q: 'perhekahvila' })).toEqual(['Perhekahvila', 'Kerho']);
    // Without a query the present order stays: dated first.
    expect(titles(index, {})).toEqual(['Kerho', 'Perhekahvila']);
  });

  it('ranks title above summary above organisation above description above address', () => {
    const index = indexOf([
      aRecord({ ...text('A', 'B', 'C'), channels: [{ type: 'place', address: 'Poukamantie 1', postcode: '94100', municipality: 'Kemi' }] }),
      aRecord(text('D', 'E', 'Poukama')),
      aRecord({ ...text('F', 'G', 'H'), organisation: { name: 'Poukama ry', kind: 'association' } }),
      aRecord(text('I', 'Poukama', 'J')),
      aRecord(text('Poukama', 'K', 'L')),
    ]);
    expect(titles(index, { q: 'poukama' })).toEqual(['Poukama', 'I', 'F', 'D', 'A']);
  });

  it('ranks the word as written above its other forms', () => {
    const index = indexOf([aRecord(text('Perhekahvilassa')), aRecord(text('Perhekahvilat')), aRecord(text('Perhekahvila'))]);
    expect(titles(index, { q: 'perhekahvila' })[0]).toBe('Perhekahvila');
    expect(titles(index, { q: 'perhekahvilat' })[0]).toBe('Perhekahvilat');
  });

  it('narrows ranked hits with filters', () => {
    const index = indexOf([aRecord({ ...text('Perhekahvila'), cost: { free: false, note: '2 €' } }), aRecord(text('Perhekahvila Tornio'))]);
    expect(titles(index, { q: 'perhekahvila', free: 'true' })).toEqual(['Perhekahvila Tornio']);
  });
});

describe('directory search: facets and dead ends', () => {
  const index = indexOf([
    aRecord({ ...text('Perhekahvila'), themes: ['family-support'], kind: 'group', languages: ['fi', 'sv'] }),
    aRecord({ ...text('Perhekerho'), themes: ['family-support', 'parenting'], kind: 'group', languages: ['fi'] }),
    aRecord({ ...text('Perheneuvola'), themes: ['mental-health'], kind: 'service', languages: ['fi'], channels: [{ type: 'place', address: 'Torikatu 1', postcode: '95400', municipality: 'Tornio' }] }),
    aRecord({ ...text('Kuorolaulu'), themes: ['leisure'], kind: 'group' }),
  ]);

  it('counts the hits of each theme, kind, language and municipality under the query and the other filters', () => {
    const found = search(index, { q: 'perhe', theme: 'family-support' });
    expect(found.hits).toHaveLength(2);
    // The theme's own counts ignore the theme filter, so other themes show what choosing them would give.
    expect(found.facets.theme).toEqual({ 'family-support': 2, parenting: 1, 'mental-health': 1 });
    expect(found.facets.kind).toEqual({ group: 2 });
    expect(found.facets.language).toEqual({ fi: 2, sv: 1 });
    expect(found.facets.municipality).toEqual({ Kemi: 2 });
  });

  it('counts each facet as the hits under the query and every other filter would, over many listings sharing their facet values', () => {
    // Arrange: 120 listings in 24 combinations of theme, kind, language, municipality, online and cost.
    const themes = [['family-support'], ['parenting', 'family-support'], ['mental-health'], ['leisure']] as const;
    const places = ['Kemi', 'Tornio', 'Keminmaa'];
    const many = indexOf(
      Array.from({ length: 120 }, (_, i) =>
        aRecord({
          ...text(i % 5 ? `Perhekerho ${i}` : `Kuorolaulu ${i}`),
          themes: [...themes[i % 4]!],
          kind: i % 3 ? 'group' : 'service',
          languages: i % 2 ? ['fi'] : ['fi', 'sv'],
          channels: [{ type: 'place', address: 'Katu 1', postcode: '94100', municipality: places[i % 3]! }],
          ...(i % 7 === 0 ? { cost: { free: false, note: '5 €' } } : {}),
        }),
      ),
    );
    const facetOf = { theme: 'themes', kind: 'kind', language: 'languages', municipality: 'municipalities' } as const;
    const tally = (q: Params, facet: keyof typeof facetOf) => {
      const out: Record<string, number> = {};
      for (const h of search(many, q).hits) for (const v of [h.entry[facetOf[facet]]].flat()) out[v] = (out[v] ?? 0) + 1;
      return out;
    };

    const queries: Params[] = [{ q: 'perhekerho' }, { q: 'perhekerho', theme: 'family-support', free: 'true' }, { q: 'perhekerho', kind: 'group', municipality: 'Tornio' }, { theme: 'parenting', language: 'sv' }];
    for (const q of queries) {
      // Act
      const found = search(many, q);

      // Assert: a facet's counts are the hits of the query with that facet's own filter left out.
      for (const facet of Object.keys(facetOf) as Array<keyof typeof facetOf>) {
        const { [facet]: _own, ...others } = q;
        expect(found.facets[facet], `${JSON.stringify(q)} ${facet}`).toEqual(tally(others, facet));
      }
    }
  });

  it('offers the nearest spelling that has hits when a word is misspelt', () => {
    expect(search(index, { q: 'perhekahvla' }).suggestion).toBe('perhekahvila');
    expect(search(index, { q: 'kuorolaulu' }).suggestion).toBeUndefined();
  });

  it('offers to drop each filter that emptied the answer, with what is left without it', () => {
    const found = search(index, { q: 'kuorolaulu', theme: 'family-support', free: 'true' });
    expect(found.hits).toEqual([]);
    expect(found.relax).toEqual([
      { filter: 'theme', count: 1 },
      { filter: 'free', count: 0 },
    ]);
  });
});

describe('directory search: languages', () => {
  const index = indexOf([
    aRecord({ title: { fi: 'Velkaneuvonta', sv: 'Skuldrådgivning', en: 'Debt counselling' }, summary: { fi: 'Apua velkoihin.', sv: 'Hjälp med skulder.', en: 'Help with debts.' } }),
    aRecord({ title: { fi: 'Perhekerho' }, summary: { fi: 'Vain suomeksi.' } }),
  ]);

  it('searches Swedish and English texts with their own stemmers', () => {
    expect(titles(index, { q: 'skulderna' }, 'sv')).toEqual(['Velkaneuvonta']);
    expect(titles(index, { q: 'debts counsellings' }, 'en')).toEqual(['Velkaneuvonta']);
  });

  it('still finds a Finnish-only listing from a Swedish or English page', () => {
    expect(titles(index, { q: 'perhekerhot' }, 'sv')).toEqual(['Perhekerho']);
    expect(titles(index, { q: 'perhekerho' }, 'en')).toEqual(['Perhekerho']);
  });

  it('finds the same listings through HSDS search, best first', () => {
    const [first] = selectServices([index], { search: 'velkaneuvontaa' });
    expect(first?.title.fi).toBe('Velkaneuvonta');
  });
});

describe('directory search: highlighting', () => {
  it('gives where the matched words are in the title and summary shown', () => {
    const index = indexOf([aRecord({ title: { fi: 'Perhekahvila Pruntsin Poukamassa' }, summary: { fi: 'Kahvia ja perhekahvilan leikkejä.' } })]);
    const [hit] = search(index, { q: 'perhekahvilat' }).hits;
    const view = cardView(hit!.entry, 'fi', hit!.terms);
    expect(view.highlight?.title).toEqual([[0, 12]]);
    expect(view.highlight?.summary).toEqual([[10, 23]]);
  });

  it('marks a compound that a query word is a part of, in the page\'s language too', () => {
    const index = indexOf([aRecord({ title: { fi: 'Perhekahvila Pruntsi', sv: 'Familjecaféet Pruntsi' }, summary: { fi: 'Tule kahville.', sv: 'Välkommen.' } })]);

    const [fi] = search(index, { q: 'kahvila' }).hits;
    const [sv] = search(index, { q: 'caféet' }, 'sv').hits;

    expect(cardView(fi!.entry, 'fi', fi!.terms).highlight?.title).toEqual([[0, 12]]);
    expect(cardView(sv!.entry, 'sv', sv!.terms).highlight?.title).toEqual([[0, 13]]);
  });

  it('marks nothing without a query', () => {
    const index = indexOf([aRecord(text('Perhekahvila'))]);
    const [hit] = search(index, {}).hits;
    expect(cardView(hit!.entry, 'fi', hit!.terms).highlight).toBeUndefined();
  });
});

describe('directory search: kept up to date without a rebuild', () => {
  /** A listing changed and published again: same id, the new texts. */
  const edited = (r: ListingRecord, overrides: Partial<ListingInput>): ListingRecord => {
    const data = { ...r.data, ...overrides };
    return { ...r, data, published: data, seq: r.seq + 1 };
  };
  const threeListings = () => {
    const kahvila = aRecord({ ...text('Perhekahvila'), themes: ['family-support'] });
    const kerho = aRecord({ ...text('Perhekerho'), themes: ['family-support', 'parenting'] });
    const kuoro = aRecord({ ...text('Kuorolaulu'), themes: ['leisure'] });
    return { kahvila, kerho, kuoro, index: indexOf([kahvila, kerho, kuoro]) };
  };

  it('finds, counts and orders a listing added after the build', () => {
    // Arrange
    const { index } = threeListings();
    const neuvola = aRecord({ ...text('Perheneuvola'), themes: ['mental-health'] });
    expect(titles(index, { q: 'perheneuvola' })).toEqual([]);

    // Act
    index.apply([toCard(neuvola)], [], NOW);

    // Assert
    expect(titles(index, { q: 'perheneuvola' })).toEqual(['Perheneuvola']);
    expect(search(index, { q: 'perhe' }).facets.theme).toEqual({ 'family-support': 2, parenting: 1, 'mental-health': 1 });
    expect(titles(index, {})).toEqual(['Kuorolaulu', 'Perhekahvila', 'Perhekerho', 'Perheneuvola']);
  });

  it('searches a changed listing by its new words only, with its new facets and place in the order', () => {
    // Arrange
    const { index, kuoro } = threeListings();
    expect(titles(index, { q: 'kuorolaulu' })).toEqual(['Kuorolaulu']);

    // Act
    index.apply([toCard(edited(kuoro, { ...text('Vauvaperheiden kohtaamispaikka'), themes: ['family-support'] }))], [], NOW);

    // Assert
    expect(titles(index, { q: 'kuorolaulu' })).toEqual([]);
    expect(titles(index, { q: 'vauvaperheille' })).toEqual(['Vauvaperheiden kohtaamispaikka']);
    expect(search(index, {}).facets.theme).toEqual({ 'family-support': 3, parenting: 1 });
    expect(titles(index, {})).toEqual(['Perhekahvila', 'Perhekerho', 'Vauvaperheiden kohtaamispaikka']);
  });

  it('takes a withdrawn listing out of hits, facets, the order and "did you mean"', () => {
    // Arrange
    const { index, kuoro } = threeListings();
    expect(search(index, { q: 'kuorolalu' }).suggestion).toBe('kuorolaulu');

    // Act
    index.apply([], [kuoro.id], NOW);

    // Assert
    expect(titles(index, { q: 'kuorolaulu' })).toEqual([]);
    expect(search(index, { q: 'kuorolalu' }).suggestion).toBeUndefined();
    expect(search(index, {}).facets.theme).toEqual({ 'family-support': 2, parenting: 1 });
    expect(titles(index, {})).toEqual(['Perhekahvila', 'Perhekerho']);
    expect(index.entries.map((e) => e.title.fi).sort()).toEqual(['Perhekahvila', 'Perhekerho']);
  });

  it('ranks and orders as a fresh build would after changes', () => {
    // Arrange: the same final listings, one index built, the other brought there by changes
    const { index, kahvila, kerho, kuoro } = threeListings();
    const kerhoNow = edited(kerho, text('Perhekerho', 'Perhekahvilan jälkeen leikkiä.'));
    const added = aRecord(text('Isien perhekahvila'));
    const dated = aRecord({ ...text('Vauvakerho'), schedule: { type: 'once', date: '2026-11-30', startTime: '10:00', endTime: '11:00' } });
    // The directory order in each language is kept from before the changes, then mended.
    for (const lang of ['fi', 'sv', 'en'] as const) titles(index, {}, lang);

    // Act
    index.apply([toCard(kerhoNow), toCard(added), toCard(dated)], [kuoro.id], NOW);
    const rebuilt = indexOf([kahvila, kerhoNow, added, dated]);

    // Assert
    for (const q of ['perhekahvila', 'perhe', 'isä', 'leikki']) expect(titles(index, { q })).toEqual(titles(rebuilt, { q }));
    for (const lang of ['fi', 'sv', 'en'] as const) expect(titles(index, {}, lang)).toEqual(titles(rebuilt, {}, lang));
    expect(titles(index, {})).toEqual(['Vauvakerho', 'Isien perhekahvila', 'Perhekahvila', 'Perhekerho']);
  });

  it('moves an event on to its next date, and out once its last date has passed', () => {
    // Arrange: weekly on Wednesdays until 2 December; NOW is Monday 23 November
    const weekly = aRecord({ ...text('Vauvakerho'), schedule: { type: 'recurring', frequency: 'weekly', weekdays: ['wed'], startTime: '10:00', endTime: '12:00' }, validUntil: '2026-12-02' });
    const index = indexOf([weekly, aRecord(text('Perhekahvila'))]);
    expect(search(index, { q: 'vauvakerho' }).hits[0]!.entry.next).toBe('2026-11-25T08:00:00.000Z');

    // Act / Assert: after the first Wednesday's meeting, the next one
    index.redate(new Date('2026-11-25T11:00:00Z'));
    expect(search(index, { q: 'vauvakerho' }).hits[0]!.entry.next).toBe('2026-12-02T08:00:00.000Z');

    // Act / Assert: after the last one, gone from the directory
    index.redate(new Date('2026-12-02T11:00:00Z'));
    expect(titles(index, { q: 'vauvakerho' })).toEqual([]);
    expect(titles(index, {})).toEqual(['Perhekahvila']);
  });
});

describe('directory search: the index build', () => {
  it("builds, from its serialised form, exactly the index MiniSearch's addAll builds", () => {
    // Arrange: the evaluation set's listings, Finnish with Swedish and English texts
    const documents = evalRecords().map((r) => searchDocument(toCard(r)));

    // Act
    const serialised = new TextIndex(documents).toJSON();
    const added = new TextIndex(documents, 'addAll').toJSON();

    // Assert
    expect(serialised.documentCount).toBe(documents.length);
    expect(JSON.stringify(serialised)).toBe(JSON.stringify(added));
  });
});

describe('directory search: words in thousands of listings', () => {
  /** A text document with only a Finnish title, summary and place. */
  const doc = (title: string, summary: string, place = ''): SearchDocument => ({ title: { fi: title }, summary: { fi: summary }, description: {}, organisation: '', place });
  /** More listings saying "Kemissä" than the look-ups expand a word for, then the ones a test looks for. */
  const withCommonWord = (...docs: SearchDocument[]) => new TextIndex([...Array.from({ length: 2_100 }, (_, i) => doc(`Kerho ${i}`, 'Toimimme Kemissä.')), ...docs]);
  const FIRST = 2_100;

  it('finds the case forms of a common word, but not longer words that only begin with it', () => {
    // Arrange
    const index = withCommonWord(doc('Nuorten ilta', 'Tervetuloa.', 'Valtakatu 1 Kemi'), doc('Kuorolaulu', 'Tervetuloa.', 'Keminmaantie 1 Keminmaa'));

    // Act
    const ids = [...index.search('kemissä', 'fi').ranking.ids];

    // Assert
    expect(ids).toContain(FIRST);
    expect(ids).not.toContain(FIRST + 1);
  });

  it('finds with a rare and a common word exactly the listings that have both, the one with more of them first', () => {
    // Arrange
    const index = withCommonWord(doc('Perhekahvila', 'Toimimme Kemissä.'), doc('Perhekahvila', 'Toimimme Torniossa.'), doc('Perhekahvila Kemissä', 'Toimimme Kemissä.'));

    // Act
    const ids = [...index.search('perhekahvila kemissä', 'fi').ranking.ids];

    // Assert
    expect(ids).toEqual([FIRST + 2, FIRST]);
  });
});

describe('directory search: pages', () => {
  it('gives pages past the hits an answer keeps in the same order as those before them', () => {
    // Arrange: more hits than an answer keeps (1,000), every one with the same score.
    const index = indexOf(Array.from({ length: 1_050 }, (_, i) => aRecord(text(`Perhekerho ${String(i).padStart(4, '0')}`))));
    const found = searchDirectory(index, query({ q: 'perhekerho' }), 'fi');
    const titlesOf = (hits: Array<{ entry: { title: { fi: string } } }>) => hits.map((h) => h.entry.title.fi);

    // Act
    const across = titlesOf(found.page(980, 40));
    const before = titlesOf(found.page(980, 20));
    const after = titlesOf(found.page(1_000, 20));
    const last = found.page(1_040, 50);

    // Assert
    expect(found.count).toBe(1_050);
    expect(across).toEqual([...before, ...after]);
    expect(new Set(across).size).toBe(40);
    expect(last).toHaveLength(10);
  });
});

describe('directory search: typo distance and "did you mean"', () => {
  const doc = (title: string): SearchDocument => ({ title: { fi: title }, summary: { fi: 'Tervetuloa.' }, description: {}, organisation: '', place: '' });

  it.each([
    ['perhekahvila', 'perhekahvila', 0],
    ['perhekahvla', 'perhekahvila', 1],
    ['omaishotiaja', 'omaishoitaja', 1],
    ['masenus', 'masennus', 1],
    ['kahvila', 'kahvela', 1],
    ['velkaneuvonta', 'velkaneuvola', 2],
    ['a'.repeat(70), `${'a'.repeat(69)}b`, 1],
  ])('measures %s against %s as %i typo(s) (a swap of neighbours is one)', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });

  it('stops counting past the most it was asked about', () => {
    expect(editDistance('perhekahvila', 'vauvakerho', 2)).toBe(3);
  });

  it('offers a spelling from words added after an earlier search, not only those it had then', () => {
    // Arrange
    const index = new TextIndex([doc('Kuorolaulu')]);
    const before = index.search('perhekahvla', 'fi').suggestion;

    // Act
    index.add(1, doc('Perhekahvila'));

    // Assert
    expect(before).toBeUndefined();
    expect(index.search('perhekahvla', 'fi').suggestion).toBe('perhekahvila');
  });
});
