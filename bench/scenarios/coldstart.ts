/** Bundles every function as the CDK stack does and times importing each bundle in a fresh Node process. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile, type Plugin } from 'esbuild';
import { BUNDLE_FILE, buildBundles, lambdaBuildOptions, outputOf } from '../../lib/bundling.js';
import { loadConfig } from '../../lib/config.js';
import { functions } from '../../lib/topology.js';
import { ROOT } from '../../local/stack.js';

export interface ColdStart {
  id: string;
  kb: number;
  /** the five largest packages in the bundle, KB each */
  largest: string;
  /** KB of the bundle that is AWS access: the thin client (functions/shared/aws/) and @aws-sdk/util-dynamodb */
  awsKb: number;
  importMs: number[];
  /** CPU time of the same imports (process.cpuUsage, user + system) */
  importCpuMs: number[];
}

const pkgOf = (path: string) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? 'verkosto';

function largest(meta: Metafile, out: string): string {
  const sizes = new Map<string, number>();
  for (const [path, info] of Object.entries(meta.outputs[out]?.inputs ?? {})) sizes.set(pkgOf(path), (sizes.get(pkgOf(path)) ?? 0) + info.bytesInOutput);
  return [...sizes].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([p, b]) => `${p} ${Math.round(b / 1024)}`).join(', ');
}

/** What reaches AWS: the thin client and the marshalling it uses (the SDK v3, should it come back, counts too). */
const isAwsAccess = (path: string) => path.includes('functions/shared/aws/') || /^(@aws-sdk|@smithy)\//.test(pkgOf(path));

function awsKb(meta: Metafile, out: string): number {
  let bytes = 0;
  for (const [path, info] of Object.entries(meta.outputs[out]?.inputs ?? {})) if (isAwsAccess(path)) bytes += info.bytesInOutput;
  return bytes / 1024;
}

