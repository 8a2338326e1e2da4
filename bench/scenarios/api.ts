/**
 * API latency and throughput with N published listings in the table, and
 * what one submission, approval and directory query cost in billed units.
 * Run in its own process (one local stack per process):
 *   node --import tsx bench/scenarios/api.ts --listings 5000 --runs 3 --seconds 4 --out result.json
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { aListing } from '../../test/fixtures/listings.js';
import { EVAL_QUERIES } from '../../test/search/queries.js';
import { arg, batchPut, startBench, type Usage } from '../lib/harness.js';
import { percentile } from '../lib/stats.js';
import { signIn } from '../lib/coordinator.js';
import { cardItem, metaItem, NETWORK, publishedListing, daysBefore } from '../lib/fixtures.js';

export interface LoadRun {
  p50: number;
  p99: number;
  rps: number;
  /** responses received */
  requests: number;
  non2xx: number;
  /** requests that got no response: connection errors and autocannon's timeouts */
  errors: number;
  /** of those, autocannon's timeouts (no answer within its 20 s) */
  timeouts: number;
  /** false when the run was stopped at its time limit before all its requests were answered */
  finished: boolean;
  seconds: number;
  /**
   * The function's own time per request (ms, from invoke to its answer): what
   * one Lambda instance spends. The HTTP latency adds the queue of 8
   * connections on this one process, where in Lambda each would have an
   * instance of its own.
   */
  fn?: { p50: number; p99: number; max: number };
}

/** The first directory answer of a cold instance. */
export interface ColdLoad {
  /** from the first request until the first 200 (every card read and the search index built) */
  ms: number;
  /** answers before it that were not a 200: the function's timeout cut them short while the load went on */
  cutShort: number;
  /** the slowest of those, ms */
  cutShortMs: number;
  /** false when no 200 came within the limit */
  finished: boolean;
  /** how the instance loaded the directory: the snapshot the builder wrote (and the change log since), as in production */
  from: 'snapshot';
  /** how long the snapshot builder (BuildDirectorySnapshots) took to write it from every card, before the probe */
  snapshotBuildMs: number;
}

export interface ApiResult {
  listings: number;
  seedSeconds: number;
  directoryCount: number;
  /** the first directory request of a cold instance: every card read and the search index built (= coldLoad.ms) */
  coldLoadMs: number;
  coldLoad: ColdLoad;
  /** a load run stops after this many seconds whether or not all its requests were answered */
  runLimitSeconds: number;
  directory: LoadRun[];
  /** the directory under as many different queries as the eval set has, each client in its own order: the answers cache rarely helps */
  directoryVaried: LoadRun[];
  submit: LoadRun[];
  /** directoryQuery: every card read (the snapshot builder's full build), what a cold instance without a snapshot reads */
  usage: { submit: Usage; approve: Usage; directoryQuery: Usage; cards: number };
}

const listings = Number(arg('listings', '5000'));
const runs = Number(arg('runs', '3'));
const seconds = Number(arg('seconds', '4'));
const out = arg('out', '');
/** At most this many requests per load run, so the asynchronous work behind POSTs stays bounded. */
const MAX_REQUESTS = Number(arg('max-requests', '400'));
/**
 * A load run is stopped after this long and reported as not finished. With
 * `amount`, autocannon ignores `duration` and waits for every answer: when
 * each answer took seconds (a directory that loaded every card on every
 * request), a run of 400 went on for the better part of an hour.
 */
const RUN_LIMIT_S = Number(arg('run-limit', '120'));
/** How long the cold probe keeps asking for a first 200. */
const COLD_LIMIT_S = Number(arg('cold-limit', '300'));

const log = (m: string) => process.stderr.write(`[api ${listings}] ${m}\n`);
const bench = await startBench(undefined, { servicesThread: true });
const site = bench.stack.urls.site;
const directoryPath = `/api/listings?network=${NETWORK}&q=perhe`;
const body = JSON.stringify(aListing());

/** Distinct directory queries (more than the index keeps answers for), each client starting at its own place in the list (bench/lib/varied-client.cjs). */
process.env.VERKOSTO_BENCH_VARIED = JSON.stringify([...new Set(EVAL_QUERIES.map((q) => q.q))].map((q) => `/api/listings?network=${NETWORK}&q=${encodeURIComponent(q)}`));
const VARIED_CLIENT = fileURLToPath(new URL('../lib/varied-client.cjs', import.meta.url));

/** The function behind each load's route. */
const FUNCTION_OF = { GET: 'ReadDirectory', POST: 'SubmitListing' } as const;

