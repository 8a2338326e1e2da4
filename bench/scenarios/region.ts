/**
 * Region: one deployment for many networks. Three parts, each in its own
 * process (run by `npm run bench -- --region`):
 *
 *   --part synth      the stack synthesised (with cdk-nag, unbundled: bundles do not change with networks) for a
 *                     generated config of N networks and for one network: resources and time
 *   --part storm      N networks × S subscribers whose digests fall due in the same minute (the clock's Monday
 *                     08:00 tick), sent at the configured rate: send time, busiest second, duplicates, lost,
 *                     and how fairly the digests interleave (their finishing times)
 *   --part directory  N networks × C listings searched in turn: p50/p99 and the memory the warm function's
 *                     per-network cache takes, bounded by its LRU
 *
 *   node --expose-gc --import tsx bench/scenarios/region.ts --part storm --networks 200 --subscribers 500 --rate 100 [--ses-latency-ms 40] --out r.json
 */
import { busiestSecond, percentile } from '../lib/stats.js';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { loadConfig, type OperatorConfig } from '../../lib/config.js';
import { ROOT } from '../../local/stack.js';
import { regionConfig } from '../../local/region-config.js';
import { addDays, helsinkiDate, helsinkiToUtc, isoWeekday } from '../../functions/shared/time.js';
import { arg, batchPut, startBench } from '../lib/harness.js';
import { startSplitBench, type MailArrivals } from '../lib/services.js';
import { cardItem, daysBefore, feedItem, metaItem, publishedListing, subscriberItems } from '../lib/fixtures.js';
import { sendTimes } from '../lib/sends.js';

export interface RegionSynth {
  networks: number;
  resources: number;
  resourcesOneNetwork: number;
  seconds: number;
  /** bytes of the largest function environment */
  largestEnvBytes: number;
  networksFileBytes: number;
  /** reading the networks file once, as a cold start does (ms, median of runs); the synth validated it */
  loadNetworksMs: number;
}

export interface RegionStorm {
  networks: number;
  subscribersPerNetwork: number;
  rate: number;
  /** how long the local SES's answers were held (a real SES's latency), ms @default 0 */
  sesLatencyMs?: number;
  /** from the clock's tick to the last mail, s */
  totalSeconds: number;
  /** from the first mail to the last, s */
  sendSeconds: number;
  /** subscribers ÷ rate, s */
  idealSeconds: number;
  /** most mails the senders made in any one second, and the local SES received */
  peakPerSecond: number;
  arrivalPeakPerSecond: number;
  sent: number;
  duplicates: number;
  lost: number;
  /** when each network's digest began and finished going out, s after the tick: the latest beginning and the spread of the finishes */
  latestStartSeconds: number;
  finishSpreadSeconds: number;
  firstFinishSeconds: number;
  eventLoopDelayMs: { p99: number; max: number };
  buildSeconds: number;
  /**
   * CPU from the tick to the last mail, s: the functions' thread (senders,
   * builder, local queue and bus), the services' thread (dynalite, local SES
   * and its meter), and the process as a whole; with the wall time between.
   */
  cpu: { functionsSeconds: number; servicesSeconds: number; processSeconds: number; wallSeconds: number; functionsBusy?: number; servicesBusy?: number };
  /** the machine's 1-minute load average at the tick, its highest while sending (sampled every 10 s), and at the end */
  loadAverage: { start: number; max: number; end: number };
  /** the process's highest RSS (both threads), MB */
  maxRssMb: number;
}

export interface RegionDirectory {
  networks: number;
  cardsPerNetwork: number;
  requests: number;
  p50: number;
  p99: number;
  /** the cache's bound and what it held at the end (estimated JSON bytes) */
  cacheMaxBytes: number;
  cacheHeldBytes: number;
  cacheHeldNetworks: number;
  /** heap growth from an empty cache to the end, after GC, MB; and per held network */
  heapGrowthMb: number;
  heapPerNetworkMb: number;
  /** heap bytes per estimated JSON byte of what the cache holds */
  heapPerJsonByte: number;
  /** the process's RSS at the end, MB (the whole local stack, not one function) */
  rssMb: number;
}

const part = arg('part', 'storm');
const networks = Number(arg('networks', '200'));
const out = arg('out', '');
const log = (m: string) => process.stderr.write(`[region ${part}] ${m}\n`);
const base = loadConfig(`${ROOT}/config/verkosto.config.json`);
const write = (result: unknown) => (out ? writeFileSync(out, JSON.stringify(result)) : console.log(JSON.stringify(result, null, 2)));



