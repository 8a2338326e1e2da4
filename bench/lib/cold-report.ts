/**
 * The cold-start sections of the bench report: every function's bundle and
 * import figures with its five largest packages, and the runtime-SDK comparison.
 */
import { BUNDLE_BUDGET_KB, bundleVerdict } from '../budgets.js';
import type { coldStarts } from '../scenarios/coldstart.js';
import { fmt, spread } from './stats.js';

export function coldStartMarkdown(cold: Awaited<ReturnType<typeof coldStarts>>, runs: number): string[] {
  const md: string[] = [];
  const baseline = spread(cold.baselineMs);
  const baselineCpu = spread(cold.baselineCpuMs);
  md.push(`## Cold start (${runs} runs)`, '', `Bare \`node -e 0\`: ${fmt(baseline, 0)} ms wall, ${fmt(baselineCpu, 0)} ms CPU. Import is the wall time of a fresh Node process importing the bundle; CPU is the time that process reports itself (user + system), which other work on the machine sways less. Budget: bundles under ${BUNDLE_BUDGET_KB} KB; a bundle over it is allowed when it is under the budget without the AWS SDK v3, which the design bundles into every function (bench/budgets.ts).`, '');
  md.push('| function | bundle KB | without SDK KB | import ms | × node -e 0 | import CPU ms | × node CPU | budget | top five packages (KB) |', '|---|---:|---:|---:|---:|---:|---:|---|---|');
  for (const f of cold.functions) {
    const s = spread(f.importMs);
    const c = spread(f.importCpuMs);
    md.push(`| ${f.id} | ${f.kb.toFixed(0)} | ${(f.kb - f.sdkKb).toFixed(0)} | ${fmt(s, 0)} | ${(s.median / baseline.median).toFixed(1)} | ${fmt(c, 0)} | ${(c.median / baselineCpu.median).toFixed(1)} | ${bundleVerdict(f.id, f.kb, f.sdkKb).note} | ${f.largest} |`);
  }
  {
    const bundled = cold.functions.find((f) => f.id === cold.runtimeSdk.id)!;
    const b = spread(bundled.importMs);
    const r = spread(cold.runtimeSdk.importMs);
    const bc = spread(bundled.importCpuMs);
    const rc = spread(cold.runtimeSdk.importCpuMs);
    const faster = rc.median < bc.median ? 'the runtime\'s SDK' : 'the bundled SDK';
    md.push('', `## Runtime SDK vs bundled (${cold.runtimeSdk.id}, ${runs} runs)`, '');
    md.push(`The same function built twice: the AWS SDK bundled (as deployed), and the SDK left as imports that resolve to the installed SDK, as the Lambda runtime's own SDK would be loaded (many unminified files, the default credential chain). Measured in the same loop as the table above.`, '');
    md.push('| build | bundle KB | import ms | × node -e 0 | import CPU ms | × node CPU |', '|---|---:|---:|---:|---:|---:|');
    md.push(`| SDK bundled (deployed) | ${bundled.kb.toFixed(0)} | ${fmt(b, 0)} | ${(b.median / baseline.median).toFixed(1)} | ${fmt(bc, 0)} | ${(bc.median / baselineCpu.median).toFixed(1)} |`);
    md.push(`| runtime's SDK | ${cold.runtimeSdk.kb.toFixed(0)} + the runtime's | ${fmt(r, 0)} | ${(r.median / baseline.median).toFixed(1)} | ${fmt(rc, 0)} | ${(rc.median / baselineCpu.median).toFixed(1)} |`);
    md.push('', `Result: ${faster} imports with less CPU here, by ${Math.abs(bc.median - rc.median).toFixed(0)} ms (median; wall: ${b.median.toFixed(0)} ms bundled, ${r.median.toFixed(0)} ms runtime's).`);
  }
  return md;
}
