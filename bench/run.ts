/**
 * `npm run bench [-- --check] [-- --quick] [-- --region]`: cold starts, API load, digest
 * and the monthly bill of a reference network, written to
 * bench/results/latest.md and latest.json. `--check` exits non-zero when a
 * non-timing budget is breached (bundle sizes, digest read units, send rate).
 * `--region` runs only the region scenario instead (bench/region.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../lib/config.js';
import { functions } from '../lib/topology.js';
import { ROOT } from '../local/stack.js';
import { BUNDLE_LIMIT_KB, bundleVerdict, IMPORT_LIMIT_RATIO, importVerdict } from './budgets.js';
import type { FixedPrices } from './fixed-costs.js';
import { billMarkdown, costSwitches, MONTHLY_GOAL_USD, stackFixedCosts } from './stack-costs.js';
import { updateReadme } from './readme.js';
import { coldStarts } from './scenarios/coldstart.js';
import { coldStartMarkdown, importRatio } from './lib/cold-report.js';
import type { ApiResult } from './scenarios/api.js';
import type { SearchResult } from './scenarios/search.js';
import type { SearchIndexResult } from './scenarios/search-index.js';
import type { DigestResult } from './scenarios/digest.js';
import type { MeetingsResult } from './scenarios/meetings.js';
import type { Usage } from './lib/harness.js';
import { fmt, spread } from './lib/stats.js';
import { EVAL_QUERIES } from '../test/search/queries.js';

const check = process.argv.includes('--check');
const EVAL_QUERY_COUNT = new Set(EVAL_QUERIES.map((q) => q.q)).size;
const quick = process.argv.includes('--quick');
const argOf = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
/** `--listings 5000,20000` when 50,000 takes too long on a slow machine. */
const LISTING_SIZES = argOf('listings', quick ? '2000' : '5000,50000').split(',').map(Number);
const SUBSCRIBERS = argOf('subscribers', quick ? '1000' : '10000');
const OLDER = argOf('older', quick ? '100,2000' : '1000,100000');
/** A production SES account's rate (the sandbox allows 1/s; quotas start at 14/s and are raised on request). */
const RATE = Number(argOf('rate', '50'));
const RUNS = Number(argOf('runs', quick ? '2' : '5'));
const LOAD_RUNS = Number(argOf('load-runs', quick ? '1' : '3'));
const started = Date.now();
const log = (m: string) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0)} s] ${m}\n`);
const work = mkdtempSync(join(tmpdir(), 'verkosto-bench-run-'));

/** The machine's 1-minute load average now: timings on a shared machine mean little without it. */
const load1 = () => loadavg()[0]!;
const loadAtStart = load1();
const loadSeen: number[] = [loadAtStart];

/** Runs one scenario in its own process; `timeoutS` is the last guard, the scenarios bound their own runs. */
function scenario<T>(name: string, args: string[], timeoutS = 600): T {
  const out = join(work, `${name}-${args.join('_').replace(/[^a-z0-9_]/gi, '')}.json`);
  execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/scenarios', `${name}.ts`), ...args, '--out', out], { stdio: ['ignore', 'ignore', 'inherit'], cwd: ROOT, timeout: timeoutS * 1000 });
  loadSeen.push(load1());
  return JSON.parse(readFileSync(out, 'utf8')) as T;
}

// The region scenario is long (the storm alone is subscribers ÷ rate): it runs on its own.
if (process.argv.includes('--region')) {
  const { runRegion } = await import('./region.js');
  const region = runRegion({ quick, argOf, log });
  if (region.breaches.length) process.stderr.write(`Region checks failed:\n${region.breaches.map((b) => `  - ${b}`).join('\n')}\n`);
  process.exit(check && region.breaches.length ? 1 : 0);
}

/** The bundle and import budgets of every function (bench/budgets.ts). */
function coldBreaches(c: Awaited<ReturnType<typeof coldStarts>>): string[] {
  const out: string[] = [];
  for (const f of c.functions) {
    if (!bundleVerdict(f.id, f.kb).ok) out.push(`${f.id} bundle is ${f.kb.toFixed(0)} KB (limit ${BUNDLE_LIMIT_KB} KB)`);
    const ratio = importRatio(c, f.importCpuMs);
    if (!importVerdict(ratio).ok) out.push(`${f.id} imports in ${ratio.toFixed(1)}× the CPU of a bare Node start (limit ${IMPORT_LIMIT_RATIO}×)`);
  }
  return out;
}

log('cold starts: bundling and importing every function');
const cold = await coldStarts(RUNS);
if (process.argv.includes('--cold-only')) {
  // Bundles and imports only (a minute or two): bench/results/cold-start.md, leaving the full run's results alone.
  const head = `# Verkosto cold starts\n\n${new Date().toISOString()} · ${platform()} ${release()} · ${cpus()[0]?.model ?? 'unknown'} · ${cpus().length} cores · Node ${process.version} · \`npm run bench -- --cold-only\`\n`;
  writeFileSync(join(ROOT, 'bench/results/cold-start.md'), [head, ...coldStartMarkdown(cold, RUNS), ''].join('\n'));
  log('wrote bench/results/cold-start.md');
  const coldOnly = coldBreaches(cold);
  if (coldOnly.length) process.stderr.write(`Cold-start budgets breached:\n${coldOnly.map((b) => `  - ${b}`).join('\n')}\n`);
  process.exit(check && coldOnly.length ? 1 : 0);
}
const api: ApiResult[] = [];
/** A load run is stopped after this long (bench/scenarios/api.ts) and shown as not finished. */
const RUN_LIMIT_S = Number(argOf('run-limit', '120'));
const apiLoad: Array<[number, number]> = [];
for (const n of LISTING_SIZES) {
  log(`API with ${n} published listings (load average ${load1().toFixed(1)})`);
  const before = load1();
  // Seeding, the cold probe and 3 load runs per round, each run with as long again to let its leftovers end.
  api.push(scenario<ApiResult>('api', ['--listings', String(n), '--runs', String(LOAD_RUNS), '--run-limit', String(RUN_LIMIT_S)], 1200 + LOAD_RUNS * 3 * 2 * RUN_LIMIT_S));
  apiLoad.push([before, load1()]);
}
log('search relevance: the evaluation set through the directory function, and against Orama');
const searchEval = scenario<SearchResult>('search', []);
log('search index in process: build, one change applied, CPU per query');
const searchIndex = scenario<SearchIndexResult[]>('search-index', ['--sizes', LISTING_SIZES.join(',')]);
log(`digest to ${SUBSCRIBERS} subscribers at ${RATE}/s`);
const digest = scenario<DigestResult>('digest', ['--subscribers', SUBSCRIBERS, '--rate', String(RATE), '--older', OLDER, '--runs', String(Math.min(RUNS, 3))]);
log('meetings: schedule and announce, RSVPs, reminder');
const meetings = scenario<MeetingsResult>('meetings', ['--subscribers', quick ? '100' : '500', '--rsvps', '30']);

