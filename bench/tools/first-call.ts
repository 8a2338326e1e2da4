/**
 * A cold start as a visitor meets it: a fresh Node process imports a
 * function's bundle and answers one request against the local stack. Prints
 * the median CPU of the import and of import + first request (the process's
 * own user + system time; the stack answers from this process).
 *
 *   npx tsx bench/tools/first-call.ts [--runs 11] [--against DIR] ReadDirectory SubmitListing ListNetworks
 *
 * The bundles are built from the working tree as lib/bundling.ts builds them.
 * `--against` names a folder of bundles built another way (`<DIR>/<id>/index.mjs`,
 * e.g. from another commit), measured in the same rounds. The import budget
 * (bench/budgets.ts) measures the import alone; this says whether a change
 * saved the work or only moved it into the first request (docs/architecture.md,
 * "Import time").
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUNDLE_FILE, buildBundles } from '../../lib/bundling.js';
import { loadConfig } from '../../lib/config.js';
import { functions } from '../../lib/topology.js';
import { ROOT } from '../../local/stack.js';
import { aListing } from '../../test/fixtures/listings.js';
import { startTestStack } from '../../test/support/stack.js';
import { spread } from '../lib/stats.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const runs = Number(option('runs') ?? 11);
const against = option('against');
const network = loadConfig().networks[0]!.id;

const apiEvent = (method: string, path: string, query: Record<string, string>, body?: unknown) => ({
  version: '2.0',
  routeKey: `${method} ${path}`,
  rawPath: path,
  rawQueryString: new URLSearchParams(query).toString(),
  headers: { host: 'localhost', 'content-type': 'application/json' },
  queryStringParameters: query,
  requestContext: { http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'first-call' }, requestId: 'first-call', routeKey: `${method} ${path}`, stage: '$default', timeEpoch: Date.now() },
  isBase64Encoded: false,
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});
let submitted = 0;
/** The first request each function is measured with: a public one, so no session is needed. */
const FIRST_REQUEST: Record<string, () => unknown> = {
  ReadDirectory: () => apiEvent('GET', '/api/listings', { network }),
  ListNetworks: () => apiEvent('GET', '/api/networks', {}),
  // A new listing each time (an identical one within minutes is the same listing).
  SubmitListing: () => {
    const l = aListing();
    return apiEvent('POST', '/api/listings', { lang: 'fi' }, { ...l, contact: { ...l.contact, phone: `040 ${String(3_000_000 + submitted++).padStart(7, '0')}` } });
  },
};

const ids = args.length ? args : Object.keys(FIRST_REQUEST);
for (const id of ids) if (!FIRST_REQUEST[id]) throw new Error(`No first request for ${id}; known: ${Object.keys(FIRST_REQUEST).join(', ')}`);

const built = mkdtempSync(join(tmpdir(), 'verkosto-first-call-'));
buildBundles(ROOT, Object.fromEntries(ids.map((id) => [id, resolve(ROOT, functions.find((f) => f.id === id)!.entry)])), built);
const builds = { 'working tree': built, ...(against ? { [against]: resolve(against) } : {}) };

interface Measured {
  importCpu: number;
  totalCpu: number;
  status: string;
}
function measure(bundle: string, event: unknown): Promise<Measured> {
  const cpu = (u: string) => `(${u}.user + ${u}.system) / 1000`;
  const script = `const { handler } = await import(${JSON.stringify(pathToFileURL(bundle).href)});
const imported = process.cpuUsage();
const result = await handler(${JSON.stringify(event)}, { awsRequestId: 'first-call', functionName: 'first-call', getRemainingTimeInMillis: () => 10000 });
const done = process.cpuUsage();
console.log(JSON.stringify({ importCpu: ${cpu('imported')}, totalCpu: ${cpu('done')}, status: String(result.statusCode) }));
process.exit(0);`;
  // Not execFileSync: the local stack answers from this process's event loop.
  return new Promise((done) =>
    execFile(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'ERROR' }, encoding: 'utf8' }, (_err, stdout, stderr) => {
      try {
        done(JSON.parse(stdout) as Measured);
      } catch {
        done({ importCpu: NaN, totalCpu: NaN, status: `failed: ${stderr.slice(0, 300)}` });
      }
    }),
  );
}

const stack = await startTestStack();
const results = new Map<string, Measured[]>();
for (let r = 0; r < runs; r++) {
  for (const id of ids) {
    for (const [name, dir] of Object.entries(builds)) {
      const key = `${id}\t${name}`;
      results.set(key, [...(results.get(key) ?? []), await measure(join(dir, id, BUNDLE_FILE), FIRST_REQUEST[id]!())]);
    }
  }
}
await stack.close();

console.log(`| function | build | import CPU ms | import + first request CPU ms | first request | status |\n|---|---|---:|---:|---:|---|`);
for (const [key, ms] of results) {
  const [id, name] = key.split('\t');
  const imp = spread(ms.map((m) => m.importCpu)).median;
  const total = spread(ms.map((m) => m.totalCpu)).median;
  console.log(`| ${id} | ${name} | ${imp.toFixed(1)} | ${total.toFixed(1)} | ${(total - imp).toFixed(1)} | ${[...new Set(ms.map((m) => m.status))].join(', ')} |`);
}
process.exit(0);
