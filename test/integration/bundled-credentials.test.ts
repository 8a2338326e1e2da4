/**
 * The bundles that deploy, run as Lambda runs them (a fresh Node process
 * importing index.mjs): their AWS client (functions/shared/aws/) takes
 * credentials from the environment only, where Lambda puts the role's.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_FILE, buildBundles } from '../../lib/bundling.js';
import { loadConfig } from '../../lib/config.js';
import { functions } from '../../lib/topology.js';
import { ROOT } from '../../local/stack.js';
import { startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
let bundle: string;
const network = loadConfig().networks[0]!.id;

beforeAll(async () => {
  stack = await startTestStack();
  const spec = functions.find((f) => f.id === 'ReadDirectory')!;
  const dir = mkdtempSync(join(tmpdir(), 'verkosto-bundle-test-'));
  buildBundles(ROOT, { [spec.id]: join(ROOT, spec.entry) }, dir);
  bundle = join(dir, spec.id, BUNDLE_FILE);
  // esbuild and a whole local stack: more than the tier's 60 s on a machine busy with other tiers.
}, 180_000);
afterAll(() => stack?.close());

/** Imports the bundle in a fresh process and calls its handler with a directory search, as API Gateway would. */
async function searchDirectory(env: NodeJS.ProcessEnv): Promise<{ statusCode?: number; output: string }> {
  const event = {
    version: '2.0',
    routeKey: 'GET /api/listings',
    rawPath: '/api/listings',
    rawQueryString: `network=${network}`,
    headers: { host: 'localhost' },
    queryStringParameters: { network },
    requestContext: { http: { method: 'GET', path: '/api/listings', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' }, requestId: 'bundle-test', routeKey: 'GET /api/listings', stage: '$default', timeEpoch: Date.now() },
    isBase64Encoded: false,
  };
  const script = `const { handler } = await import(${JSON.stringify(pathToFileURL(bundle).href)});
const result = await handler(${JSON.stringify(event)}, { awsRequestId: 'bundle-test', functionName: 'ReadDirectory', getRemainingTimeInMillis: () => 10000 });
console.log('STATUS ' + result.statusCode);`;
  // Not spawnSync: the local stack answers from this process's event loop.
  const output = await new Promise<string>((resolve) => {
    execFile(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8', timeout: 30_000 }, (_err, stdout, stderr) => resolve(`${stdout}${stderr}`));
  });
  const status = /STATUS (\d+)/.exec(output)?.[1];
  return { ...(status ? { statusCode: Number(status) } : {}), output };
}

describe('a bundled function', () => {
  it('reaches DynamoDB with the credentials in its environment', async () => {
    const result = await searchDirectory({ ...process.env });

    expect(result.statusCode, result.output).toBe(200);
  });

  it('does not fall back to a shared credentials file when the environment has none', async () => {
    // A credentials file the SDK's default chain would use.
    const home = mkdtempSync(join(tmpdir(), 'verkosto-home-'));
    writeFileSync(join(home, 'credentials'), '[default]\naws_access_key_id = local\naws_secret_access_key = local\n');
    const { AWS_ACCESS_KEY_ID: _id, AWS_SECRET_ACCESS_KEY: _secret, AWS_SESSION_TOKEN: _token, ...rest } = process.env;

    const result = await searchDirectory({ ...rest, AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'), AWS_PROFILE: 'default', AWS_EC2_METADATA_DISABLED: 'true' });

    expect(result.statusCode, result.output).toBe(500);
    expect(result.output).toMatch(/environment variable credentials/i);
  });
});