/* ---------- cost ---------- */
interface Prices extends FixedPrices {
  date: string;
  sources: Record<string, string>;
  lambdaRequestPerMillion: number;
  lambdaArmGbSecond: number;
  apiGatewayHttpPerMillion: number;
  eventBridgeCustomEventsPerMillion: number;
  sqsStandardRequestsPerMillion: number;
  dynamoReadRequestUnitsPerMillion: number;
  dynamoWriteRequestUnitsPerMillion: number;
  dynamoStorageGbMonth: number;
  sesPerThousandEmails: number;
  schedulerInvocationsPerMillion: number;
  cloudFrontHttpsRequestsPer10k: number;
  cloudFrontTransferGb: number;
  cloudWatchLogsIngestionGb: number;
}
const prices = JSON.parse(readFileSync(join(ROOT, 'bench/prices.json'), 'utf8')) as Prices;

/** The reference network. Measured per-operation usage is multiplied by these; the ones marked "assumed" are not measured. */
const WEEKS = 52 / 12;
const REF = {
  organisations: 300,
  subscribers: 2000,
  listingsPerMonth: 50 * WEEKS,
  digestsPerMonth: WEEKS,
  meetingsPerMonth: 2,
  /** assumed: two published listings per organisation */
  directoryCards: 600,
  /** assumed: directory searches a month (each costed as a read of every card, measured as the snapshot builder's full build: the worst case, a cold instance that finds no snapshot) */
  directoryQueries: 5000,
  /** assumed: RSVPs per meeting (measured: each mails an invite, the reminder mails each attendee) */
  rsvpsPerMeeting: 30,
  /** assumed: page and asset requests through CloudFront, and what they transfer */
  pageRequests: 50_000,
  transferGb: 2,
  /** assumed: log bytes per invocation (START/END/REPORT lines and a warning now and then) */
  logKbPerInvocation: 1,
  /** assumed: table size */
  storageGb: 0.2,
};

