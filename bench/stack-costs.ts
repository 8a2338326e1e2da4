import { readdirSync, readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { addVerkosto } from '../lib/app.js';
import { loadConfig } from '../lib/config.js';
import { buildSite } from '../web/build.js';
import { fixedCosts, type CostLine, type FixedPrices } from './fixed-costs.js';

const ROOT = join(import.meta.dirname, '..');

/** Distinct custom metrics the functions publish (Powertools addMetric calls), plus SES's send count. */
export function customMetricNames(): string[] {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.name.endsWith('.ts')) for (const m of readFileSync(join(dir, e.name), 'utf8').matchAll(/addMetric\('([A-Za-z]+)'/g)) names.add(m[1]!);
    }
  };
  walk(join(ROOT, 'functions'));
  return [...names, 'AWS/SES Send (configuration set)'].sort();
}

/** The shipped config's stacks, synthesised without bundling, priced by bench/fixed-costs.ts. */
export async function stackFixedCosts(prices: FixedPrices, secretReads: number): Promise<CostLine[]> {
  const outdir = mkdtempSync(join(tmpdir(), 'verkosto-bench-synth-'));
  const siteDir = join(outdir, 'site');
  await buildSite(siteDir);
  const context = (JSON.parse(readFileSync(join(ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;
  const app = new App({ outdir, context: { ...context, 'aws:cdk:bundling-stacks': [] } });
  const stacks = addVerkosto(app, loadConfig(join(ROOT, 'config/verkosto.config.json')), { siteDir });
  const assembly = app.synth();
  const templates = [stacks.stack, stacks.budgetStack, ...(stacks.certificateStack ? [stacks.certificateStack] : [])].map(
    (s) => (assembly.getStackByName(s.stackName).template as { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> }).Resources,
  );
  return fixedCosts(templates, prices, { customMetrics: customMetricNames().length, secretReads });
}
