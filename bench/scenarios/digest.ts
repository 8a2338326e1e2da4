/**
 * Digest: build time and send throughput for N subscribers against the
 * configured send rate, and the read units one build consumes with few and
 * with many older listings in the table. Own process (one stack per process):
 *   node --import tsx bench/scenarios/digest.ts --subscribers 10000 --rate 200 --older 1000,100000 --out result.json
 */
import { busiestSecond } from '../lib/stats.js';
import { writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { loadConfig } from '../../lib/config.js';
import { ROOT } from '../../local/stack.js';
import { arg, batchPut, startBench, SEND_EMAIL, type Usage } from '../lib/harness.js';
import { sendTimes } from '../lib/sends.js';
import { daysBefore, feedItem, metaItem, NETWORK, publishedListing, subscriberItems } from '../lib/fixtures.js';

export interface DigestResult {
  subscribers: number;
  rate: number;
  buildMs: number[];
  sent: number;
  /** sends per second over the whole send, as the senders made them: (n − 1) / (last − first) */
  sendRate: number;
  /** most sends the senders made in any one-second window */
  peakPerSecond: number;
  /** most sends the local SES received in any one-second window (bunched by the shared event loop's stalls) */
  arrivalPeakPerSecond: number;
  /** how late the process's event loop ran during the send, ms (p99 and max): everything here shares one process */
  eventLoopDelayMs: { p99: number; max: number };
  sendUsage: Usage;
  readUnits: Array<{ older: number; units: number[] }>;
  newListings: number;
}

const subscribers = Number(arg('subscribers', '10000'));
const rate = Number(arg('rate', '200'));
const olderSizes = arg('older', '1000,100000').split(',').map(Number);
const buildRuns = Number(arg('runs', '3'));
const out = arg('out', '');
const NEW_LISTINGS = 10;
const log = (m: string) => process.stderr.write(`[digest] ${m}\n`);

const base = loadConfig(`${ROOT}/config/verkosto.config.json`);
/** A second network with no subscribers: its builds read only content, so their read units are the builder's alone. */
const RCU_NETWORK = 'bench-lukuyksikot';
const config = { ...base, mail: { ...base.mail, sendRatePerSecond: rate }, networks: [...base.networks, { ...base.networks[0]!, id: RCU_NETWORK }] };
// The table and the mail service on a thread of their own, as in the region storm: in AWS they are not on the senders' CPU.
const bench = await startBench(config, { servicesThread: true });
const build = bench.stack.functions.get('BuildDigest')!;

const sends = sendTimes(bench.mailMeter.url);


function digestRequested(network: string) {
  return { version: '0', id: randomUUID(), 'detail-type': 'Digest.Requested', source: 'verkosto', account: '000000000000', time: new Date().toISOString(), region: config.region, resources: [], detail: { version: 1, network, trigger: 'coordinator' } };
}

/** The last digest reached `until`: everything published before it is old, the new listings after it. */
async function setCursor(network: string, until: string) {
  await bench.seedClient.send(new PutCommand({ TableName: bench.table, Item: { pk: `NET#${network}`, sk: 'DIGEST#CURSOR', lastUntil: until, lastMonthly: until } }));
}

try {
  const now = new Date();
  const cursor = daysBefore(now, 1);
  let t = performance.now();
  const fresh = Array.from({ length: NEW_LISTINGS }, (_, i) => publishedListing(i, NETWORK, daysBefore(now, 0, 1000 + i)));
  const freshRcu = Array.from({ length: NEW_LISTINGS }, (_, i) => publishedListing(i, RCU_NETWORK, daysBefore(now, 0, 1000 + i)));
  const subs = Array.from({ length: subscribers }, (_, i) => subscriberItems(i, NETWORK, cursor)).flat();
  await batchPut(bench.seedClient, bench.table, [...[...fresh, ...freshRcu].flatMap((r) => [metaItem(r), feedItem(r)]), ...subs]);
  log(`seeded ${subscribers} subscribers in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  // 1. Build and send to every subscriber at the configured rate.
  await setCursor(NETWORK, cursor);
  bench.resetUsage();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  sends.recording = true;
  t = performance.now();
  await build.invoke(digestRequested(NETWORK));
  const firstBuild = performance.now() - t;
  await bench.stack.settle();
  loop.disable();
  sends.recording = false;
  const eventLoopDelayMs = { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 };
  const sendUsage = bench.usage();
  const arrivals = [...(bench.mailMeter.times.get(SEND_EMAIL) ?? [])].sort((a, b) => a - b);
  const times = [...sends.times].sort((a, b) => a - b);
  const sent = arrivals.length;
  const sendRate = times.length > 1 ? ((times.length - 1) * 1000) / (times.at(-1)! - times[0]!) : 0;
  const peakPerSecond = busiestSecond(times);
  const arrivalPeakPerSecond = busiestSecond(arrivals);
  log(`sent ${sent} at ${sendRate.toFixed(1)}/s, at most ${peakPerSecond} in one second (${arrivalPeakPerSecond} at the local SES), event loop late by ${eventLoopDelayMs.p99.toFixed(0)} ms p99, ${eventLoopDelayMs.max.toFixed(0)} ms max`);

  // 2. Build time again (the queue paused: the sends were measured above).
  const queue = bench.stack.queues.get('DigestBatches')!;
  queue.pause();
  const buildMs = [firstBuild];
  for (let r = 1; r < buildRuns; r++) {
    await setCursor(NETWORK, cursor);
    t = performance.now();
    await build.invoke(digestRequested(NETWORK));
    buildMs.push(performance.now() - t);
  }

  // 3. Read units of one build with few and with many older listings (feed entries and listing items older than the cursor).
  const readUnits: DigestResult['readUnits'] = [];
  let seeded = 0;
  for (const older of olderSizes) {
    t = performance.now();
    const batch = Array.from({ length: older - seeded }, (_, i) => publishedListing(seeded + i, RCU_NETWORK, daysBefore(now, 2, seeded + i)));
    await batchPut(bench.seedClient, bench.table, batch.flatMap((r) => [metaItem(r), feedItem(r)]));
    seeded = older;
    log(`${older} older listings in place (${((performance.now() - t) / 1000).toFixed(1)} s)`);
    const units: number[] = [];
    for (let r = 0; r < buildRuns; r++) {
      await setCursor(RCU_NETWORK, cursor);
      bench.dynamoMeter.reset();
      await build.invoke(digestRequested(RCU_NETWORK));
      units.push(bench.dynamoMeter.readUnits);
    }
    readUnits.push({ older, units });
  }
  const result: DigestResult = { subscribers, rate, buildMs, sent, sendRate, peakPerSecond, arrivalPeakPerSecond, eventLoopDelayMs, sendUsage, readUnits, newListings: NEW_LISTINGS };
  if (out) writeFileSync(out, JSON.stringify(result));
  else console.log(JSON.stringify(result, null, 2));
} finally {
  await bench.close();
}
process.exit(0);
