/**
 * The stack builds from whatever table it is given: a small made-up topology,
 * a separately hosted site (CORS) and X-Ray tracing, synthesised once without
 * bundling (the real stack's test bundles every function).
 */
import type { CfnResource } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../functions/shared/env.js';
import { loadConfig, parseConfig } from '../../lib/config.js';
import type { FunctionSpec } from '../../lib/topology.js';
import { canonical, referencedIds, resourcesOf, type Resource, synthesise, type Synthesised, unacknowledged } from './synth.js';

const SITE = 'https://verkosto.example.fi/';

const topology: FunctionSpec[] = [
  {
    id: 'Alpha',
    entry: 'functions/networks/list.handler.ts',
    description: 'test: two routes, no table',
    routes: [
      { method: 'GET', path: '/api/alpha' },
      { method: 'DELETE', path: '/api/alpha/{id}' },
    ],
    access: { networks: true, siteUrl: true },
    memoryMb: 512,
    timeoutSeconds: 20,
  },
  {
    id: 'Beta',
    entry: 'functions/listings/store-pending.handler.ts',
    description: 'test: two rules, reads the table and publishes',
    rules: [
      { id: 'BetaMeetings', pattern: { source: ['verkosto'], 'detail-type': [{ prefix: 'Meeting.' }] } },
      { id: 'BetaBig', pattern: { source: ['verkosto'], detail: { size: [{ numeric: ['>', 10] }] } } },
    ],
    access: { table: 'read', publish: true },
  },
];

let synth: Synthesised;
let resources: Record<string, Resource>;

beforeAll(() => {
  const config = parseConfig({ ...loadConfig(), siteUrl: SITE });
  synth = synthesise({ config, topology, tracing: true, bundle: false });
  resources = resourcesOf(synth.template);
});

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const fnId = (id: string) => synth.stack.getLogicalId(synth.stack.functions.byId.get(id)!.node.defaultChild as CfnFunction);
const idOf = (c: { node: { defaultChild?: unknown } }) => synth.stack.getLogicalId(c.node.defaultChild as CfnResource);

describe('a stack built from a given topology', () => {
  it('has exactly its functions, with the memory and timeout they ask for', () => {
    const ours = ofType('AWS::Lambda::Function').filter(([, f]) => f.Properties.Runtime === 'nodejs24.x');
    expect(ours.map(([id]) => id).sort()).toEqual([fnId('Alpha'), fnId('Beta')].sort());
    expect(resources[fnId('Alpha')]!.Properties).toMatchObject({ MemorySize: 512, Timeout: 20 });
    expect(resources[fnId('Beta')]!.Properties).toMatchObject({ MemorySize: 256, Timeout: 10 });
  });

  it('has exactly its routes and rules', () => {
    const routes = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey);
    expect(routes.sort()).toEqual(['DELETE /api/alpha/{id}', 'GET /api/alpha']);
    const rules = ofType('AWS::Events::Rule').map(([, r]) => `${canonical(r.Properties.EventPattern)} -> ${referencedIds(r.Properties.Targets).find((id) => id.startsWith('Fn'))}`);
    expect(rules.sort()).toEqual(topology[1]!.rules!.map((r) => `${canonical(r.pattern)} -> ${fnId('Beta')}`).sort());
  });

  it('allows CORS from the configured site origin only, with credentials and the topology’s methods', () => {
    const [, api] = ofType('AWS::ApiGatewayV2::Api')[0]!;
    expect(api.Properties.CorsConfiguration).toMatchObject({ AllowOrigins: ['https://verkosto.example.fi'], AllowCredentials: true });
    const cors = api.Properties.CorsConfiguration as { AllowMethods: string[]; AllowHeaders: string[] };
    expect([...cors.AllowMethods].sort()).toEqual(['DELETE', 'GET']);
    expect(cors.AllowHeaders).not.toContain('*');
  });

  it('gives the functions the configured site URL', () => {
    const env = (resources[fnId('Alpha')]!.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(env[ENV.siteUrl]).toBe(SITE);
  });

  it('traces with X-Ray when asked, and cdk-nag still has nothing unacknowledged', () => {
    for (const id of ['Alpha', 'Beta']) expect(resources[fnId(id)]!.Properties.TracingConfig).toEqual({ Mode: 'Active' });
    expect(synth.error?.message).toBeUndefined();
    expect(unacknowledged(synth.report)).toEqual([]);
  });

  it('grants X-Ray only with tracing, and the table read-only to a reader', () => {
    const [betaRole] = referencedIds(resources[fnId('Beta')]!.Properties.Role);
    const actions = ofType('AWS::IAM::Policy')
      .filter(([, p]) => referencedIds(p.Properties.Roles).includes(betaRole!))
      .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Array<{ Action: string | string[] }> }).Statement)
      .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(actions).toEqual(expect.arrayContaining(['xray:PutTraceSegments', 'events:PutEvents', 'dynamodb:Query']));
    expect(actions.filter((a) => /^dynamodb:(Put|Update|Delete|BatchWrite)/.test(a))).toEqual([]);
    expect(actions.filter((a) => a.startsWith('ses:') || a.startsWith('secretsmanager:'))).toEqual([]);
  });

  it('still builds the shared pieces: table, bus with archive, site and mail', () => {
    for (const c of [synth.stack.data.table, synth.stack.events.bus, synth.stack.events.archive, synth.stack.site.distribution, synth.stack.mail.identity]) {
      expect(resources[idOf(c)]).toBeDefined();
    }
  });
});

describe('a topology the stack refuses', () => {
  it('lists a function twice', () => {
    expect(() => synthesise({ topology: [topology[0]!, topology[0]!], bundle: false })).toThrow(/Alpha twice/);
  });
});

describe('memory set in the operator config', () => {
  it('overrides the topology default of the function it names and leaves the others alone', () => {
    const config = parseConfig({ ...loadConfig(), functionMemoryMb: { Beta: 1024 } });

    const tuned = synthesise({ config, topology, bundle: false });

    const fn = (id: string) => resourcesOf(tuned.template)[tuned.stack.getLogicalId(tuned.stack.functions.byId.get(id)!.node.defaultChild as CfnFunction)]!.Properties;
    expect(fn('Beta')).toMatchObject({ MemorySize: 1024 });
    expect(fn('Alpha')).toMatchObject({ MemorySize: 512 });
  });

  it('fails synth naming a function the topology does not have', () => {
    const config = parseConfig({ ...loadConfig(), functionMemoryMb: { Gamma: 1024 } });

    expect(() => synthesise({ config, topology, bundle: false })).toThrow(/functionMemoryMb\.Gamma: no function Gamma/);
  });

  it('is refused when it is not whole megabytes between 128 and 10240', () => {
    expect(() => parseConfig({ ...loadConfig(), functionMemoryMb: { Beta: 64 } })).toThrow(/functionMemoryMb\.Beta/);
    expect(() => parseConfig({ ...loadConfig(), functionMemoryMb: { Beta: 512.5 } })).toThrow(/functionMemoryMb\.Beta/);
  });
});
