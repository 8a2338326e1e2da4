/**
 * `npm run bench:cost`: the monthly bill again, without running the whole
 * bench. The usage lines are the last full run's (bench/results/latest.json,
 * measured per operation); the fixed lines are counted afresh from the
 * stacks the shipped config synthesises, so a change to alarms, keys or the
 * dashboard is priced at once. Writes bench/results/cost.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../lib/config.js';
import type { FixedPrices } from './fixed-costs.js';
import { billMarkdown, costSwitches, stackFixedCosts, type UsageLine } from './stack-costs.js';

const ROOT = join(import.meta.dirname, '..');
const prices = JSON.parse(readFileSync(join(ROOT, 'bench/prices.json'), 'utf8')) as FixedPrices & { date: string };
const latest = JSON.parse(readFileSync(join(ROOT, 'bench/results/latest.json'), 'utf8')) as { at: string; cost: { lines: UsageLine[] } };
const config = loadConfig(join(ROOT, 'config/verkosto.config.json'));
const usage = latest.cost.lines;
const lambdaRequests = Number((usage.find((l) => l.item === 'Lambda requests')?.quantity ?? '0').replaceAll(',', ''));
// Key reads are at most one per invocation (a cold start or a 5-minute refresh), as bench/run.ts prices them.
const fixed = await stackFixedCosts(prices, lambdaRequests, config);
const md = [
  `# Monthly cost of the reference network`,
  '',
  `Usage measured by the full bench of ${latest.at} (bench/results/latest.md); fixed costs counted from the stacks synthesised now; prices of ${prices.date} (bench/prices.json), eu-north-1.`,
  '',
  ...billMarkdown(usage, fixed, costSwitches(config), prices),
  '',
];
writeFileSync(join(ROOT, 'bench/results/cost.md'), md.join('\n'));
process.stdout.write(md.join('\n'));
