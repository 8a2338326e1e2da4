import MiniSearch, { type Query } from 'minisearch';
import { describe, expect, it } from 'vitest';
import { searchDocument } from '../../functions/listings/directory.js';
import { toCard } from '../../functions/listings/listings.js';
import { rankOrder } from '../../functions/shared/rank.js';
import type { Scorer } from '../../functions/shared/scorer.js';
import { hitsOf, TextIndex, type Ranking, type SearchDocument, type TextLanguage } from '../../functions/shared/search.js';
import { DEMO_LISTINGS } from '../../local/seed.js';
import { evalRecords } from '../search/evaluate.js';
import { EVAL_QUERIES } from '../search/queries.js';

/** The same index searched by MiniSearch's own `search`: what the scorer must give. */
class ByMiniSearch extends TextIndex {
  protected override execute(_scorer: Scorer, tree: Query): Ranking {
    const results = this.mini.search(tree, { tokenize: (t) => [t], processTerm: (t) => t });
    const terms = new Map(results.map((r) => [Number(r.id), r.terms]));
    return { ids: Int32Array.from(results, (r) => Number(r.id)), scores: Float64Array.from(results, (r) => r.score), terms: (id) => terms.get(id) ?? [] };
  }
}

const documents = (): SearchDocument[] => evalRecords().map((r) => searchDocument(toCard(r)));
/** Many documents alike (the demo listings over and over, numbered): scores tie in thousands, so the order of equal scores shows. */
const repeated = (n: number): SearchDocument[] =>
  Array.from({ length: n }, (_, i) => {
    const l = DEMO_LISTINGS[i % DEMO_LISTINGS.length]!;
    return searchDocument(toCard({ ...evalRecords()[0]!, id: `01JD${String(i).padStart(22, '0')}`, published: { ...l, title: { ...l.title, fi: `${l.title.fi} ${i}` } } }));
  });

/** Hits as comparable values: id, score (to 12 significant digits) and the matched terms in order. */
const answer = (index: TextIndex, q: string, lang: TextLanguage) => {
  const { ranking, ...found } = index.search(q, lang);
  const hits = hitsOf(ranking);
  // Best first as MiniSearch ranks: a stable sort by score (MiniSearch's own answer is in that order already).
  return { ...found, hits: Array.from(rankOrder(ranking.scores), (i) => hits[i]!).map((h) => ({ id: h.id, score: Number(h.score.toPrecision(12)), terms: [...h.terms].sort() })) };
};

describe('the directory scorer', () => {
  it('ranks every query of the evaluation set as MiniSearch ranks it: the same hits, scores, order and matched terms', () => {
    const ours = new TextIndex(documents());
    const theirs = new ByMiniSearch(documents());

    for (const q of EVAL_QUERIES) expect(answer(ours, q.q, q.lang ?? 'fi'), q.q).toEqual(answer(theirs, q.q, q.lang ?? 'fi'));
  });

  it('breaks ties of equal scores as MiniSearch does, over thousands of alike documents', () => {
    const docs = repeated(2_000);
    const ours = new TextIndex(docs);
    const theirs = new ByMiniSearch(docs);

    for (const q of ['perhekahvilat kemissä', 'perhetyö keminmaassa', 'tukea yksinhuoltajille', 'family cafe', 'Pruntsin Poukama', 'muskari en']) {
      expect(answer(ours, q, 'fi'), q).toEqual(answer(theirs, q, 'fi'));
    }
  });

  it('skips and clears documents taken out but not yet vacuumed, and finds those added since an earlier search, as MiniSearch does', () => {
    const docs = repeated(400);
    const ours = new TextIndex(docs);
    const theirs = new ByMiniSearch(docs);
    for (const index of [ours, theirs]) {
      // Searched before the changes too: what the scorer keeps of the documents must follow them.
      index.search('perhekahvila', 'fi');
      for (let id = 0; id < 400; id += 3) index.remove(id, docs[id]!);
      for (let id = 400; id < 420; id++) index.add(id, docs[id - 400]!);
    }

    for (const q of ['perhekahvila', 'perhekerho kemissä', 'vauvaperheet', 'omaishoitja']) expect(answer(ours, q, 'fi'), q).toEqual(answer(theirs, q, 'fi'));
    expect([...ours.search('perhekahvila', 'fi').ranking.ids].some((id) => id % 3 === 0 && id < 400)).toBe(false);
  });

  it('counts matched words past 32 query terms (a long query) as MiniSearch does', () => {
    const ours = new TextIndex(documents());
    const theirs = new ByMiniSearch(documents());
    const long = 'perhekahvila vauvaperheet yksinhuoltajille omaishoitajille velkaneuvontaa kiusaaminen masennus ikäihmiset kriisipuhelin nuorisotyö muskari lapsiperheille';

    expect(answer(ours, long, 'fi')).toEqual(answer(theirs, long, 'fi'));
    expect(answer(ours, long, 'fi').hits.length).toBeGreaterThan(0);
  });

  it('answers a snapshot-loaded index as the index it was taken from', () => {
    const built = new TextIndex(repeated(500));
    const loaded = new TextIndex([], built.toSnapshot());

    for (const q of ['perhekahvilat kemissä', 'perhetyö keminmaassa', 'vauvaperheet']) expect(answer(loaded, q, 'fi'), q).toEqual(answer(built, q, 'fi'));
  });
});

describe('the directory scorer, what it does not take', () => {
  it('refuses a tree that boosts documents one by one rather than score it wrongly', () => {
    class WithBoost extends TextIndex {
      boosted(): unknown {
        return this.execute(this.scorer(), { queries: ['kerho'], boostDocument: () => 2 });
      }
    }

    expect(() => new WithBoost(documents()).boosted()).toThrow(/boostDocument/);
  });
});
