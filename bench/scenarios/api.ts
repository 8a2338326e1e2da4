/**
 * API latency and throughput with N published listings in the table, and
 * what one submission, approval and directory query cost in billed units.
 * Run in its own process (one local stack per process):
 *   node --import tsx bench/scenarios/api.ts --listings 5000 --runs 3 --seconds 4 --out result.json
 */
import { writeFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { aListing } from '../../test/fixtures/listings.js';
import { EVAL_QUERIES } from '../../test/search/queries.js';
import { arg, batchPut, startBench, type Usage } from '../lib/harness.js';
import { signIn } from '../lib/coordinator.js';
import { cardItem, metaItem, NETWORK, publishedListing, daysBefore } from '../lib/fixtures.js';

export interface LoadRun {
  p50: number;
  p99: number;
  rps: number;
  requests: number;
  non2xx: number;
  errors: number;
}

export interface ApiResult {
  listings: number;
  seedSeconds: number;
  directoryCount: number;
  /** the first directory request of a cold instance: every card read and the search index built */
  coldLoadMs: number;
  directory: LoadRun[];
  /** the directory under as many different queries as the eval set has, each client in its own order: the answers cache rarely helps */
  directoryVaried: LoadRun[];
  submit: LoadRun[];
  usage: { submit: Usage; approve: Usage; directoryQuery: Usage; cards: number };
}

const listings = Number(arg('listings', '5000'));
const runs = Number(arg('runs', '3'));
const seconds = Number(arg('seconds', '4'));
const out = arg('out', '');
/** At most this many requests per load run, so the asynchronous work behind POSTs stays bounded. */
const MAX_REQUESTS = Number(arg('max-requests', '400'));

const log = (m: string) => process.stderr.write(`[api ${listings}] ${m}\n`);
const bench = await startBench();
const site = bench.stack.urls.site;
const directoryPath = `/api/listings?network=${NETWORK}&q=perhe`;
const body = JSON.stringify(aListing());

/** Distinct directory queries (more than the index keeps answers for), each client starting at its own place in the list. */
const VARIED = [...new Set(EVAL_QUERIES.map((q) => q.q))].map((q) => `/api/listings?network=${NETWORK}&q=${encodeURIComponent(q)}`);
let clients = 0;

async function load(method: 'GET' | 'POST', path: string, varied = false): Promise<LoadRun> {
  const result = await autocannon({
    url: `${site}${path}`,
    method,
    ...(varied
      ? {
          setupClient: (client: autocannon.Client) => {
            const start = (clients++ * 13) % VARIED.length;
            client.setRequests([...VARIED.slice(start), ...VARIED.slice(0, start)].map((p) => ({ method: 'GET' as const, path: p })));
          },
        }
      : {}),
    ...(method === 'POST' ? { body, headers: { 'content-type': 'application/json' } } : {}),
    connections: 8,
    duration: seconds,
    amount: MAX_REQUESTS,
    timeout: 20,
  });
  return { p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.average, requests: result.requests.total, non2xx: result.non2xx, errors: result.errors + result.timeouts };
}

try {
  const seedStart = performance.now();
  const now = new Date();
  const records = Array.from({ length: listings }, (_, i) => publishedListing(i, NETWORK, daysBefore(now, 60, i)));
  await batchPut(bench.seedClient, bench.table, records.flatMap((r) => [metaItem(r), cardItem(r)]));
  const seedSeconds = (performance.now() - seedStart) / 1000;
  log(`seeded in ${seedSeconds.toFixed(1)} s`);

  // What one of each costs, measured before the load (the mailbox is small, the caches cold).
  const coordinator = await signIn(bench, bench.stack.config.networks[0]!.coordinators[0]!);
  bench.resetUsage();
  const submitted = await fetch(`${site}/api/listings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const { id } = (await submitted.json()) as { id: string };
  await bench.stack.settle();
  const submitUsage = bench.usage();
  bench.resetUsage();
  const approved = await coordinator.post(`/api/coordinator/listings/${id}/approve`, {});
  if (approved.status >= 300) throw new Error(`approve answered ${approved.status}: ${await approved.text()}`);
  await bench.stack.settle();
  const approveUsage = bench.usage();
  bench.resetUsage();
  const coldStart = performance.now();
  const first = await fetch(`${site}${directoryPath}`);
  const directoryCount = ((await first.json()) as { count: number }).count;
  const coldLoadMs = performance.now() - coldStart;
  const directoryUsage = bench.usage();
  log('probes done');

  const directory: LoadRun[] = [];
  const directoryVaried: LoadRun[] = [];
  const submit: LoadRun[] = [];
  for (let r = 0; r < runs; r++) {
    directory.push(await load('GET', directoryPath));
    directoryVaried.push(await load('GET', directoryPath, true));
    submit.push(await load('POST', '/api/listings'));
    await bench.stack.settle();
    log(`run ${r + 1} done`);
  }
  const result: ApiResult = { listings, seedSeconds, directoryCount, coldLoadMs, directory, directoryVaried, submit, usage: { submit: submitUsage, approve: approveUsage, directoryQuery: directoryUsage, cards: listings + 1 } };
  if (out) writeFileSync(out, JSON.stringify(result));
  else console.log(JSON.stringify(result, null, 2));
} finally {
  await bench.close();
}
process.exit(0);