/** Wall time of a fresh Node process, and the CPU time it reports itself (user + system): less swayed by other work on the machine. */
function run(args: string[], env: NodeJS.ProcessEnv): { wall: number; cpu: number } {
  const t = performance.now();
  const out = execFileSync(process.execPath, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return { wall: performance.now() - t, cpu: Number(/CPU (\d+(?:\.\d+)?)/.exec(out)?.[1] ?? NaN) };
}
const REPORT_CPU = "const u = process.cpuUsage(); console.log('CPU ' + (u.user + u.system) / 1000); process.exit(0);";

/** One function built another way: DynamoDB through the AWS SDK v3, bundled or the runtime's. */
export interface SdkVariant {
  build: 'sdk-bundled' | 'runtime-sdk';
  /** the bundle (for the runtime's SDK: without the SDK, which the runtime loads from its own files) */
  kb: number;
  importMs: number[];
  importCpuMs: number[];
}

/** The function the SDK comparison builds: a typical API function with one DynamoDB client. */
export const SDK_COMPARISON_FUNCTION = 'ReadDirectory';

/** Serves the document client with the SDK v3 instead of the thin client: the same function code, the other AWS access. */
const sdkDocumentClient: Plugin = {
  name: 'sdk-document-client',
  setup(b) {
    b.onResolve({ filter: /\/aws\/dynamodb\.js$/ }, (args) => (args.importer.endsWith(join('functions', 'shared', 'dynamo.ts')) ? { path: resolve(ROOT, 'bench/lib/sdk-dynamo.ts') } : undefined));
  },
};

/** Builds the comparison function with the SDK v3: bundled with environment credentials only, or left to the runtime with its default chain. */
async function buildSdkVariant(kind: SdkVariant['build'], entry: string, outdir: string): Promise<string> {
  const options = lambdaBuildOptions(ROOT);
  await build({
    ...options,
    entryPoints: { [`${kind}/index`]: entry },
    outdir,
    plugins: [sdkDocumentClient],
    ...(kind === 'sdk-bundled'
      ? { alias: { ...options.alias, '@aws-sdk/credential-provider-node': './bench/lib/env-credentials.ts' } }
      : // As the Lambda runtime would run it with its own SDK: @aws-sdk/* and @smithy/* stay imports, resolved from
        // node_modules (the folder sits inside it), loaded as the SDK's many unminified files, with its default credential chain.
        { external: ['@aws-sdk/*', '@smithy/*'] }),
  });
  return join(outdir, kind, BUNDLE_FILE);
}

export async function coldStarts(runs: number): Promise<{ baselineMs: number[]; baselineCpuMs: number[]; functions: ColdStart[]; sdkComparison: { id: string; variants: SdkVariant[] } }> {
  const dir = mkdtempSync(join(tmpdir(), 'verkosto-bundles-'));
  // The one esbuild build CDK deploys (lib/bundling.ts), so the bench measures what ships.
  const built = buildBundles(ROOT, Object.fromEntries(functions.map((f) => [f.id, resolve(ROOT, f.entry)])), dir);
  const bundleOf = (id: string) => join(dir, id, BUNDLE_FILE);
  // Inside node_modules, so the runtime-SDK build's imports resolve to the installed SDK.
  mkdirSync(join(ROOT, 'node_modules', '.cache'), { recursive: true });
  const variantDir = mkdtempSync(join(ROOT, 'node_modules', '.cache', 'verkosto-sdk-variants-'));
  const comparisonEntry = resolve(ROOT, functions.find((f) => f.id === SDK_COMPARISON_FUNCTION)!.entry);
  const variantFiles = new Map<SdkVariant, string>();
  for (const kind of ['sdk-bundled', 'runtime-sdk'] as const) {
    const file = await buildSdkVariant(kind, comparisonEntry, variantDir);
    variantFiles.set({ build: kind, kb: statSync(file).size / 1024, importMs: [], importCpuMs: [] }, file);
  }
  const config = loadConfig(join(ROOT, 'config/verkosto.config.json'));
  const keyFile = join(dir, 'token-keys.json');
  const networksFile = join(dir, 'networks.json');
  writeFileSync(networksFile, JSON.stringify(config.networks));
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
    NETWORKS_FILE: networksFile,
    TOKEN_KEY_FILE: keyFile,
    DIGEST_QUEUE_URL: 'http://127.0.0.1:9/000000000000/DigestBatches',
    SEND_RATE_PER_SECOND: String(config.mail.sendRatePerSecond),
    SENDER_CONCURRENCY: '2',
    DIRECTORY_SNAPSHOT_BUCKET: 'verkosto-bench-snapshots',
    POWERTOOLS_LOG_LEVEL: 'ERROR',
  };
  const importArgs = (file: string) => ['--input-type=module', '-e', `await import(${JSON.stringify(pathToFileURL(file).href)}); ${REPORT_CPU}`];
  // The first import writes the key file; every timed import only reads it.
  execFileSync(process.execPath, importArgs(bundleOf(functions[0]!.id)), { env, stdio: 'ignore' });
  writeFileSync(join(dir, '.done'), '');
  const baselineMs: number[] = [];
  const baselineCpuMs: number[] = [];
  const out: ColdStart[] = functions.map((f) => {
    const output = outputOf(built, f.id);
    return { id: f.id, kb: statSync(bundleOf(f.id)).size / 1024, largest: largest(built.metafile, output), awsKb: awsKb(built.metafile, output), importMs: [], importCpuMs: [] };
  });
  for (let r = 0; r < runs; r++) {
    const bare = run(['--input-type=module', '-e', REPORT_CPU], env);
    baselineMs.push(bare.wall);
    baselineCpuMs.push(bare.cpu);
    for (const f of out) {
      const m = run(importArgs(bundleOf(f.id)), env);
      f.importMs.push(m.wall);
      f.importCpuMs.push(m.cpu);
    }
    for (const [v, file] of variantFiles) {
      const m = run(importArgs(file), env);
      v.importMs.push(m.wall);
      v.importCpuMs.push(m.cpu);
    }
  }
  rmSync(variantDir, { recursive: true, force: true });
  return { baselineMs, baselineCpuMs, functions: out, sdkComparison: { id: SDK_COMPARISON_FUNCTION, variants: [...variantFiles.keys()] } };
}