const scale = (u: Usage, k: number): Usage => ({
  invocations: Object.fromEntries(Object.entries(u.invocations).map(([id, v]) => [id, { count: v.count * k, ms: v.ms * k }])),
  dynamo: { readUnits: u.dynamo.readUnits * k, writeUnits: u.dynamo.writeUnits * k, requests: {} },
  events: u.events * k,
  sqsSendRequests: u.sqsSendRequests * k,
  sqsMessages: u.sqsMessages * k,
  emails: u.emails * k,
});
const add = (...us: Usage[]): Usage =>
  us.reduce<Usage>(
    (a, u) => {
      for (const [id, v] of Object.entries(u.invocations)) {
        const c = a.invocations[id] ?? { count: 0, ms: 0 };
        a.invocations[id] = { count: c.count + v.count, ms: c.ms + v.ms };
      }
      a.dynamo.readUnits += u.dynamo.readUnits;
      a.dynamo.writeUnits += u.dynamo.writeUnits;
      a.events += u.events;
      a.sqsSendRequests += u.sqsSendRequests;
      a.sqsMessages += u.sqsMessages;
      a.emails += u.emails;
      return a;
    },
    { invocations: {}, dynamo: { readUnits: 0, writeUnits: 0, requests: {} }, events: 0, sqsSendRequests: 0, sqsMessages: 0, emails: 0 },
  );

