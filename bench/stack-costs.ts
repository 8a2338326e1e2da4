import { readdirSync, readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { addVerkosto } from '../lib/app.js';
import { loadConfig, type OperatorConfig } from '../lib/config.js';
import { buildSite } from '../web/build.js';
import { fixedCosts, type CostLine, type FixedPrices } from './fixed-costs.js';

const ROOT = join(import.meta.dirname, '..');

/** Distinct custom metrics the functions publish (Powertools addMetric calls); SES's are counted from the template. */
export function customMetricNames(): string[] {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.name.endsWith('.ts')) for (const m of readFileSync(join(dir, e.name), 'utf8').matchAll(/addMetric\('([A-Za-z]+)'/g)) names.add(m[1]!);
    }
  };
  walk(join(ROOT, 'functions'));
  return [...names].sort();
}

/** The config switches that change the fixed costs, as the bill states them. */
export function costSwitches(config: OperatorConfig): Record<string, boolean> {
  return { dashboard: config.dashboard, alertTopicKey: config.alertTopicKey, perFunctionAlarms: config.perFunctionAlarms, tracing: config.tracing, cdnAccessLogs: config.cdnAccessLogs };
}

/** The goal for the reference network, all in, without any free tier. */
export const MONTHLY_GOAL_USD = 5;

export interface UsageLine {
  item: string;
  quantity: string;
  price: string;
  cost: number;
}

/**
 * The monthly bill as markdown: usage (variable) lines, the stack's fixed
 * lines, the total without free tier, what the always-free tier would take
 * off, the config it was priced with, and the goal.
 */
export function billMarkdown(usage: readonly UsageLine[], fixed: readonly CostLine[], switches: Record<string, boolean>, prices: { dashboardMonth: number; kmsKeyMonth: number; customMetricMonth: number }): string[] {
  const usd = (x: number) => `$${x.toFixed(x < 1 ? 4 : 2)}`;
  const variable = usage.reduce((n, l) => n + l.cost, 0);
  const fixedTotal = fixed.reduce((n, l) => n + l.cost, 0);
  const total = variable + fixedTotal;
  const free = fixed.reduce((n, l) => n + l.free, 0);
  const md = ['| item | quantity | price | cost |', '|---|---:|---:|---:|'];
  for (const l of usage) md.push(`| ${l.item} | ${l.quantity} | ${l.price} | ${usd(l.cost)} |`);
  md.push(`| *variable (usage) subtotal* | | | *${usd(variable)}* |`);
  for (const l of fixed) md.push(`| ${l.item} | ${l.quantity} | ${l.price} | ${usd(l.cost)} |`);
  md.push(`| *fixed subtotal* | | | *${usd(fixedTotal)}* |`);
  md.push(`| **total, without free tier** | | | **${usd(total)}** |`, '');
  md.push(
    `Priced with the shipped config/verkosto.config.json: ${Object.entries(switches).map(([k, v]) => `\`${k}: ${v}\``).join(', ')}. ` +
      `Turning on \`dashboard\` adds ${usd(prices.dashboardMonth + prices.customMetricMonth)} (the dashboard and its per-stack email count), \`alertTopicKey\` ${usd(prices.kmsKeyMonth)} (the topic's KMS key).`,
    '',
    `Free tier: none of it is in the lines above. The always-free tier would take ${usd(free)} off${free > 0 ? ` (${fixed.filter((l) => l.free > 0).map((l) => l.freeNote).join('; ')})` : ''}, leaving ${usd(total - free)}, if no other stack in the account uses those allowances. The usage lines are priced in full.`,
    '',
    `Goal: $${MONTHLY_GOAL_USD.toFixed(2)} a month all in, without free tier: ${total <= MONTHLY_GOAL_USD ? `**met** ($${(MONTHLY_GOAL_USD - total).toFixed(2)} to spare)` : `**not met** ($${(total - MONTHLY_GOAL_USD).toFixed(2)} over)`}.`,
  );
  return md;
}

/** The shipped config's stacks, synthesised without bundling, priced by bench/fixed-costs.ts. */
export async function stackFixedCosts(prices: FixedPrices, secretReads: number, config: OperatorConfig = loadConfig(join(ROOT, 'config/verkosto.config.json'))): Promise<CostLine[]> {
  const outdir = mkdtempSync(join(tmpdir(), 'verkosto-bench-synth-'));
  const siteDir = join(outdir, 'site');
  await buildSite(siteDir);
  const context = (JSON.parse(readFileSync(join(ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;
  const app = new App({ outdir, context: { ...context, 'aws:cdk:bundling-stacks': [] } });
  const stacks = addVerkosto(app, config, { siteDir });
  const assembly = app.synth();
  const templates = [stacks.stack, stacks.budgetStack, ...(stacks.certificateStack ? [stacks.certificateStack] : [])].map(
    (s) => (assembly.getStackByName(s.stackName).template as { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> }).Resources,
  );
  return fixedCosts(templates, prices, { customMetrics: customMetricNames().length, secretReads });
}
