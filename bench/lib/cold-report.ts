/**
 * The cold-start sections of the bench report: every function's bundle and
 * import figures with its five largest packages, and one function built with
 * the AWS SDK v3 (bundled, and the runtime's) against the thin client.
 */
import { BUNDLE_BUDGET_KB, BUNDLE_LIMIT_KB, bundleVerdict, IMPORT_GOAL_RATIO, IMPORT_LIMIT_RATIO, importVerdict } from '../budgets.js';
import type { coldStarts } from '../scenarios/coldstart.js';
import { fmt, spread } from './stats.js';

type Cold = Awaited<ReturnType<typeof coldStarts>>;

/** A function's median import CPU time as a multiple of a bare Node start's in the same run: what the import budget checks. */
export const importRatio = (cold: Pick<Cold, 'baselineCpuMs'>, importCpuMs: number[]) => spread(importCpuMs).median / spread(cold.baselineCpuMs).median;

export function coldStartMarkdown(cold: Cold, runs: number): string[] {
  const md: string[] = [];
  const baseline = spread(cold.baselineMs);
  const baselineCpu = spread(cold.baselineCpuMs);
  md.push(
    `## Cold start (${runs} runs)`,
    '',
    `Bare \`node -e 0\`: ${fmt(baseline, 0)} ms wall, ${fmt(baselineCpu, 0)} ms CPU. Import is the wall time of a fresh Node process importing the bundle; CPU is the time that process reports itself (user + system), which other work on the machine sways less. ` +
      `Budgets (bench/budgets.ts): bundles ≤ ${BUNDLE_BUDGET_KB} KB, the check fails over ${BUNDLE_LIMIT_KB} KB; median import CPU ≤ ${IMPORT_LIMIT_RATIO}× a bare Node start's (goal ${IMPORT_GOAL_RATIO}×). ` +
      `Bundles include their AWS access: the thin client in functions/shared/aws/ and @aws-sdk/util-dynamodb ("AWS KB"), no AWS SDK v3.`,
    '',
  );
  md.push('| function | bundle KB | AWS KB | import ms | × node -e 0 | import CPU ms | × node CPU | bundle budget | import budget | top five packages (KB) |', '|---|---:|---:|---:|---:|---:|---:|---|---|---|');
  for (const f of cold.functions) {
    const s = spread(f.importMs);
    const c = spread(f.importCpuMs);
    const ratio = importRatio(cold, f.importCpuMs);
    md.push(`| ${f.id} | ${f.kb.toFixed(0)} | ${f.awsKb.toFixed(0)} | ${fmt(s, 0)} | ${(s.median / baseline.median).toFixed(1)} | ${fmt(c, 0)} | ${ratio.toFixed(1)} | ${bundleVerdict(f.id, f.kb).note} | ${importVerdict(ratio).note} | ${f.largest} |`);
  }
  const { id, variants } = cold.sdkComparison;
  const thin = cold.functions.find((f) => f.id === id)!;
  const label = { 'sdk-bundled': 'AWS SDK v3 bundled (environment credentials only, as deployed before)', 'runtime-sdk': "AWS SDK v3 of the runtime (default chain)" } as const;
  const rows = [{ name: 'thin client (deployed)', kb: thin.kb.toFixed(0), importMs: thin.importMs, importCpuMs: thin.importCpuMs }, ...variants.map((v) => ({ name: label[v.build], kb: v.build === 'runtime-sdk' ? `${v.kb.toFixed(0)} + the runtime's` : v.kb.toFixed(0), importMs: v.importMs, importCpuMs: v.importCpuMs }))];
  md.push('', `## AWS access: thin client vs the SDK v3 (${id}, ${runs} runs)`, '');
  md.push(`The same function code built three ways: DynamoDB through the thin client (as deployed), through @aws-sdk/lib-dynamodb bundled, and through the SDK left as imports that resolve to the installed SDK, as the Lambda runtime's own SDK would be loaded (many unminified files). Measured in the same loop as the table above.`, '');
  md.push('| build | bundle KB | import ms | × node -e 0 | import CPU ms | × node CPU |', '|---|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const w = spread(r.importMs);
    const c = spread(r.importCpuMs);
    md.push(`| ${r.name} | ${r.kb} | ${fmt(w, 0)} | ${(w.median / baseline.median).toFixed(1)} | ${fmt(c, 0)} | ${(c.median / baselineCpu.median).toFixed(1)} |`);
  }
  const cpu = rows.map((r) => ({ name: r.name, ms: spread(r.importCpuMs).median }));
  const best = cpu.reduce((a, b) => (b.ms < a.ms ? b : a));
  md.push('', `Result: ${best.name} imports with the least CPU here (median: ${cpu.map((r) => `${r.ms.toFixed(0)} ms ${r.name.split(' (')[0]}`).join(', ')}).`);
  return md;
}
