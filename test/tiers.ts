/**
 * `npm test`: the type check and the test tiers (unit, infra, integration,
 * search, e2e), each in its own process, then how long each took.
 *
 * They run in three stages. The first holds what only computes (type check,
 * unit, infra's synth): side by side, since nothing there waits on a clock.
 * The tiers that drive a local stack come after it, one at a time: their
 * functions have Lambda's timeouts and their race tests send a hundred
 * requests at once, and on a 2-core machine running everything together
 * made them answer 500 (the run of 2026-11-29 failed four integration files
 * that pass alone). None shares a port or data with another (every file
 * starts its own local stack on free ports with its own table), so the order
 * is only about the machine.
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

/** Integration files at once: one per core but one (the stack's functions need the rest); override with TEST_INTEGRATION_WORKERS. */
const integrationWorkers = Number(process.env.TEST_INTEGRATION_WORKERS ?? Math.max(1, availableParallelism() - 1));

/**
 * Browser test files at once. Each holds a browser and a stack but waits on
 * them more than it computes: the tier used 5.2 CPU-minutes in 17.7 minutes
 * one file at a time, and took 12.6 minutes two at a time (both at a load
 * of about 15 from other work); override with TEST_E2E_WORKERS.
 */
const e2eWorkers = Number(process.env.TEST_E2E_WORKERS ?? 2);

/** Stages run in order; the lanes of a stage side by side. */
const STAGES: Lane[][] = [
  [{ name: 'typecheck', command: ['tsc', '--noEmit', '-p', 'tsconfig.json'] }, vitest('unit'), vitest('infra')],
  [vitest('integration', `--maxWorkers=${integrationWorkers}`)],
  // The relevance evaluation: one local stack, 106 queries through the directory function.
  [vitest('search')],
  [vitest('e2e', `--maxWorkers=${e2eWorkers}`)],
];

/** TEST_TIERS=unit,infra runs only those. */
const only = process.env.TEST_TIERS?.split(',').map((t) => t.trim());
const STAGES_RUN = STAGES.map((stage) => (only ? stage.filter((l) => only.includes(l.name)) : stage)).filter((stage) => stage.length > 0);

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
  process.stdout.write(`Running ${STAGES_RUN.map((stage) => stage.map((l) => l.name).join(' + ')).join(', then ')} (integration: ${integrationWorkers} files at once, e2e: ${e2eWorkers})…\n`);
  const outcomes: Outcome[] = [];
  for (const stage of STAGES_RUN) outcomes.push(...(await Promise.all(stage.map((lane) => run(lane, started)))));
  const total = (performance.now() - started) / 1000;
  process.stdout.write('\n| tier | result | seconds |\n|---|---|---:|\n');
  for (const o of outcomes) process.stdout.write(`| ${o.name} | ${o.code === 0 ? 'passed' : 'FAILED'} | ${o.seconds.toFixed(0)} |\n`);
  process.stdout.write(`| all | ${outcomes.every((o) => o.code === 0) ? 'passed' : 'FAILED'} | ${total.toFixed(0)} |\n`);
  return outcomes.every((o) => o.code === 0) ? 0 : 1;
}

process.exitCode = await main();
