/**
 * Puts the latest benchmark into README.md, between the bench markers: the
 * run's line, a summary of the cold-start table and the API, digest, cost
 * and budget sections of bench/results/latest.md as they are. Run by
 * `npm run bench` after it writes the results; on its own:
 *   tsx bench/readme.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE_BUDGET_KB, BUNDLE_LIMIT_KB, IMPORT_LIMIT_RATIO } from './budgets.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const START = '<!-- bench:start (written by npm run bench) -->';
const END = '<!-- bench:end -->';

interface Latest {
  coldStart: { baselineMs: number[]; baselineCpuMs?: number[]; functions: Array<{ id: string; kb: number; awsKb: number; importMs: number[]; importCpuMs?: number[] }> };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export function readmeBlock(md: string, latest: Latest): string {
  const sections = md.split(/\n(?=## )/);
  const runLine = sections[0]!.split('\n').find((l) => /Node v\d/.test(l)) ?? '';
  const keep = sections.filter((s) => /^## (AWS access|API|Directory search relevance|Digest|Monthly cost|Budgets)/.test(s)).map((s) => s.trim().replace(/^## /, '#### '));
  const fns = latest.coldStart.functions;
  const kbs = fns.map((f) => f.kb);
  const aws = fns.map((f) => f.awsKb);
  const imports = fns.map((f) => median(f.importMs));
  const base = median(latest.coldStart.baselineMs);
  const cpus = fns.flatMap((f) => (f.importCpuMs ? [median(f.importCpuMs)] : []));
  const baseCpu = latest.coldStart.baselineCpuMs ? median(latest.coldStart.baselineCpuMs) : undefined;
  const cpuLine = cpus.length && baseCpu ? ` In CPU time ${Math.min(...cpus).toFixed(0)}–${Math.max(...cpus).toFixed(0)} ms against ${baseCpu.toFixed(0)} ms (${(Math.min(...cpus) / baseCpu).toFixed(1)}–${(Math.max(...cpus) / baseCpu).toFixed(1)}×).` : '';
  const under = fns.filter((f) => f.kb <= BUNDLE_BUDGET_KB).length;
  const overLimit = fns.filter((f) => f.kb > BUNDLE_LIMIT_KB).length;
  const overImport = baseCpu ? fns.filter((f) => f.importCpuMs && median(f.importCpuMs) / baseCpu > IMPORT_LIMIT_RATIO).length : 0;
  const cold = [
    '#### Cold start',
    '',
    `${fns.length} functions: bundles ${Math.min(...kbs).toFixed(0)}–${Math.max(...kbs).toFixed(0)} KB, their AWS access included (${Math.min(...aws).toFixed(0)}–${Math.max(...aws).toFixed(0)} KB of thin client, no AWS SDK); ` +
      `importing one in a fresh Node process takes ${Math.min(...imports).toFixed(0)}–${Math.max(...imports).toFixed(0)} ms (median per function) against ${base.toFixed(0)} ms for \`node -e 0\`.${cpuLine} ` +
      `${under} within the ${BUNDLE_BUDGET_KB} KB budget, ${overLimit} over the ${BUNDLE_LIMIT_KB} KB limit${baseCpu ? `, ${overImport} over the ${IMPORT_LIMIT_RATIO}× import limit` : ''}; per function in [bench/results/latest.md](bench/results/latest.md).`,
  ].join('\n');
  return [START, '', `Latest run: ${runLine}`, '', cold, '', ...keep.flatMap((s) => [s, '']), END].join('\n');
}

export function updateReadme(): void {
  const readmePath = join(ROOT, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const md = readFileSync(join(ROOT, 'bench/results/latest.md'), 'utf8');
  const latest = JSON.parse(readFileSync(join(ROOT, 'bench/results/latest.json'), 'utf8')) as Latest;
  const from = readme.indexOf(START);
  const to = readme.indexOf(END);
  if (from < 0 || to < from) throw new Error(`README.md has no ${START} … ${END} block`);
  writeFileSync(readmePath, readme.slice(0, from) + readmeBlock(md, latest) + readme.slice(to + END.length));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) updateReadme();
