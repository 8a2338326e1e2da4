/**
 * `npm test`: the type check and the test tiers (unit, infra, integration, search, e2e) side by side, each in
 * its own vitest process, then how long each took. They can run together
 * because none shares a port or data with another: every integration and
 * browser test file starts its own local stack on free ports with its own
 * table (test/support/stack.ts), and the infra tier only synthesises.
 * Integration files mostly wait on the local stack, so that tier runs more
 * files at once than the machine has cores.
 *
 * Each tier's output is printed whole when it ends, so the logs do not
 * interleave. `npm test -- <vitest args>` runs plain vitest instead;
 * TEST_TIERS=typecheck,unit runs only the tiers named.
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

interface Lane {
  name: string;
  command: string[];
}

const vitest = (project: string, ...extra: string[]): Lane => ({ name: project, command: ['vitest', 'run', '--project', project, ...extra] });

/** Integration files at once; override with TEST_INTEGRATION_WORKERS. */
const integrationWorkers = Number(process.env.TEST_INTEGRATION_WORKERS ?? Math.max(3, availableParallelism()));

const ALL_LANES: Lane[] = [
  { name: 'typecheck', command: ['tsc', '--noEmit', '-p', 'tsconfig.json'] },
  vitest('unit'),
  vitest('infra'),
  vitest('integration', `--maxWorkers=${integrationWorkers}`),
  // The relevance evaluation: one local stack, 106 queries through the directory function.
  vitest('search'),
  vitest('e2e'),
];

/** TEST_TIERS=unit,infra runs only those. */
const only = process.env.TEST_TIERS?.split(',').map((t) => t.trim());
const LANES = only ? ALL_LANES.filter((l) => only.includes(l.name)) : ALL_LANES;

interface Outcome {
  name: string;
  code: number;
  seconds: number;
}

function run(lane: Lane, started: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const t = performance.now();
    const [bin, ...args] = lane.command;
    const child = spawn(bin!, args, { stdio: ['ignore', 'pipe', 'pipe'], shell: false });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    child.on('close', (code, signal) => {
      const seconds = (performance.now() - t) / 1000;
      const status = code === 0 ? 'passed' : `FAILED (${signal ?? `exit ${code}`})`;
      process.stdout.write(`\n===== ${lane.name}: ${status} in ${seconds.toFixed(0)} s (ended at +${((performance.now() - started) / 1000).toFixed(0)} s) =====\n`);
      process.stdout.write(Buffer.concat(chunks));
      resolve({ name: lane.name, code: code ?? 1, seconds });
    });
    child.on('error', (err) => {
      process.stdout.write(`\n===== ${lane.name}: could not start ${bin}: ${err.message} =====\n`);
      resolve({ name: lane.name, code: 1, seconds: 0 });
    });
  });
}

async function main(): Promise<number> {
  const passThrough = process.argv.slice(2);
  if (passThrough.length > 0) {
    const child = spawn('vitest', ['run', ...passThrough], { stdio: 'inherit' });
    return new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));
  }
  const started = performance.now();
  process.stdout.write(`Running ${LANES.map((l) => l.name).join(', ')} side by side (integration: ${integrationWorkers} files at once)…\n`);
  const outcomes = await Promise.all(LANES.map((lane) => run(lane, started)));
  const total = (performance.now() - started) / 1000;
  process.stdout.write('\n| tier | result | seconds |\n|---|---|---:|\n');
  for (const o of outcomes) process.stdout.write(`| ${o.name} | ${o.code === 0 ? 'passed' : 'FAILED'} | ${o.seconds.toFixed(0)} |\n`);
  process.stdout.write(`| all (side by side) | ${outcomes.every((o) => o.code === 0) ? 'passed' : 'FAILED'} | ${total.toFixed(0)} |\n`);
  return outcomes.every((o) => o.code === 0) ? 0 : 1;
}

process.exitCode = await main();
