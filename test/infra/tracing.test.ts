/**
 * X-Ray is one config switch, `tracing`: with it on every function traces
 * actively, may write to X-Ray, and bundles Powertools Tracer in its middy
 * chain; with it off (the default) none of that, and the Tracer's ~126 KB
 * are not in any bundle. Two small stacks (an HTTP function and an event
 * consumer, plus the stack's rotation function) are synthesised and bundled
 * for real, once each way.
 */
import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../functions/shared/env.js';
import { loadConfig, parseConfig } from '../../lib/config.js';
import { BUNDLE_FILE } from '../../lib/bundling.js';
import type { FunctionSpec } from '../../lib/topology.js';
import { referencedIds, resourcesOf, type Resource, synthesise, type Synthesised, unacknowledged } from './synth.js';

const topology: FunctionSpec[] = [
  { id: 'Alpha', entry: 'functions/networks/list.handler.ts', description: 'test: an HTTP function', routes: [{ method: 'GET', path: '/api/alpha' }], access: { networks: true } },
  {
    id: 'Beta',
    entry: 'functions/listings/store-pending.handler.ts',
    description: 'test: an event consumer',
    rules: [{ id: 'BetaSubmitted', pattern: { source: ['verkosto'], 'detail-type': ['Listing.Submitted'] } }],
    access: { table: 'readwrite' },
  },
];

/** Strings only the X-Ray SDK and Tracer's fetch instrumentation put in a bundle. */
const XRAY_SDK = 'AWS_XRAY_DAEMON_ADDRESS';
const FETCH_TRACING = 'undici:request:create';

interface Built {
  synth: Synthesised;
  resources: Record<string, Resource>;
  /** Logical id of every Node function of the stack: the topology's and the rotation function. */
  functionIds: string[];
  bundle: (logicalId: string) => string;
}

function build(tracing: boolean | undefined): Built {
  const raw = { ...loadConfig() } as Record<string, unknown>;
  if (tracing === undefined) delete raw.tracing;
  else raw.tracing = tracing;
  const synth = synthesise({ config: parseConfig(raw), topology });
  const resources = resourcesOf(synth.template);
  const functionIds = Object.entries(resources)
    .filter(([, r]) => r.Type === 'AWS::Lambda::Function' && r.Properties.Runtime === 'nodejs24.x')
    .map(([id]) => id);
  const bundle = (id: string) => join(synth.outdir, (resources[id]!.Metadata ?? {})['aws:asset:path'] as string, BUNDLE_FILE);
  return { synth, resources, functionIds, bundle };
}

const xrayActions = (b: Built) =>
  Object.values(b.resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy')
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Array<{ Action: string | string[] }> }).Statement)
    .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]))
    .filter((a) => a.startsWith('xray:'));

let off: Built;
let on: Built;

beforeAll(() => {
  off = build(undefined);
  on = build(true);
});

describe('tracing off (the config default)', () => {
  it('is what a config without `tracing` gets', () => {
    expect(off.synth.stack.functions.bundles.switches.tracing).toBe(false);
  });

  it('leaves every function untraced, the rotation function too', () => {
    expect(off.functionIds).toHaveLength(3);
    for (const id of off.functionIds) expect(off.resources[id]!.Properties.TracingConfig?.valueOf() ?? { Mode: 'PassThrough' }, id).toEqual({ Mode: 'PassThrough' });
  });

  it('grants nobody X-Ray', () => {
    expect(xrayActions(off)).toEqual([]);
  });

  it('bundles no Tracer: its import is dead code and esbuild drops it', () => {
    for (const id of off.functionIds) {
      const code = readFileSync(off.bundle(id), 'utf8');
      expect(code.includes(XRAY_SDK), id).toBe(false);
      expect(code.includes(FETCH_TRACING), id).toBe(false);
    }
  });

  it('passes cdk-nag with nothing unacknowledged', () => {
    expect(off.synth.error?.message).toBeUndefined();
    expect(unacknowledged(off.synth.report)).toEqual([]);
  });
});

