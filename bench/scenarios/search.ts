/**
 * Directory search relevance and the library comparison: the evaluation set
 * of test/search/ run through (a) the directory function over HTTP on the
 * local stack, as shipped (MiniSearch with the Snowball stemmers and our
 * analysis), and (b) Orama with its own Finnish stemmer and typo tolerance,
 * the same listings and field weights, in process; with each library's
 * minified bundle size. Run in its own process:
 *   node --import tsx bench/scenarios/search.ts --out result.json
 */
import { writeFileSync } from 'node:fs';
import { create, insertMultiple, search as oramaSearch } from '@orama/orama';
import { stemmer as finnish } from '@orama/stemmers/finnish';
import { build } from 'esbuild';
import { toCard } from '../../functions/listings/listings.js';
import { DynamoListingStore } from '../../functions/listings/store.js';
import { documentClient } from '../../functions/shared/dynamo.js';
import { LOCAL_TABLE } from '../../local/stack.js';
import { EVAL_LISTINGS } from '../../test/search/corpus.js';
import { evalRecords, evaluate, type Evaluation } from '../../test/search/evaluate.js';
import { arg, startBench } from '../lib/harness.js';

export interface SearchResult {
  listings: number;
  engines: Array<{ name: string; evaluation: Omit<Evaluation, 'misses'>; misses: number; bundleKb: number; note: string }>;
}

const out = arg('out', '');

async function bundleKb(source: string): Promise<number> {
  const result = await build({ stdin: { contents: source, resolveDir: process.cwd(), loader: 'ts' }, bundle: true, minify: true, write: false, platform: 'node', format: 'esm', logLevel: 'silent' });
  return result.outputFiles[0]!.contents.byteLength / 1024;
}

const summary = (e: Evaluation) => ({ queries: e.queries, hitAt5: e.hitAt5, recallAt10: e.recallAt10, mrr: e.mrr });

const bench = await startBench();
try {
  // (a) As shipped: through the directory function.
  const store = new DynamoListingStore(documentClient(), LOCAL_TABLE);
  for (const r of evalRecords()) await store.putCard(toCard(r));
  const site = bench.stack.urls.site;
  const shipped = await evaluate(async (q) => {
    const res = await fetch(`${site}/api/listings?network=kemi-perhekeskus&q=${encodeURIComponent(q.q)}&lang=${q.lang ?? 'fi'}&limit=10`);
    return ((await res.json()) as { listings: Array<{ id: string }> }).listings.map((l) => l.id);
  });

  // (b) Orama: one language per index, so every language's text goes in, read by the Finnish stemmer.
  const db = create({
    schema: { key: 'string', title: 'string', summary: 'string', description: 'string', organisation: 'string', place: 'string' } as const,
    components: { tokenizer: { stemming: true, stemmer: finnish } },
  });
  const all = (t: { fi: string; sv?: string | undefined; en?: string | undefined }) => [t.fi, t.sv ?? '', t.en ?? ''].join(' ');
  await insertMultiple(db, Object.entries(EVAL_LISTINGS).map(([key, l]) => ({
    key, title: all(l.title), summary: all(l.summary), description: all(l.description), organisation: l.organisation.name,
    place: l.channels.map((c) => (c.type === 'place' ? `${c.address} ${c.municipality}` : '')).join(' '),
  })));
  const orama = await evaluate(async (q) => {
    const r = await oramaSearch(db, { term: q.q, tolerance: 1, limit: 10, boost: { title: 6, summary: 3, organisation: 2, description: 1, place: 0.6 } });
    return r.hits.map((h) => h.document.key);
  });

  const result: SearchResult = {
    listings: Object.keys(EVAL_LISTINGS).length,
    engines: [
      {
        name: 'MiniSearch 7.2.0 + Snowball fi/sv/en (@orama/stemmers 3.1.18), as shipped',
        evaluation: summary(shipped), misses: shipped.misses.length,
        bundleKb: await bundleKb(`export * from './functions/shared/search.ts';`),
        note: 'per-language stems, whole words, compound tails, typo repair',
      },
      {
        name: 'Orama 3.1.18, Finnish stemmer, tolerance 1',
        evaluation: summary(orama), misses: orama.misses.length,
        bundleKb: await bundleKb(`export { create, insertMultiple, search } from '@orama/orama'; export { stemmer } from '@orama/stemmers/finnish';`),
        note: 'one language per index: Swedish and English texts read by the Finnish stemmer',
      },
    ],
  };
  if (out) writeFileSync(out, JSON.stringify(result));
  else console.log(JSON.stringify(result, null, 2));
} finally {
  await bench.close();
}
process.exit(0);
