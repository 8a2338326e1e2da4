/**
 * The directory's search index in process, no HTTP: what building, loading
 * (from a snapshot, in a fresh process), updating and querying it cost in
 * CPU time at a network's size. The p99
 * of the HTTP load (api.ts) is made of these plus the function's overhead;
 * on a shared machine this is the steadier figure.
 *   node --import tsx bench/scenarios/search-index.ts --sizes 1000,5000,50000 --out result.json
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { decodeSnapshot, encodeSnapshot } from '../../functions/listings/directory-snapshot.js';
import { toCard } from '../../functions/listings/listings.js';
import { currentEntries, DirectoryIndex, directoryQuery, searchDirectory } from '../../functions/listings/directory.js';
import type { DirectoryCard } from '../../functions/listings/store.js';
import { evalRecords, evaluate, type Evaluation } from '../../test/search/evaluate.js';
import { EVAL_QUERIES } from '../../test/search/queries.js';
import { arg } from '../lib/harness.js';
import { NETWORK, publishedListing } from '../lib/fixtures.js';
import { percentile } from '../lib/stats.js';

const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

/**
 * Changed cards a cold load applies after the snapshot: the builder runs
 * every 5 minutes, so FEW_CHANGES is a busy network's log and CHANGES one
 * after a bulk change (the daily expiry of many listings).
 */
const FEW_CHANGES = 10;
const CHANGES = 100;

/**
 * `--cold-load <file>`: a fresh process (no code compiled yet, as at a
 * cold start) loads a snapshot file as the directory function does,
 * applies the changed cards beside it (the change log since the
 * snapshot) and answers the first directory page; prints its CPU times.
 */
const coldFile = arg('cold-load', '');
if (coldFile) {
  const bytes = readFileSync(coldFile);
  const { changed, now } = JSON.parse(readFileSync(`${coldFile}.changes.json`, 'utf8')) as { changed: DirectoryCard[]; now: string };
  const at = new Date(now);
  const c0 = cpuMs();
  const { index } = decodeSnapshot(bytes, NETWORK, at);
  const c1 = cpuMs();
  index.apply(changed.slice(0, FEW_CHANGES), [], at);
  index.redate(at);
  const c2 = cpuMs();
  searchDirectory(index, directoryQuery.parse({ network: NETWORK }), 'fi');
  const c3 = cpuMs();
  searchDirectory(index, directoryQuery.parse({ network: NETWORK, q: 'perhekahvila' }), 'fi');
  const c4 = cpuMs();
  index.apply(changed.slice(FEW_CHANGES), [], at);
  const c5 = cpuMs();
  console.log(JSON.stringify({ loadCpuMs: c1 - c0, changesCpuMs: c2 - c1, firstPageCpuMs: c3 - c2, firstQueryCpuMs: c4 - c3, moreChangesCpuMs: c5 - c4, heapMb: process.memoryUsage().heapUsed / 1048576 }));
  process.exit(0);
}

const sizes = arg('sizes', '1000,5000,50000').split(',').map(Number);
const out = arg('out', '');
const log = (m: string) => process.stderr.write(`[search-index] ${m}\n`);

const now = new Date('2026-11-15T10:00:00.000Z');
/** The evaluation listings and the demo ones in turn, each title numbered so cards differ. */
function cards(n: number) {
  const evals = evalRecords(NETWORK, '2026-11-01T08:00:00.000Z');
  return Array.from({ length: n }, (_, i) => {
    if (i % 2 === 0) {
      const r = evals[(i / 2) % evals.length]!;
      const data = { ...r.data, title: { ...r.data.title, fi: `${r.data.title.fi} ${i}` } };
      return toCard({ ...r, id: `${r.id}-${i}`, data, published: data });
    }
    return toCard(publishedListing(i, NETWORK, new Date(now.getTime() - 60 * 86400_000 - i).toISOString()));
  });
}

const queries = [...new Set(EVAL_QUERIES.map((q) => q.q))];

export interface SearchIndexResult {
  size: number;
  /** building the index from every card: CPU time, and wall time (which a busy machine stretches) */
  buildCpuMs: number;
  buildMs: number;
  buildCpuMsPer1000: number;
  /** one changed card applied to the built index, with the directory order sorted again */
  applyCpuMs: number;
  queries: number;
  queryCpuMs: { mean: number; p50: number; p99: number; max: number };
  /** the evaluation queries over this corpus, each copy of an evaluation listing counted as that listing: what the speed costs in relevance at this size */
  relevance: Pick<Evaluation, 'hitAt5' | 'recallAt10' | 'mrr'>;
  snapshot: {
    /** the object as stored (brotli), and its JSON */
    bytes: number;
    jsonBytes: number;
    /** the same JSON gzipped (level 6), for the comparison */
    gzipBytes: number;
    /** taking and compressing it (the builder's cost) */
    writeCpuMs: number;
    /** in a fresh process: decompress, parse and load it; apply FEW_CHANGES changed cards; the first directory page; the first query; then the other changed cards of CHANGES */
    cold: { loadCpuMs: number; changesCpuMs: number; firstPageCpuMs: number; firstQueryCpuMs: number; moreChangesCpuMs: number; heapMb: number };
    /** the three together: what a cold function spends before its first answer, table reads aside */
    coldTotalCpuMs: number;
  };
}