describe('tracing on (config `tracing: true`)', () => {
  it('traces every function actively, the rotation function too', () => {
    expect(on.functionIds).toHaveLength(3);
    for (const id of on.functionIds) expect(on.resources[id]!.Properties.TracingConfig, id).toEqual({ Mode: 'Active' });
  });

  it('lets every function write its segments to X-Ray', () => {
    const roles = new Set(on.functionIds.flatMap((id) => referencedIds(on.resources[id]!.Properties.Role)));
    for (const role of roles) {
      const actions = Object.values(on.resources)
        .filter((r) => r.Type === 'AWS::IAM::Policy' && referencedIds(r.Properties.Roles).includes(role))
        .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Array<{ Action: string | string[] }> }).Statement)
        .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
      expect(actions, role).toEqual(expect.arrayContaining(['xray:PutTraceSegments', 'xray:PutTelemetryRecords']));
    }
  });

  it('bundles the Tracer into every function, with its fetch instrumentation', () => {
    for (const id of on.functionIds) {
      const code = readFileSync(on.bundle(id), 'utf8');
      expect(code.includes(XRAY_SDK), id).toBe(true);
      expect(code.includes(FETCH_TRACING), id).toBe(true);
      // The same function, built by the same settings: only the switch differs.
      expect(statSync(on.bundle(id)).size, id).toBeGreaterThan(statSync(off.bundle(id)).size);
    }
  });

  it('passes cdk-nag with nothing unacknowledged', () => {
    expect(on.synth.error?.message).toBeUndefined();
    expect(unacknowledged(on.synth.report)).toEqual([]);
  });

  it('sends the handler’s segment to the X-Ray daemon when the bundle runs in Lambda, without the response', async () => {
    // The X-Ray SDK sends finished segments over UDP to the daemon Lambda runs beside the function.
    const daemon = createSocket('udp4');
    const documents: Array<Record<string, unknown>> = [];
    daemon.on('message', (m) => documents.push(JSON.parse(m.toString('utf8').split('\n')[1]!) as Record<string, unknown>));
    await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
    const alpha = on.functionIds.find((id) => id === on.synth.stack.getLogicalId(on.synth.stack.functions.byId.get('Alpha')!.node.defaultChild as CfnFunction))!;
    const dir = mkdtempSync(join(tmpdir(), 'verkosto-trace-'));
    const networksFile = join(dir, 'networks.json');
    writeFileSync(networksFile, JSON.stringify(loadConfig().networks));
    const event = { version: '2.0', routeKey: 'GET /api/alpha', rawPath: '/api/alpha', headers: {}, requestContext: { http: { method: 'GET', path: '/api/alpha', sourceIp: '192.0.2.1' } }, isBase64Encoded: false };
    const context = { awsRequestId: 'req-1', functionName: 'Alpha', functionVersion: '$LATEST', invokedFunctionArn: 'arn:aws:lambda:eu-north-1:123456789012:function:Alpha', memoryLimitInMB: '256' };
    const script = [
      `const { handler } = await import(${JSON.stringify(on.bundle(alpha))});`,
      `const context = { ...${JSON.stringify(context)}, getRemainingTimeInMillis: () => 10000 };`,
      `console.log((await handler(${JSON.stringify(event)}, context)).statusCode);`,
    ].join('\n');
    try {
      const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
        cwd: dir,
        env: {
          PATH: process.env.PATH,
          AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
          AWS_LAMBDA_FUNCTION_NAME: 'Alpha',
          AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
          AWS_REGION: 'eu-north-1',
          LAMBDA_TASK_ROOT: dir,
          _HANDLER: 'index.handler',
          _X_AMZN_TRACE_ID: 'Root=1-6749a3f1-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1',
          AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${daemon.address().port}`,
          AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR',
          [ENV.networksFile]: networksFile,
        },
      });
      expect(stdout.trim()).toBe('200');
      await expect.poll(() => documents.find((d) => d.name === '## index.handler'), { timeout: 5000 }).toBeDefined();
      const segment = documents.find((d) => d.name === '## index.handler')!;
      expect(segment.trace_id).toBe('1-6749a3f1-0123456789abcdef01234567');
      expect(segment.annotations).toMatchObject({ ColdStart: true, Service: 'verkosto' });
      expect(JSON.stringify(segment)).not.toContain('networks');
    } finally {
      daemon.close();
    }
  });
});