async function synthPart(): Promise<RegionSynth> {
  const { synthesise, resourcesOf } = await import('../../test/infra/synth.js');
  const { Networks } = await import('../../functions/shared/networks.js');
  const config = regionConfig(base, networks);
  let t = performance.now();
  const region = synthesise({ config, bundle: false });
  const seconds = (performance.now() - t) / 1000;
  if (region.error) throw region.error;
  const resources = resourcesOf(region.template);
  const one = resourcesOf(synthesise({ config: { ...config, networks: config.networks.slice(0, 1) }, bundle: false }).template);
  const envs = Object.values(resources)
    .filter((r) => r.Type === 'AWS::Lambda::Function')
    .map((r) => Buffer.byteLength(JSON.stringify((r.Properties.Environment as { Variables?: unknown } | undefined)?.Variables ?? {})));
  const json = JSON.stringify(config.networks);
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    t = performance.now();
    Networks.fromJson(json);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { networks, resources: Object.keys(resources).length, resourcesOneNetwork: Object.keys(one).length, seconds, largestEnvBytes: Math.max(...envs), networksFileBytes: Buffer.byteLength(json), loadNetworksMs: times[10]! };
}

function nextMondayAtEight(): Date {
  let date = addDays(helsinkiDate(new Date()), 1);
  while (isoWeekday(date) !== 0) date = addDays(date, 1);
  return helsinkiToUtc(date, '08:00');
}