const small = api[0]!;
const directoryPerQuery = scale(small.usage.directoryQuery, REF.directoryCards / small.usage.cards);
const perRecipient = scale(digest.sendUsage, 1 / Math.max(1, digest.sent));
/** One meeting a month as measured: scheduling with its announcement (scaled to the reference subscribers), the RSVPs and the reminder. */
const perMeeting = add(scale(meetings.schedule, REF.subscribers / meetings.subscribers), scale(add(meetings.rsvp, meetings.reminder), REF.rsvpsPerMeeting / meetings.rsvps));
const month = add(
  scale(add(small.usage.submit, small.usage.approve), REF.listingsPerMonth),
  scale(perRecipient, REF.subscribers * REF.digestsPerMonth),
  scale(directoryPerQuery, REF.directoryQueries),
  scale(perMeeting, REF.meetingsPerMonth),
);
const tunedMemory = loadConfig(join(ROOT, 'config/verkosto.config.json')).functionMemoryMb;
const memoryOf = new Map(functions.map((f) => [f.id, tunedMemory[f.id] ?? f.memoryMb ?? 256]));
const invocations = Object.values(month.invocations).reduce((n, v) => n + v.count, 0);
const gbSeconds = Object.entries(month.invocations).reduce((n, [id, v]) => n + (v.ms / 1000) * ((memoryOf.get(id) ?? 256) / 1024), 0);
const httpRequests = REF.listingsPerMonth * 2 + REF.directoryQueries + (REF.rsvpsPerMeeting + 1) * REF.meetingsPerMonth;
const scheduled = 30 + REF.digestsPerMonth + REF.meetingsPerMonth;
/** The SQS event source mapping: per batch one ReceiveMessage and one DeleteMessageBatch, plus idle long polls (assumed 5 pollers, 20 s). */
const sqsRequests = month.sqsSendRequests + 2 * (month.invocations.SendDigestBatch?.count ?? 0) + 5 * 3 * 60 * 24 * 30;
const n0 = (x: number) => Math.round(x).toLocaleString('en-US');
const usd = (x: number) => `$${x.toFixed(x < 1 ? 4 : 2)}`;
const lines: Array<{ item: string; quantity: string; price: string; cost: number }> = [
  { item: 'Lambda requests', quantity: n0(invocations), price: `${usd(prices.lambdaRequestPerMillion)}/M`, cost: (invocations / 1e6) * prices.lambdaRequestPerMillion },
  { item: 'Lambda compute (arm64)', quantity: `${gbSeconds.toFixed(0)} GB-s`, price: `${prices.lambdaArmGbSecond}/GB-s`, cost: gbSeconds * prices.lambdaArmGbSecond },
  { item: 'API Gateway HTTP API', quantity: n0(httpRequests), price: `${usd(prices.apiGatewayHttpPerMillion)}/M`, cost: (httpRequests / 1e6) * prices.apiGatewayHttpPerMillion },
  { item: 'EventBridge custom events', quantity: n0(month.events), price: `${usd(prices.eventBridgeCustomEventsPerMillion)}/M`, cost: (month.events / 1e6) * prices.eventBridgeCustomEventsPerMillion },
  { item: 'SQS requests (incl. idle polling)', quantity: n0(sqsRequests), price: `${usd(prices.sqsStandardRequestsPerMillion)}/M`, cost: (sqsRequests / 1e6) * prices.sqsStandardRequestsPerMillion },
  { item: 'DynamoDB read request units', quantity: n0(month.dynamo.readUnits), price: `${usd(prices.dynamoReadRequestUnitsPerMillion)}/M`, cost: (month.dynamo.readUnits / 1e6) * prices.dynamoReadRequestUnitsPerMillion },
  { item: 'DynamoDB write request units', quantity: n0(month.dynamo.writeUnits), price: `${usd(prices.dynamoWriteRequestUnitsPerMillion)}/M`, cost: (month.dynamo.writeUnits / 1e6) * prices.dynamoWriteRequestUnitsPerMillion },
  { item: 'DynamoDB storage', quantity: `${REF.storageGb} GB`, price: `${usd(prices.dynamoStorageGbMonth)}/GB`, cost: REF.storageGb * prices.dynamoStorageGbMonth },
  { item: 'SES emails', quantity: n0(month.emails), price: `${usd(prices.sesPerThousandEmails)}/1000`, cost: (month.emails / 1000) * prices.sesPerThousandEmails },
  { item: 'Scheduler invocations', quantity: n0(scheduled), price: `${usd(prices.schedulerInvocationsPerMillion)}/M`, cost: (scheduled / 1e6) * prices.schedulerInvocationsPerMillion },
  { item: 'CloudFront requests', quantity: n0(REF.pageRequests), price: `${usd(prices.cloudFrontHttpsRequestsPer10k)}/10k`, cost: (REF.pageRequests / 1e4) * prices.cloudFrontHttpsRequestsPer10k },
  { item: 'CloudFront transfer', quantity: `${REF.transferGb} GB`, price: `${usd(prices.cloudFrontTransferGb)}/GB`, cost: REF.transferGb * prices.cloudFrontTransferGb },
  { item: 'CloudWatch Logs ingestion', quantity: `${((invocations * REF.logKbPerInvocation) / 1024 / 1024).toFixed(3)} GB`, price: `${usd(prices.cloudWatchLogsIngestionGb)}/GB`, cost: ((invocations * REF.logKbPerInvocation) / 1024 / 1024) * prices.cloudWatchLogsIngestionGb },
];
const usageTotal = lines.reduce((n, l) => n + l.cost, 0);
/** The stack's own fixed costs, from its synthesised templates; key reads are at most one per invocation (cold start or 5-minute refresh). */
const fixed = await stackFixedCosts(prices, invocations);
const total = usageTotal + fixed.reduce((n, l) => n + l.cost, 0);
const alwaysFree = fixed.reduce((n, l) => n + l.free, 0);

