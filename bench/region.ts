/**
 * `npm run bench -- --region [--quick] [--check]`: the region scenario
 * (bench/scenarios/region.ts, each part in its own process) and its checks,
 * written to bench/results/region.md and region.json. Sizes: --networks
 * (200), --per-network subscribers (500), --rate (100/s), --cards (250).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { RECIPIENTS_PER_MESSAGE } from '../functions/digests/digests.js';
import { ROOT } from '../local/stack.js';
import type { RegionDirectory, RegionStorm, RegionSynth } from './scenarios/region.js';

export interface RegionChecks {
  synth: RegionSynth;
  storm: RegionStorm;
  directory: RegionDirectory;
  breaches: string[];
}

/** What must hold; timings are compared with subscribers ÷ rate, as the issue asks. */
export function regionBreaches(r: Omit<RegionChecks, 'breaches'>): string[] {
  const b: string[] = [];
  const { synth, storm, directory } = r;
  if (synth.resources >= 500) b.push(`${synth.resources} resources for ${synth.networks} networks: CloudFormation allows 500`);
  if (synth.resources !== synth.resourcesOneNetwork) b.push(`the stack grows with the networks: ${synth.resourcesOneNetwork} → ${synth.resources} resources`);
  if (synth.largestEnvBytes >= 4096) b.push(`a function environment of ${synth.largestEnvBytes} bytes: Lambda allows 4 KB`);
  // Timed as the senders call SES: none timed means the meter missed them, not a storm within the rate.
  if (storm.sent > 0 && storm.peakPerSecond === 0) b.push(`none of the ${storm.sent} sends was timed as it left a sender: the busiest second is unknown`);
  if (storm.peakPerSecond > storm.rate) b.push(`${storm.peakPerSecond} digests went out within one second, over the configured ${storm.rate}/s`);
  if (storm.duplicates) b.push(`${storm.duplicates} subscribers got a digest twice`);
  if (storm.lost) b.push(`${storm.lost} subscribers got no digest`);
  if (Math.abs(storm.sendSeconds - storm.idealSeconds) > 0.1 * storm.idealSeconds) b.push(`the storm took ${storm.sendSeconds.toFixed(0)} s to send, not ${storm.idealSeconds.toFixed(0)} s ± 10 % (subscribers ÷ rate)`);
  // With one batch a digest there is nothing to interleave: each digest is one message.
  if (storm.subscribersPerNetwork > RECIPIENTS_PER_MESSAGE && storm.latestStartSeconds >= storm.firstFinishSeconds) b.push(`a network's digest began (${storm.latestStartSeconds.toFixed(0)} s) only after another had finished (${storm.firstFinishSeconds.toFixed(0)} s): not interleaved`);
  // One network over the whole bound is kept alone (functions/shared/lru.ts); more than one must fit it.
  if (directory.cacheHeldNetworks > 1 && directory.cacheHeldBytes > directory.cacheMaxBytes) b.push(`the directory cache holds ${directory.cacheHeldBytes} bytes, over its bound of ${directory.cacheMaxBytes}`);
  return b;
}

const mb = (n: number) => n.toFixed(1);