const results: SearchIndexResult[] = [];
// A first small build, so the sizes measured do not pay for compiling the code.
new DirectoryIndex(currentEntries(cards(500), now)).inOrder('fi');
for (const size of sizes) {
  const entries = currentEntries(cards(size), now);
  global.gc?.();
  const t0 = performance.now();
  const c0 = cpuMs();
  const index = new DirectoryIndex(entries);
  index.inOrder('fi');
  const buildCpuMs = cpuMs() - c0;
  const buildMs = performance.now() - t0;
  log(`${size}: built in ${buildCpuMs.toFixed(0)} ms CPU, ${buildMs.toFixed(0)} ms wall (${entries.length} entries)`);
  // One card changed, as the change log brings it: what applying it costs instead of a rebuild.
  const changed = { ...entries[1]!, title: { ...entries[1]!.title, fi: `${entries[1]!.title.fi} muutettu` }, seq: entries[1]!.seq + 1 };
  const a0 = cpuMs();
  index.apply([changed], [], now);
  index.inOrder('fi');
  const applyCpuMs = cpuMs() - a0;
  log(`${size}: one changed card applied in ${applyCpuMs.toFixed(1)} ms CPU`);
  // Every query twice round: 106 distinct queries and 32 answers kept, so none is answered from the kept ones.
  const times: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const q of queries) {
      const c0 = cpuMs();
      searchDirectory(index, directoryQuery.parse({ network: NETWORK, q }), 'fi');
      if (round > 0) times.push(cpuMs() - c0);
    }
  }
  const sorted = [...times].sort((a, b) => a - b);
  const queryCpuMs = { mean: times.reduce((a, b) => a + b, 0) / times.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1)! };
  log(`${size}: query CPU mean ${queryCpuMs.mean.toFixed(2)} p99 ${queryCpuMs.p99.toFixed(2)} ms`);
  // The first ten distinct listings: a copy's id is the listing's id and its number (`perhekahvila-pruntsi-24`).
  const { hitAt5, recallAt10, mrr } = await evaluate(async (q) => {
    const ids = searchDirectory(index, directoryQuery.parse({ network: NETWORK, q: q.q, ...(q.lang ? { lang: q.lang } : {}) }), q.lang ?? 'fi').page(0, Infinity).map((h) => h.entry.id.replace(/-\d+$/, ''));
    return [...new Set(ids)].slice(0, 10);
  });
  log(`${size}: evaluation queries over this corpus: hit@5 ${hitAt5.toFixed(3)}, recall@10 ${recallAt10.toFixed(3)}, MRR ${mrr.toFixed(3)}`);
  // The snapshot: written as the builder writes it, loaded in a fresh process as a cold function loads it (median of three).
  const w0 = cpuMs();
  const bytes = encodeSnapshot({ network: NETWORK, version: 1, builtAt: now.toISOString(), fullAt: now.toISOString() }, index);
  const writeCpuMs = cpuMs() - w0;
  const json = JSON.stringify({ index: index.toSnapshot() });
  const gzipBytes = gzipSync(json).byteLength;
  const dir = mkdtempSync(join(tmpdir(), 'verkosto-snapshot-'));
  const file = join(dir, 'snapshot.json.br');
  writeFileSync(file, bytes);
  const changedCards = entries.slice(0, CHANGES).map((e) => ({ ...e, title: { ...e.title, fi: `${e.title.fi} muutettu` }, seq: e.seq + 1 }));
  writeFileSync(`${file}.changes.json`, JSON.stringify({ changed: changedCards, now: now.toISOString() }));
  const runs = [0, 1, 2].map(() => JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--cold-load', file], { encoding: 'utf8', maxBuffer: 1 << 20 }).trim().split('\n').pop()!) as SearchIndexResult['snapshot']['cold']);
  rmSync(dir, { recursive: true, force: true });
  const total = (c: SearchIndexResult['snapshot']['cold']) => c.loadCpuMs + c.changesCpuMs + c.firstPageCpuMs;
  const cold = runs.sort((a, b) => total(a) - total(b))[1]!;
  log(`${size}: snapshot ${(bytes.byteLength / 1e6).toFixed(2)} MB brotli (${(json.length / 1e6).toFixed(1)} MB JSON, ${(gzipBytes / 1e6).toFixed(2)} MB gzip), written in ${writeCpuMs.toFixed(0)} ms CPU; cold load ${total(cold).toFixed(0)} ms CPU (load ${cold.loadCpuMs.toFixed(0)}, ${FEW_CHANGES} changes ${cold.changesCpuMs.toFixed(0)}, first page ${cold.firstPageCpuMs.toFixed(0)}; first query ${cold.firstQueryCpuMs.toFixed(0)}; ${CHANGES - FEW_CHANGES} more changes ${cold.moreChangesCpuMs.toFixed(0)}; heap ${cold.heapMb.toFixed(0)} MB); full build ${buildCpuMs.toFixed(0)} ms CPU`);
  results.push({
    size,
    buildCpuMs,
    buildMs,
    buildCpuMsPer1000: (buildCpuMs / size) * 1000,
    applyCpuMs,
    queries: times.length,
    queryCpuMs,
    relevance: { hitAt5, recallAt10, mrr },
    snapshot: { bytes: bytes.byteLength, jsonBytes: json.length, gzipBytes, writeCpuMs, cold, coldTotalCpuMs: total(cold) },
  });
}
if (out) writeFileSync(out, JSON.stringify(results));
else console.log(JSON.stringify(results, null, 2));
