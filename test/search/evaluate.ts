import type { ListingInput } from '../../functions/listings/schema.js';
import type { ListingRecord } from '../../functions/listings/store.js';
import { EVAL_LISTINGS } from './corpus.js';
import { EVAL_QUERIES, type EvalQuery } from './queries.js';

/** The published record of each evaluation listing; its id is its key, so answers read as the listings they are. */
export function evalRecords(network = 'kemi-perhekeskus', at = '2026-11-01T08:00:00.000Z'): ListingRecord[] {
  return Object.entries(EVAL_LISTINGS).map(([id, l]): ListingRecord => {
    const data: ListingInput = { ...l, network };
    return { id, network, status: 'published', moderation: 'approved', revision: 1, data, published: data, publishedRevision: 1, publishedAt: at, submittedAt: at, updatedAt: at, lang: 'fi', editVersion: 1, seq: 2 };
  });
}

export interface Evaluation {
  queries: number;
  /** share of queries with a relevant listing among the first five */
  hitAt5: number;
  /** mean share of each query's relevant listings among the first ten */
  recallAt10: number;
  /** mean reciprocal rank of the first relevant listing */
  mrr: number;
  /** queries with no relevant listing among the first five, with what came first */
  misses: Array<{ q: string; lang: string; relevant: string[]; got: string[] }>;
}

/** Runs every evaluation query through `search` (ids in the order answered) and scores the answers. */
export async function evaluate(search: (q: EvalQuery) => Promise<string[]>, queries: readonly EvalQuery[] = EVAL_QUERIES): Promise<Evaluation> {
  let hits = 0;
  let recall = 0;
  let rr = 0;
  const misses: Evaluation['misses'] = [];
  for (const query of queries) {
    const got = await search(query);
    const relevant = new Set<string>(query.relevant);
    const first = got.findIndex((id) => relevant.has(id));
    if (first >= 0 && first < 5) hits++;
    else misses.push({ q: query.q, lang: query.lang ?? 'fi', relevant: [...relevant], got: got.slice(0, 5) });
    if (first >= 0) rr += 1 / (first + 1);
    recall += got.slice(0, 10).filter((id) => relevant.has(id)).length / relevant.size;
  }
  const n = queries.length;
  return { queries: n, hitAt5: hits / n, recallAt10: recall / n, mrr: rr / n, misses };
}

export const formatEvaluation = (e: Evaluation) =>
  `${e.queries} queries: hit@5 ${e.hitAt5.toFixed(3)}, recall@10 ${e.recallAt10.toFixed(3)}, MRR ${e.mrr.toFixed(3)}`;