export function regionMarkdown(r: RegionChecks, took: number): string {
  const { synth, storm, directory } = r;
  return [
    '# Verkosto benchmark: one deployment for a region',
    '',
    `${new Date().toISOString()} · ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}) · Node ${process.version} · took ${took.toFixed(0)} s. Timings are this machine's, not AWS's: the storm runs the functions, queue and bus in one thread and the table and mail service in a worker thread of the same process; the directory runs everything in one thread.`,
    '',
    `## Synth (${synth.networks} networks, cdk-nag, unbundled)`,
    '',
    '| figure | value | limit |',
    '|---|---:|---|',
    `| resources, ${synth.networks} networks | ${synth.resources} | < 500 and = one network |`,
    `| resources, one network | ${synth.resourcesOneNetwork} | — |`,
    `| synth time, s | ${synth.seconds.toFixed(1)} | — |`,
    `| largest function environment, bytes | ${synth.largestEnvBytes} | < 4,096 |`,
    `| networks file (the layer), bytes | ${synth.networksFileBytes.toLocaleString('en-US')} | — |`,
    `| reading it at a cold start (validated at synth), ms (median of 20) | ${synth.loadNetworksMs.toFixed(1)} | — |`,
    '',
    `## The Monday-morning storm (${storm.networks} networks × ${storm.subscribersPerNetwork} subscribers at ${storm.rate}/s${storm.sesLatencyMs ? `, SES answering in ${storm.sesLatencyMs} ms` : ''})`,
    '',
    '| figure | value | check |',
    '|---|---:|---|',
    `| digests requested and built (clock tick → bus idle), s | ${storm.buildSeconds.toFixed(0)} | — |`,
    `| send time, first mail to last, s | ${storm.sendSeconds.toFixed(0)} | ${storm.idealSeconds.toFixed(0)} ± 10 % |`,
    `| tick to last mail, s | ${storm.totalSeconds.toFixed(0)} | — |`,
    `| most mails sent within any one second | ${storm.peakPerSecond} | ≤ ${storm.rate} |`,
    `| most mails the local SES received within any one second | ${storm.arrivalPeakPerSecond} | — (bunched by event-loop stalls) |`,
    `| mails / duplicates / lost | ${storm.sent.toLocaleString('en-US')} / ${storm.duplicates} / ${storm.lost} | duplicates 0, lost 0 |`,
    `| latest network to begin, s after the tick | ${storm.latestStartSeconds.toFixed(0)} | before the first finishes |`,
    `| first network to finish, s | ${storm.firstFinishSeconds.toFixed(0)} | — |`,
    `| spread of the ${storm.networks} finishing times, s | ${storm.finishSpreadSeconds.toFixed(0)} | — |`,
    `| event loop lateness of the functions' thread, ms (p99 / max) | ${storm.eventLoopDelayMs.p99.toFixed(0)} / ${storm.eventLoopDelayMs.max.toFixed(0)} | — |`,
    `| CPU from the tick to the last mail, s: functions' thread / services' thread (table, mail) / whole process, over ${storm.cpu.wallSeconds.toFixed(0)} s | ${storm.cpu.functionsSeconds.toFixed(0)} / ${storm.cpu.servicesSeconds.toFixed(0)} / ${storm.cpu.processSeconds.toFixed(0)} | — |`,
    `| CPU per mail, ms: functions' thread / services' thread | ${((1000 * storm.cpu.functionsSeconds) / Math.max(1, storm.sent)).toFixed(2)} / ${((1000 * storm.cpu.servicesSeconds) / Math.max(1, storm.sent)).toFixed(2)} | — |`,
    `| event loop busy, share of the wall time: functions' thread / services' thread | ${storm.cpu.functionsBusy?.toFixed(2) ?? '—'} / ${storm.cpu.servicesBusy?.toFixed(2) ?? '—'} | — |`,
    `| load average (1 min): at the tick / highest / at the end | ${storm.loadAverage.start.toFixed(1)} / ${storm.loadAverage.max.toFixed(1)} / ${storm.loadAverage.end.toFixed(1)} | — |`,
    `| max RSS of the process, MB | ${storm.maxRssMb.toFixed(0)} | — |`,
    '',
    `## Directory (${directory.networks} networks × ${directory.cardsPerNetwork} listings, ${directory.requests} searches spread over every network, 8 at a time)`,
    '',
    '| figure | value |',
    '|---|---:|',
    `| p50 / p99, ms | ${directory.p50.toFixed(0)} / ${directory.p99.toFixed(0)} |`,
    `| cache bound (an eighth of 256 MB), MB of cards' JSON | ${mb(directory.cacheMaxBytes / 2 ** 20)} |`,
    `| cache held at the end: networks, MB of JSON | ${directory.cacheHeldNetworks}, ${mb(directory.cacheHeldBytes / 2 ** 20)} |`,
    `| heap growth with the cache filled, MB (after GC) | ${mb(directory.heapGrowthMb)} |`,
    `| heap per held network, MB; heap bytes per JSON byte | ${directory.heapPerNetworkMb.toFixed(2)}; ${directory.heapPerJsonByte.toFixed(1)} |`,
    `| RSS of the whole local stack at the end, MB | ${mb(directory.rssMb)} |`,
    '',
    '## Checks',
    '',
    r.breaches.length ? r.breaches.map((b) => `- **${b}**`).join('\n') : 'All hold.',
    '',
  ].join('\n');
}

export function runRegion(opts: { quick: boolean; argOf: (name: string, fallback: string) => string; log: (m: string) => void }): RegionChecks {
  const started = Date.now();
  const work = mkdtempSync(join(tmpdir(), 'verkosto-bench-region-'));
  const networks = opts.argOf('networks', '200');
  const part = <T>(name: string, args: string[]): T => {
    const out = join(work, `${name}.json`);
    opts.log(`region: ${name} (${args.join(' ')})`);
    execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(ROOT, 'bench/scenarios/region.ts'), '--part', name, '--networks', networks, ...args, '--out', out], { stdio: ['ignore', 'ignore', 'inherit'], cwd: ROOT, timeout: 3_600_000 });
    return JSON.parse(readFileSync(out, 'utf8')) as T;
  };
  const synth = part<RegionSynth>('synth', []);
  const storm = part<RegionStorm>('storm', ['--subscribers', opts.argOf('per-network', opts.quick ? '50' : '500'), '--rate', opts.argOf('rate', '100')]);
  const directory = part<RegionDirectory>('directory', ['--cards', opts.argOf('cards', opts.quick ? '20' : '250'), '--requests', opts.quick ? '400' : '2000']);
  const result: RegionChecks = { synth, storm, directory, breaches: [] };
  result.breaches = regionBreaches(result);
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/results/region.md'), regionMarkdown(result, (Date.now() - started) / 1000));
  writeFileSync(join(ROOT, 'bench/results/region.json'), JSON.stringify({ at: new Date().toISOString(), quick: opts.quick, ...result }, null, 2));
  opts.log('wrote bench/results/region.md and region.json');
  return result;
}