/* ---------- budgets ---------- */
const breaches: string[] = coldBreaches(cold);
const unitsFew = spread(digest.readUnits[0]?.units ?? []).median;
const unitsMany = spread(digest.readUnits.at(-1)?.units ?? []).median;
const unitRatio = unitsMany / unitsFew;
if (unitRatio !== 1) breaches.push(`digest read units grow with the table: ${unitsFew} → ${unitsMany}`);
if (digest.sendRate > digest.rate) breaches.push(`digests went out at ${digest.sendRate.toFixed(1)}/s, over the configured ${digest.rate}/s`);
if (digest.peakPerSecond > digest.rate) breaches.push(`${digest.peakPerSecond} digests went out within one second, over the configured ${digest.rate}/s`);
if (digest.sendRate < 0.9 * digest.rate) breaches.push(`digests went out at ${digest.sendRate.toFixed(1)}/s, under 90% of the configured ${digest.rate}/s`);

/* ---------- report ---------- */
const DIRECTORY_TIMEOUT_S = functions.find((f) => f.id === 'ReadDirectory')?.timeoutSeconds ?? 10;
/** The cold load as measured, with the answers the function's timeout cut short on the way (older results have only coldLoadMs). */
function coldLine(a: ApiResult): string {
  const c = a.coldLoad ?? { ms: a.coldLoadMs, cutShort: 0, cutShortMs: 0, finished: true };
  if (!c.finished) return `**no answer within ${(c.ms / 1000).toFixed(0)} s** (${c.cutShort} answers cut short)`;
  const cut = c.cutShort ? ` (the first ${c.cutShort} requests answered 500 at the function's timeout, after up to ${(c.cutShortMs / 1000).toFixed(1)} s, while the load went on in the process: in Lambda it would not)` : '';
  // Locally the timeout is a timer, which cannot fire while the index is built: a longer load still answers 200.
  const over = c.ms > DIRECTORY_TIMEOUT_S * 1000 ? `, **over the function's ${DIRECTORY_TIMEOUT_S} s timeout** (in Lambda that request would time out)` : '';
  return `${(c.ms / 1000).toFixed(2)} s${over}${cut}`;
}
const machine = { os: `${platform()} ${release()}`, cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version };
const md: string[] = [];
md.push(`# Verkosto benchmark`, '', `${new Date().toISOString()} · ${machine.os} · ${machine.cpu} · ${machine.cores} cores · ${machine.memoryGb} GB · Node ${machine.node} · took ${((Date.now() - started) / 1000).toFixed(0)} s · load average ${loadAtStart.toFixed(1)} at the start, ${Math.min(...loadSeen).toFixed(1)}–${Math.max(...loadSeen).toFixed(1)} between scenarios`, '');
md.push(`Figures are median (min–max) over repeated runs. Timings are from this machine and only comparable with each other.`, '');
md.push(...coldStartMarkdown(cold, RUNS));
md.push('', `## API (autocannon, 8 connections, 400 requests a run or ${RUN_LIMIT_S} s whichever comes first, ${LOAD_RUNS} runs, loopback)`, '');
md.push(`A run stopped at ${RUN_LIMIT_S} s is counted in "finished" and its figures are of the answers it got. Errors are requests with no answer (autocannon's 20 s timeout among them); non-2xx are answers that were not 2xx.`, '');
md.push("\"Function p50 / p99\" is each request's own time in the function (from invoke to its answer): what one Lambda instance spends on it. The HTTP figures add the queue: here the 8 connections share one process (and one core) with the table, the bus and autocannon itself, where in Lambda each concurrent request has an instance of its own.", '');
md.push('| route | listings | p50 ms | p99 ms | function p50 / p99 ms | req/s | answered | non-2xx | errors (timeouts) | finished |', '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const a of api) {
  for (const [name, runs] of [
    [`GET /api/listings?network=kemi-perhekeskus&q=perhe (${a.directoryCount} hits)`, a.directory],
    [`GET /api/listings?network=kemi-perhekeskus&q=… (${EVAL_QUERY_COUNT} different queries)`, a.directoryVaried],
    ['POST /api/listings', a.submit],
  ] as const) {
    const sum = (f: (r: (typeof runs)[number]) => number) => runs.reduce((n, r) => n + f(r), 0);
    md.push(`| ${name} | ${a.listings.toLocaleString('en-US')} | ${fmt(spread(runs.map((r) => r.p50)), 0)} | ${fmt(spread(runs.map((r) => r.p99)), 0)} | ${runs.every((r) => r.fn) ? `${spread(runs.map((r) => r.fn!.p50)).median.toFixed(1)} / ${spread(runs.map((r) => r.fn!.p99)).median.toFixed(1)}` : '–'} | ${fmt(spread(runs.map((r) => r.rps)), 0)} | ${sum((r) => r.requests)} | ${sum((r) => r.non2xx)} | ${sum((r) => r.errors)} (${sum((r) => r.timeouts ?? 0)}) | ${runs.filter((r) => r.finished !== false).length} of ${runs.length}${runs.some((r) => r.finished === false) ? ` (**stopped at ${RUN_LIMIT_S} s**)` : ''} |`);
  }
}
/** Issue 13's goals: directory search p99 under 50 ms up to 5,000 listings and under 100 ms at 50,000; a cold load under 1.5 s. */
const searchGoalMs = (listings: number) => (listings <= 5000 ? 50 : 100);
const verdict = (ms: number, goal: number) => (ms <= goal ? `within the ${goal} ms goal` : `**over the ${goal} ms goal**`);
md.push(
  '',
  `Directory search against its goals (median p99 of the runs): ${api
    .map((a) => {
      const goal = searchGoalMs(a.listings);
      const same = spread(a.directory.map((r) => r.p99)).median;
      const varied = spread(a.directoryVaried.map((r) => r.p99)).median;
      const own = spread(a.directoryVaried.map((r) => r.fn?.p99 ?? Number.NaN)).median;
      return `${a.listings.toLocaleString('en-US')} listings: the repeated query ${same.toFixed(0)} ms (${verdict(same, goal)}; its answer is kept), ${EVAL_QUERY_COUNT} different queries ${varied.toFixed(0)} ms (${verdict(varied, goal)}; the function's own p99 ${own.toFixed(0)} ms), cold load ${((a.coldLoad?.ms ?? a.coldLoadMs) / 1000).toFixed(2)} s (goal 1.5 s)`;
    })
    .join('; ')}.`,
);
md.push('', `Load average (1 minute) at the start and end of each size's API scenario: ${api.map((a, i) => `${a.listings.toLocaleString('en-US')}: ${apiLoad[i]![0].toFixed(1)} → ${apiLoad[i]![1].toFixed(1)}`).join(', ')} (2 cores).`, '');
md.push(`Seeding (BatchWrite into dynalite): ${api.map((a) => `${a.listings.toLocaleString('en-US')} listings in ${a.seedSeconds.toFixed(0)} s`).join(', ')}. The directory function keeps a network's search index per warm instance and rebuilds it only when the network's directory version moved (as in production), so these are searches of an index in memory; the index also keeps its last 32 answers, so the single repeated query measures that path and the different queries the search itself.`, '');
md.push(`Cold load of a network's directory (the first request of an instance: the snapshot the builder wrote read from the local S3, the change log since applied, the first page answered), measured before the load runs and not part of them: ${api.map((a) => `${a.listings.toLocaleString('en-US')} listings ${coldLine(a)}${a.coldLoad?.snapshotBuildMs ? ` (the builder wrote the snapshot from every card in ${(a.coldLoad.snapshotBuildMs / 1000).toFixed(1)} s before it)` : ''}`).join('; ')}. Without a snapshot an instance reads every card and builds the index (bench/scenarios/search-index.ts below has the build's CPU).`, '');
md.push('## Directory search index in process (no HTTP; bench/scenarios/search-index.ts)', '');
md.push('What the p99 above is made of, steadier than it on a shared machine: the index built from every card (the cold load less the table read), one changed card applied from the change log instead, and the CPU time of one directory search (the evaluation set\'s distinct queries, none answered from the kept answers).', '');
md.push('The last three columns run the evaluation queries over the same corpus (the evaluation listings and the demo ones in turn; every copy of an evaluation listing counts as that listing): what the look-ups that keep a large network fast cost in relevance.', '');
md.push('| listings | build, ms CPU | per 1,000 listings | one change applied, ms CPU | query CPU ms mean | p50 | p99 | max | hit@5 | recall@10 | MRR |', '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of searchIndex) md.push(`| ${r.size.toLocaleString('en-US')} | ${r.buildCpuMs.toFixed(0)} | ${r.buildCpuMsPer1000.toFixed(0)} | ${r.applyCpuMs.toFixed(1)} | ${r.queryCpuMs.mean.toFixed(1)} | ${r.queryCpuMs.p50.toFixed(1)} | ${r.queryCpuMs.p99.toFixed(1)} | ${r.queryCpuMs.max.toFixed(1)} | ${r.relevance.hitAt5.toFixed(3)} | ${r.relevance.recallAt10.toFixed(3)} | ${r.relevance.mrr.toFixed(3)} |`);
md.push('');
md.push('### Cold load from the directory snapshot', '');
md.push('A fresh process (as a cold function) reads the snapshot the builder writes, applies 10 changed cards (a busy network\'s change log between two builder runs) and answers the first directory page; the goal is 1.5 s at 50,000 listings, against the full build above plus reading every card. The bench corpus repeats its listings, so it compresses far better than real texts would: the JSON size is the one to scale from.', '');
md.push('| listings | snapshot, brotli MB | JSON MB | gzip MB | write, ms CPU | load, ms CPU | 10 changes | first page | **cold load total** | first query | 90 more changes | heap MB |', '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of searchIndex) {
  const s = r.snapshot;
  md.push(`| ${r.size.toLocaleString('en-US')} | ${(s.bytes / 1e6).toFixed(2)} | ${(s.jsonBytes / 1e6).toFixed(1)} | ${(s.gzipBytes / 1e6).toFixed(2)} | ${s.writeCpuMs.toFixed(0)} | ${s.cold.loadCpuMs.toFixed(0)} | ${s.cold.changesCpuMs.toFixed(0)} | ${s.cold.firstPageCpuMs.toFixed(0)} | **${s.coldTotalCpuMs.toFixed(0)}** (full build ${r.buildCpuMs.toFixed(0)}) | ${s.cold.firstQueryCpuMs.toFixed(0)} | ${s.cold.moreChangesCpuMs.toFixed(0)} | ${s.cold.heapMb.toFixed(0)} |`);
}
md.push('');
md.push(`## Directory search relevance (test/search/: ${searchEval.listings} listings, ${searchEval.engines[0]?.evaluation.queries ?? 0} queries)`, '');
md.push('| engine | hit@5 | recall@10 | MRR | queries missed | bundle KB (minified) | note |', '|---|---:|---:|---:|---:|---:|---|');
for (const e of searchEval.engines) md.push(`| ${e.name} | ${e.evaluation.hitAt5.toFixed(3)} | ${e.evaluation.recallAt10.toFixed(3)} | ${e.evaluation.mrr.toFixed(3)} | ${e.misses} | ${e.bundleKb.toFixed(0)} | ${e.note} |`);
md.push('');
md.push(`## Digest (${digest.subscribers.toLocaleString('en-US')} subscribers, ${digest.newListings} new listings)`, '');
md.push('| figure | value | budget |', '|---|---:|---|');
md.push(`| build time, ms (${digest.buildMs.length} runs) | ${fmt(spread(digest.buildMs), 0)} | — |`);
md.push(`| send throughput, mails/s (whole send, as sent) | ${digest.sendRate.toFixed(1)} | ≤ ${digest.rate} and ≥ ${(0.9 * digest.rate).toFixed(0)} → ${digest.sendRate <= digest.rate && digest.sendRate >= 0.9 * digest.rate ? 'ok' : '**breach**'} |`);
md.push(`| most mails sent within any one second | ${digest.peakPerSecond} | ≤ ${digest.rate} → ${digest.peakPerSecond <= digest.rate ? 'ok' : '**breach**'} |`);
md.push(`| most mails the mail meter received within any one second | ${digest.arrivalPeakPerSecond} | — (on the functions' thread, so its clock stalls with them: bunched by the stalls below) |`);
md.push(`| event loop lateness of the functions' thread during the send, ms (p99 / max; the table and SES run on a worker thread) | ${digest.eventLoopDelayMs.p99.toFixed(0)} / ${digest.eventLoopDelayMs.max.toFixed(0)} | — |`);
md.push(`| mails sent | ${digest.sent.toLocaleString('en-US')} | = subscribers |`);
for (const r of digest.readUnits) md.push(`| read units of one build, ${r.older.toLocaleString('en-US')} older listings | ${fmt(spread(r.units), 1)} | — |`);
md.push(`| ratio of read units (most / fewest older listings) | ${unitRatio.toFixed(2)} | = 1 → ${unitRatio === 1 ? 'ok' : '**breach**'} |`);
md.push('', `## Monthly cost of a reference network (eu-north-1, prices of ${prices.date}, bench/prices.json)`, '');
md.push(`${REF.organisations} organisations, ${REF.subscribers} subscribers, 50 new listings a week (${REF.listingsPerMonth.toFixed(1)}/month, each submitted and approved), weekly digest (${REF.digestsPerMonth.toFixed(2)}/month), ${REF.meetingsPerMonth} meetings a month with reminders. Measured per operation above: submission + approval (${n0(add(small.usage.submit, small.usage.approve).dynamo.writeUnits)} WRU, ${add(small.usage.submit, small.usage.approve).emails} mails, ${add(small.usage.submit, small.usage.approve).events} events), digest per recipient (${perRecipient.dynamo.writeUnits.toFixed(2)} WRU, ${perRecipient.dynamo.readUnits.toFixed(3)} RRU, ${(perRecipient.invocations.SendDigestBatch?.ms ?? 0).toFixed(1)} ms of sender), directory query (${directoryPerQuery.dynamo.readUnits.toFixed(1)} RRU for ${REF.directoryCards} cards, scaled from ${small.usage.cards} measured), one meeting (announced by email to ${meetings.subscribers} subscribers: ${meetings.schedule.emails} mails, ${n0(meetings.schedule.dynamo.writeUnits)} WRU, ${meetings.schedule.events} events; ${meetings.rsvps} RSVPs: ${meetings.rsvp.emails} mails, ${n0(meetings.rsvp.dynamo.writeUnits)} WRU; reminder: ${meetings.reminder.emails} mails), scaled to ${REF.subscribers} subscribers and ${REF.rsvpsPerMeeting} RSVPs. Assumed (not measured): ${REF.directoryQueries} directory searches, ${REF.pageRequests} CloudFront requests and ${REF.transferGb} GB, ${REF.logKbPerInvocation} KB of logs per invocation, ${REF.storageGb} GB stored. Lambda time is the in-process duration measured locally. No free tier in the lines.`, '');
md.push(...billMarkdown(lines, fixed, costSwitches(loadConfig(join(ROOT, 'config/verkosto.config.json'))), prices), '');
md.push(`## Budgets`, '', breaches.length ? breaches.map((b) => `- **${b}**`).join('\n') : 'All non-timing budgets hold.', '');

mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(join(ROOT, 'bench/results/latest.md'), md.join('\n'));
writeFileSync(join(ROOT, 'bench/results/latest.json'), JSON.stringify({ at: new Date().toISOString(), machine, coldStart: cold, api, search: searchEval, searchIndex, digest, meetings, cost: { prices: { date: prices.date, sources: prices.sources }, reference: REF, lines, fixed, total, alwaysFree, goal: MONTHLY_GOAL_USD }, breaches }, null, 2));
log(`wrote bench/results/latest.md and latest.json`);
// A quick run is for trying things out: only a full-size run goes into the README.
if (!quick) {
  updateReadme();
  log('README.md quotes it');
}
if (breaches.length) process.stderr.write(`Budget breaches:\n${breaches.map((b) => `  - ${b}`).join('\n')}\n`);
if (check && breaches.length) process.exit(1);
