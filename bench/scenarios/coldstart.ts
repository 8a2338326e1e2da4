/** Bundles every function as the CDK stack does and times importing each bundle in a fresh Node process. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Metafile } from 'esbuild';
import { BUNDLE_FILE, buildBundles, outputOf } from '../../lib/bundling.js';
import { loadConfig } from '../../lib/config.js';
import { functions } from '../../lib/topology.js';
import { ROOT } from '../../local/stack.js';

export interface ColdStart {
  id: string;
  kb: number;
  /** the three largest packages in the bundle, KB each */
  largest: string;
  /** KB of the bundle that is the AWS SDK v3 (clients, Smithy runtime, credential chain) */
  sdkKb: number;
  importMs: number[];
}

const pkgOf = (path: string) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? 'verkosto';

function largest(meta: Metafile, out: string): string {
  const sizes = new Map<string, number>();
  for (const [path, info] of Object.entries(meta.outputs[out]?.inputs ?? {})) sizes.set(pkgOf(path), (sizes.get(pkgOf(path)) ?? 0) + info.bytesInOutput);
  return [...sizes].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([p, b]) => `${p} ${Math.round(b / 1024)}`).join(', ');
}

/** The AWS SDK v3 and what only it depends on (the DynamoDB endpoint cache's mnemonist). */
const SDK_PACKAGE = /^(@aws-sdk|@smithy|@aws)\/|^(mnemonist|obliterator)$/;

function sdkKb(meta: Metafile, out: string): number {
  let bytes = 0;
  for (const [path, info] of Object.entries(meta.outputs[out]?.inputs ?? {})) if (SDK_PACKAGE.test(pkgOf(path))) bytes += info.bytesInOutput;
  return bytes / 1024;
}

function wallMs(args: string[], env: NodeJS.ProcessEnv): number {
  const t = performance.now();
  execFileSync(process.execPath, args, { env, stdio: 'ignore' });
  return performance.now() - t;
}

export async function coldStarts(runs: number): Promise<{ baselineMs: number[]; functions: ColdStart[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'verkosto-bundles-'));
  // The one esbuild build CDK deploys (lib/bundling.ts), so the bench measures what ships.
  const built = buildBundles(ROOT, Object.fromEntries(functions.map((f) => [f.id, resolve(ROOT, f.entry)])), dir);
  const bundleOf = (id: string) => join(dir, id, BUNDLE_FILE);
  const config = loadConfig(join(ROOT, 'config/verkosto.config.json'));
  const keyFile = join(dir, 'token-keys.json');
  // Harmless values for what handlers parse at module scope; nothing is called at import but the key file.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    AWS_REGION: config.region,
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    TABLE_NAME: 'verkosto',
    EVENT_BUS_NAME: 'verkosto',
    EVENT_BUS_ARN: `arn:aws:events:${config.region}:000000000000:event-bus/verkosto`,
    SCHEDULER_ROLE_ARN: 'arn:aws:iam::000000000000:role/bench',
    MAIL_SENDER: config.mail.sender,
    MAIL_CONFIGURATION_SET: 'verkosto-bench',
    SITE_URL: 'http://localhost:3000',
    NETWORKS: JSON.stringify(config.networks),
    TOKEN_KEY_FILE: keyFile,
    DIGEST_QUEUE_URL: 'http://127.0.0.1:9/000000000000/DigestBatches',
    SEND_RATE_PER_SECOND: String(config.mail.sendRatePerSecond),
    SENDER_CONCURRENCY: '2',
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: 'ERROR',
  };
  const importArgs = (file: string) => ['--input-type=module', '-e', `await import(${JSON.stringify(pathToFileURL(file).href)}); process.exit(0);`];
  // The first import writes the key file; every timed import only reads it.
  execFileSync(process.execPath, importArgs(bundleOf(functions[0]!.id)), { env, stdio: 'ignore' });
  writeFileSync(join(dir, '.done'), '');
  const baselineMs: number[] = [];
  const out: ColdStart[] = functions.map((f) => {
    const output = outputOf(built, f.id);
    return { id: f.id, kb: statSync(bundleOf(f.id)).size / 1024, largest: largest(built.metafile, output), sdkKb: sdkKb(built.metafile, output), importMs: [] };
  });
  for (let r = 0; r < runs; r++) {
    baselineMs.push(wallMs(['-e', '0'], env));
    for (const f of out) f.importMs.push(wallMs(importArgs(bundleOf(f.id)), env));
  }
  return { baselineMs, functions: out };
}