function load(method: 'GET' | 'POST', path: string, varied = false): Promise<LoadRun> {
  const started = performance.now();
  bench.takeDurations(FUNCTION_OF[method]);
  return new Promise((resolve, reject) => {
    let stopped = false;
    const instance = autocannon(
      {
        url: `${site}${path}`,
        method,
        // The load is made in a worker thread of its own: on this thread it took CPU from the functions it measures.
        workers: 1,
        // With workers autocannon requires setupClient as a module path; its types know only the function.
        ...(varied ? { setupClient: VARIED_CLIENT as unknown as autocannon.Options['setupClient'] } : {}),
        ...(method === 'POST' ? { body, headers: { 'content-type': 'application/json' } } : {}),
        connections: 8,
        duration: seconds,
        amount: MAX_REQUESTS,
        timeout: 20,
      },
      (err, result) => {
        clearTimeout(limit);
        if (err) return reject(err instanceof Error ? err : new Error(String(err)));
        const own = [...bench.takeDurations(FUNCTION_OF[method])].sort((a, b) => a - b);
        const fn = own.length ? { p50: percentile(own, 50), p99: percentile(own, 99), max: own.at(-1)! } : undefined;
        const run = { p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.average, requests: result.requests.total, non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts, finished: !stopped, seconds: (performance.now() - started) / 1000, ...(fn ? { fn } : {}) };
        if (stopped) log(`${method} ${path.slice(0, 40)}: stopped at ${RUN_LIMIT_S} s with ${run.requests} of ${MAX_REQUESTS} answered`);
        resolve(run);
      },
    );
    const limit = setTimeout(() => {
      stopped = true;
      instance.stop();
    }, RUN_LIMIT_S * 1000);
  });
}

/** A run stopped at its limit leaves invocations behind (the server does not end them when the client goes): let them end before the next run is timed. */
async function afterRun(): Promise<void> {
  if (!(await bench.idle(RUN_LIMIT_S * 1000))) log(`${bench.running()} invocations still running ${RUN_LIMIT_S} s after the run; the next run shares the machine with them`);
  await bench.stack.settle();
}

/**
 * Asks for the directory until it answers 200. A cold load longer than the
 * function's timeout answers 500 while the load goes on in the process (in
 * Lambda the timed-out instance would not carry it on); those are counted.
 */
async function coldProbe(snapshotBuildMs: number): Promise<{ cold: ColdLoad; count: number }> {
  const start = performance.now();
  let cutShort = 0;
  let cutShortMs = 0;
  while (performance.now() - start < COLD_LIMIT_S * 1000) {
    const asked = performance.now();
    const res = await fetch(`${site}${directoryPath}`);
    if (res.ok) {
      const { count } = (await res.json()) as { count: number };
      return { cold: { ms: performance.now() - start, cutShort, cutShortMs, finished: true, from: 'snapshot', snapshotBuildMs }, count };
    }
    await res.text();
    if (res.status < 500) throw new Error(`the directory answered ${res.status}`);
    cutShort++;
    cutShortMs = Math.max(cutShortMs, performance.now() - asked);
    log(`cold directory answered ${res.status} after ${((performance.now() - asked) / 1000).toFixed(1)} s; asking again`);
  }
  return { cold: { ms: performance.now() - start, cutShort, cutShortMs, finished: false, from: 'snapshot', snapshotBuildMs }, count: 0 };
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
  // The builder's scheduled run (every 5 minutes in production) writes the snapshot a cold instance loads.
  // It reads every card: what a directory query costs in the worst case, a cold instance that finds no snapshot (the cost model's figure).
  bench.resetUsage();
  const buildStart = performance.now();
  await bench.stack.functions.get('BuildDirectorySnapshots')!.invoke({});
  const snapshotBuildMs = performance.now() - buildStart;
  const directoryUsage = bench.usage();
  log(`snapshot built in ${(snapshotBuildMs / 1000).toFixed(1)} s`);
  const { cold, count: directoryCount } = await coldProbe(snapshotBuildMs);
  await afterRun();
  log(`probes done; cold directory ${cold.finished ? `answered in ${(cold.ms / 1000).toFixed(1)} s` : `did not answer 200 in ${COLD_LIMIT_S} s`}${cold.cutShort ? ` after ${cold.cutShort} answers cut short` : ''}`);

  const directory: LoadRun[] = [];
  const directoryVaried: LoadRun[] = [];
  const submit: LoadRun[] = [];
  for (let r = 0; r < runs; r++) {
    directory.push(await load('GET', directoryPath));
    await afterRun();
    directoryVaried.push(await load('GET', directoryPath, true));
    await afterRun();
    submit.push(await load('POST', '/api/listings'));
    await afterRun();
    log(`run ${r + 1} done`);
  }
  const result: ApiResult = { listings, seedSeconds, directoryCount, coldLoadMs: cold.ms, coldLoad: cold, runLimitSeconds: RUN_LIMIT_S, directory, directoryVaried, submit, usage: { submit: submitUsage, approve: approveUsage, directoryQuery: directoryUsage, cards: listings + 1 } };
  if (out) writeFileSync(out, JSON.stringify(result));
  else console.log(JSON.stringify(result, null, 2));
} finally {
  await bench.close();
}
process.exit(0);