async function stormPart(): Promise<RegionStorm> {
  const perNetwork = Number(arg('subscribers', '500'));
  const rate = Number(arg('rate', '100'));
  const sesLatencyMs = Number(arg('ses-latency-ms', '0'));
  const region = regionConfig(base, networks);
  const config: OperatorConfig = { ...region, mail: { ...region.mail, sendRatePerSecond: rate } };
  // The table and the mail service in a worker thread: in AWS they are not on the senders' CPU (bench/lib/services.ts).
  const bench = await startSplitBench(config, { sesLatencyMs });
  // Every mail as SES got it: to whom, for which network (its tag), when it arrived.
  const received: MailArrivals = { to: [], network: [], at: [] };
  let servicesCpu = { user: 0, system: 0 };
  let servicesLoop = { idle: 0, active: 0 };
  const take = async () => {
    const got = await bench.services.takeMails();
    for (let i = 0; i < got.to.length; i++) {
      received.to.push(got.to[i]!);
      received.network.push(got.network[i]!);
      received.at.push(got.at[i]!);
    }
    servicesCpu = got.cpu;
    servicesLoop = got.elu;
  };
  const sends = sendTimes(bench.services.mail);
  try {
    const now = new Date();
    const cursor = daysBefore(now, 1);
    let t = performance.now();
    const items: Array<Record<string, unknown>> = [];
    config.networks.forEach((n, ni) => {
      const fresh = publishedListing(ni, n.id, daysBefore(now, 0, 1000 + ni));
      items.push(metaItem(fresh), feedItem(fresh), { pk: `NET#${n.id}`, sk: 'DIGEST#CURSOR', lastUntil: cursor, lastMonthly: cursor });
      for (let i = 0; i < perNetwork; i++) items.push(...subscriberItems(ni * perNetwork + i, n.id, cursor));
    });
    await batchPut(bench.seedClient, bench.table, items);
    items.length = 0;
    log(`seeded ${networks} networks × ${perNetwork} subscribers in ${((performance.now() - t) / 1000).toFixed(0)} s`);
    await take();
    const load = { start: loadavg()[0]!, max: loadavg()[0]!, end: 0 };
    // The local SES keeps every mail in memory; the meter has what the bench needs, so empty it as the storm goes.
    const clearing = setInterval(() => {
      load.max = Math.max(load.max, loadavg()[0]!);
      void fetch(`${bench.services.ses}/clear-store`, { method: 'POST' }).catch(() => undefined);
      void take();
    }, 10_000);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    sends.recording = true;
    const tick = Date.now();
    const cpuAtTick = { process: process.cpuUsage(), functions: process.threadCpuUsage(), services: servicesCpu, functionsLoop: performance.eventLoopUtilization(), servicesLoop };
    // As Scheduler does (retryAttempts 2): a failed tick runs again for the same minute and requests only what is missing.
    const scheduledTime = nextMondayAtEight().toISOString();
    for (let attempt = 1; ; attempt++) {
      try {
        await bench.stack.functions.get('DigestClock')!.invoke({ scheduledTime });
        break;
      } catch (err) {
        if (attempt === 3) throw err;
        log(`the clock's tick failed (${(err as Error).message}); Scheduler would retry it`);
      }
    }
    await bench.stack.bus.idle();
    const buildSeconds = (Date.now() - tick) / 1000;
    log(`${networks} digests requested and built in ${buildSeconds.toFixed(0)} s; sending`);
    const progress = setInterval(() => log(`${received.to.length} sent; load ${loadavg()[0]!.toFixed(1)}`), 60_000);
    await bench.stack.settle();
    clearInterval(progress);
    clearInterval(clearing);
    sends.recording = false;
    loop.disable();
    await take();
    const wallSeconds = (Date.now() - tick) / 1000;
    const cpuSeconds = (now: NodeJS.CpuUsage, then: NodeJS.CpuUsage) => (now.user - then.user + now.system - then.system) / 1e6;
    // Busy: the share of the time a thread's event loop was running code rather than waiting; near 1 it had work queued all along.
    const busy = (now: { idle: number; active: number }, then: { idle: number; active: number }) => (now.active - then.active) / Math.max(1, now.active - then.active + now.idle - then.idle);
    const cpu = {
      functionsSeconds: cpuSeconds(process.threadCpuUsage(), cpuAtTick.functions),
      servicesSeconds: cpuSeconds(servicesCpu, cpuAtTick.services),
      processSeconds: cpuSeconds(process.cpuUsage(), cpuAtTick.process),
      wallSeconds,
      functionsBusy: busy(performance.eventLoopUtilization(), cpuAtTick.functionsLoop),
      servicesBusy: busy(servicesLoop, cpuAtTick.servicesLoop),
    };
    load.end = loadavg()[0]!;
    load.max = Math.max(load.max, load.end);

    const times = [...sends.times].sort((a, b) => a - b);
    const arrivals = [...received.at].sort((a, b) => a - b);
    const perAddress = new Map<string, number>();
    for (const to of received.to) perAddress.set(to, (perAddress.get(to) ?? 0) + 1);
    const expected = networks * perNetwork;
    const byNetwork = new Map<string, { first: number; last: number }>();
    received.network.forEach((network, i) => {
      const s = byNetwork.get(network) ?? { first: Infinity, last: 0 };
      s.first = Math.min(s.first, received.at[i]!);
      s.last = Math.max(s.last, received.at[i]!);
      byNetwork.set(network, s);
    });
    const finishes = [...byNetwork.values()].map((s) => (s.last - tick) / 1000);
    const starts = [...byNetwork.values()].map((s) => (s.first - tick) / 1000);
    return {
      networks,
      subscribersPerNetwork: perNetwork,
      rate,
      sesLatencyMs,
      totalSeconds: (arrivals.at(-1)! - tick) / 1000,
      sendSeconds: (arrivals.at(-1)! - arrivals[0]!) / 1000,
      idealSeconds: expected / rate,
      peakPerSecond: busiestSecond(times),
      arrivalPeakPerSecond: busiestSecond(arrivals),
      sent: received.to.length,
      duplicates: [...perAddress.values()].reduce((n, c) => n + c - 1, 0),
      lost: expected - perAddress.size,
      latestStartSeconds: Math.max(...starts),
      finishSpreadSeconds: Math.max(...finishes) - Math.min(...finishes),
      firstFinishSeconds: Math.min(...finishes),
      eventLoopDelayMs: { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
      buildSeconds,
      cpu,
      loadAverage: load,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    await bench.close();
  }
}

async function directoryPart(): Promise<RegionDirectory> {
  const cards = Number(arg('cards', '250'));
  const requests = Number(arg('requests', '2000'));
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  // As in Lambda: cards cached 5 s per warm instance.
  process.env.DIRECTORY_CACHE_SECONDS = '5';
  const config = regionConfig(base, networks);
  const bench = await startBench(config);
  try {
    const now = new Date();
    const items: Array<Record<string, unknown>> = [];
    config.networks.forEach((n, ni) => {
      for (let i = 0; i < cards; i++) {
        const r = publishedListing(ni * cards + i, n.id, daysBefore(now, 3, ni * cards + i));
        items.push(metaItem(r), cardItem(r));
      }
    });
    let t = performance.now();
    await batchPut(bench.seedClient, bench.table, items);
    log(`seeded ${networks} × ${cards} listings in ${((performance.now() - t) / 1000).toFixed(0)} s`);
    const read = (await import('../../functions/listings/read.handler.js')) as typeof import('../../functions/listings/read.handler.js');
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    // Readers of every network in turn, 8 at a time, in a shuffled order (each network as often).
    const order = Array.from({ length: requests }, (_, i) => config.networks[i % networks]!.id).sort(() => Math.random() - 0.5);
    const latencies: number[] = [];
    let next = 0;
    const worker = async () => {
      while (next < order.length) {
        const network = order[next++]!;
        t = performance.now();
        const res = await fetch(`${bench.stack.urls.site}/api/listings?network=${network}&q=perhe&limit=20`);
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`directory ${network}: ${res.status}`);
        latencies.push(performance.now() - t);
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: 8 }, worker));
    log(`${requests} searches in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    gc();
    const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
    const held = read.directoryCacheHeld();
    latencies.sort((a, b) => a - b);
    return {
      networks,
      cardsPerNetwork: cards,
      requests,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      cacheMaxBytes: read.DIRECTORY_CACHE_MAX_BYTES,
      cacheHeldBytes: held.bytes,
      cacheHeldNetworks: held.values,
      heapGrowthMb: heapGrowth / 2 ** 20,
      heapPerNetworkMb: heapGrowth / 2 ** 20 / Math.max(1, held.values),
      heapPerJsonByte: heapGrowth / Math.max(1, held.bytes),
      rssMb: process.memoryUsage().rss / 2 ** 20,
    };
  } finally {
    await bench.close();
  }
}

write(part === 'synth' ? await synthPart() : part === 'directory' ? await directoryPart() : await stormPart());
process.exit(0);
