/**
 * The real stack, synthesised once per run by the global setup (every
 * function bundled) with the feature flags of cdk.json and cdk-nag, as
 * `npm run synth` does.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { CachePolicy, OriginRequestPolicy } from 'aws-cdk-lib/aws-cloudfront';
import type { CfnResource } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../functions/shared/env.js';
import { SNAPSHOT_PREFIX } from '../../functions/listings/directory-snapshot.js';
import { loadConfig } from '../../lib/config.js';
import { forConfigurationSet } from '../../lib/constructs/events.js';
import { ARCHIVE_RETENTION_DAYS, ARCHIVED_EVENT_TYPES } from '../../functions/shared/events.js';
import { customMetricNames } from '../../bench/stack-costs.js';
import { CONTENT_SECURITY_POLICY, VIEWER_ADDRESS_FUNCTION } from '../../lib/constructs/site.js';
import { TABLE_INDEXES, TABLE_KEYS, TTL_ATTRIBUTE } from '../../lib/table-design.js';
import { NETWORKS_LAYER_PATH } from '../../functions/shared/networks.js';
import { allSchedules, functions as topology, queues, type FunctionSpec } from '../../lib/topology.js';
import {
  actionsOf,
  canonical,
  referencedIds,
  resourcesOf,
  type Resource,
  type Statement,
  sharedSynth,
  type Synthesised,
  unacknowledged,
} from './synth.js';

let synth: Synthesised;
let template: Template;
let resources: Record<string, Resource>;

beforeAll(() => {
  synth = sharedSynth();
  template = synth.template;
  resources = resourcesOf(template);
});

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const idOf = (c: { node: { defaultChild?: unknown } }) => synth.stack.getLogicalId(c.node.defaultChild as CfnResource);
const fnId = (id: string) => {
  const fn = synth.stack.functions.byId.get(id);
  if (!fn) throw new Error(`no function ${id}`);
  return synth.stack.getLogicalId(fn.node.defaultChild as CfnFunction);
};
const fnProps = (id: string) => resources[fnId(id)]!.Properties;
const tableId = () => idOf(synth.stack.data.table);

describe('the data table', () => {
  it('is on demand with point-in-time recovery, deletion protection, TTL, AWS-managed encryption, and retained on delete', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
        SSESpecification: { SSEEnabled: true },
        KeySchema: [
          { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
        ],
      }),
    });
  });

  it('has exactly the indexes of lib/table-design.ts, projecting all attributes', () => {
    const [, table] = ofType('AWS::DynamoDB::Table')[0]!;
    const indexes = table.Properties.GlobalSecondaryIndexes as Array<{ IndexName: string; KeySchema: Array<{ AttributeName: string }>; Projection: unknown }>;
    expect(indexes.map((i) => [i.IndexName, ...i.KeySchema.map((k) => k.AttributeName)])).toEqual(
      TABLE_INDEXES.map((i) => [i.indexName, i.partitionKey, i.sortKey]),
    );
    for (const i of indexes) expect(i.Projection).toEqual({ ProjectionType: 'ALL' });
  });
});

describe('every function', () => {
  it('is one Lambda per topology entry', () => {
    expect([...synth.stack.functions.byId.keys()].sort()).toEqual(topology.map((f) => f.id).sort());
  });

  it.each(topology.map((f) => [f.id, f] as const))('%s: Node 24 on arm64, JSON logs in its own log group with retention, DLQ, bounded retries', (id, spec) => {
    const fn = fnProps(id);
    expect(fn).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: spec.memoryMb ?? 256,
      Timeout: spec.timeoutSeconds ?? 10,
      LoggingConfig: { LogFormat: 'JSON' },
      Environment: { Variables: expect.objectContaining({ NODE_OPTIONS: '--enable-source-maps' }) },
    });
    expect(fn.ReservedConcurrentExecutions).toBeUndefined();
    const [logGroup] = referencedIds((fn.LoggingConfig as { LogGroup: unknown }).LogGroup);
    expect(resources[logGroup!]).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } });
    const invokeConfig = ofType('AWS::Lambda::EventInvokeConfig').find(([, c]) => referencedIds(c.Properties.FunctionName).includes(fnId(id)));
    expect(invokeConfig?.[1].Properties).toMatchObject({ MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 6 * 3600 });
    // After the retries, the shared on-failure destination (its records name the function).
    const [dlq] = referencedIds((invokeConfig?.[1].Properties.DestinationConfig as { OnFailure: { Destination: unknown } }).OnFailure.Destination);
    expect(dlq).toBe(idOf(synth.stack.functions.failures));
    expect(resources[dlq!]).toMatchObject({ Type: 'AWS::SQS::Queue', Properties: { SqsManagedSseEnabled: true } });
  });

  it('ships an ESM bundle with source maps and the createRequire shim', () => {
    for (const spec of topology) {
      const asset = (resources[fnId(spec.id)]!.Metadata ?? {})['aws:asset:path'] as string;
      const dir = join(synth.outdir, asset);
      expect(existsSync(join(dir, 'index.mjs')), spec.id).toBe(true);
      expect(existsSync(join(dir, 'index.mjs.map')), spec.id).toBe(true);
      expect(readFileSync(join(dir, 'index.mjs'), 'utf8').slice(0, 200)).toContain('createRequire');
    }
  });

  it('has a log retention on every log group in the stack', () => {
    for (const [id, lg] of ofType('AWS::Logs::LogGroup')) expect(lg.Properties.RetentionInDays, id).toBeGreaterThan(0);
  });

  it('has encrypted queues that refuse plain HTTP', () => {
    for (const [id, q] of ofType('AWS::SQS::Queue')) expect(q.Properties.SqsManagedSseEnabled, id).toBe(true);
    const sslDenied = ofType('AWS::SQS::QueuePolicy').flatMap(([, p]) => referencedIds(p.Properties.Queues));
    for (const [id] of ofType('AWS::SQS::Queue')) expect(sslDenied, id).toContain(id);
  });
});

describe('the HTTP API', () => {
  it('has a throttled stage with JSON access logs that name the request but hold nothing personal', () => {
    const stages = ofType('AWS::ApiGatewayV2::Stage');
    expect(stages).toHaveLength(1);
    const stage = stages[0]![1].Properties as {
      DefaultRouteSettings: { ThrottlingRateLimit: number; ThrottlingBurstLimit: number };
      AccessLogSettings: { DestinationArn: unknown; Format: string };
    };
    expect(stage.DefaultRouteSettings.ThrottlingRateLimit).toBeGreaterThan(0);
    expect(stage.DefaultRouteSettings.ThrottlingBurstLimit).toBeGreaterThan(0);
    const format = JSON.parse(stage.AccessLogSettings.Format) as Record<string, string>;
    expect(Object.values(format)).toEqual(expect.arrayContaining(['$context.requestId', '$context.routeKey', '$context.status', '$context.responseLatency']));
    expect(stage.AccessLogSettings.Format).not.toMatch(/sourceIp|userAgent|body|querystring|identity|path/i);
    const [logGroup] = referencedIds(stage.AccessLogSettings.DestinationArn);
    expect(resources[logGroup!]?.Type).toBe('AWS::Logs::LogGroup');
  });

  it('has exactly the routes of the topology, each integrated with its function', () => {
    const actual = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => {
      const [integration] = referencedIds(r.Properties.Target);
      const [fn] = referencedIds(resources[integration!]!.Properties.IntegrationUri);
      return `${String(r.Properties.RouteKey)} -> ${fn}`;
    });
    const expected = topology.flatMap((f) => (f.routes ?? []).map((r) => `${r.method} ${r.path} -> ${fnId(f.id)}`));
    expect(new Set(actual)).toEqual(new Set(expected));
    expect(actual).toHaveLength(expected.length);
  });

  it('has no CORS when pages and API share the CloudFront origin (no siteUrl configured), and never "*"', () => {
    for (const [, api] of ofType('AWS::ApiGatewayV2::Api')) {
      const cors = api.Properties.CorsConfiguration as { AllowOrigins?: string[] } | undefined;
      expect(cors?.AllowOrigins ?? []).not.toContain('*');
      expect(cors).toBeUndefined();
    }
  });
});

describe('the event bus', () => {
  it('archives, for replay, only the verkosto events that carry no personal data', () => {
    template.resourceCountIs('AWS::Events::EventBus', 1);
    const [archive] = ofType('AWS::Events::Archive');
    expect(archive![1].Properties.SourceArn).toEqual({ 'Fn::GetAtt': [idOf(synth.stack.events.bus), 'Arn'] });
    const pattern = archive![1].Properties.EventPattern as { source: string[]; 'detail-type': string[] };
    expect(Object.keys(pattern).sort()).toEqual(['detail-type', 'source']);
    expect(pattern.source).toEqual(['verkosto']);
    // Named types only: no prefix, anything-but or wildcard that would let a new event type in unseen.
    expect(pattern['detail-type'].every((t) => typeof t === 'string')).toBe(true);
    expect([...pattern['detail-type']].sort()).toEqual([...ARCHIVED_EVENT_TYPES].sort());
    for (const personal of ['SignIn.Requested', 'Coordinator.Added', 'Coordinator.Removed', 'Listing.Submitted', 'Listing.Updated', 'Listing.Approved', 'Meeting.Scheduled']) {
      expect(pattern['detail-type'], personal).not.toContain(personal);
    }
    expect(pattern['detail-type']).toEqual(expect.arrayContaining(['Listing.Withdrawn', 'Rsvp.Submitted', 'Subscription.Confirmed', 'Digest.Sent']));
  });

  it('keeps archived events as long as the functions keep their logs, which say what to replay', () => {
    const [archive] = ofType('AWS::Events::Archive');
    expect(archive![1].Properties.RetentionDays).toBe(ARCHIVE_RETENTION_DAYS);
    const logDays = [...synth.stack.functions.byId.values()].map((fn) => {
      const [logGroup] = referencedIds((resources[idOf(fn)]!.Properties.LoggingConfig as { LogGroup: unknown }).LogGroup);
      return resources[logGroup!]!.Properties.RetentionInDays;
    });
    expect(new Set(logDays)).toEqual(new Set([ARCHIVE_RETENTION_DAYS]));
  });

  it('has exactly the rules of the topology: same patterns, same target functions', () => {
    const actual = ofType('AWS::Events::Rule').map(([, r]) => {
      const targets = r.Properties.Targets as Array<{ Arn: unknown }>;
      expect(targets).toHaveLength(1);
      return `${canonical(r.Properties.EventPattern)} -> ${referencedIds(targets[0]!.Arn).join()}`;
    });
    // On the shared default bus a rule takes only this stack's SES mail (operations.test.ts).
    const configurationSet = { Ref: idOf(synth.stack.mail.configurationSet) } as unknown as string;
    const patternOf = (r: { pattern: Record<string, unknown>; bus?: string }) => (r.bus === 'default' ? forConfigurationSet(r.pattern, configurationSet) : r.pattern);
    const expected = topology.flatMap((f) => (f.rules ?? []).map((r) => `${canonical(patternOf(r))} -> ${fnId(f.id)}`));
    expect(actual.sort()).toEqual(expected.sort());
  });

  it('puts every rule on the bus its topology entry names, with retries and a dead-letter queue on its target', () => {
    const dlq = idOf(synth.stack.events.ruleDeadLetters);
    const onDefault = new Set(topology.flatMap((f) => (f.rules ?? []).filter((r) => r.bus === 'default').map((r) => `Events${r.id}`)));
    for (const [id, r] of ofType('AWS::Events::Rule')) {
      if ([...onDefault].some((prefix) => id.startsWith(prefix))) expect(r.Properties.EventBusName, id).toBe('default');
      else expect(referencedIds(r.Properties.EventBusName), id).toEqual([idOf(synth.stack.events.bus)]);
      const [target] = r.Properties.Targets as Array<{ DeadLetterConfig?: { Arn: unknown }; RetryPolicy?: { MaximumRetryAttempts: number } }>;
      expect(referencedIds(target!.DeadLetterConfig?.Arn), id).toEqual([dlq]);
      expect(target!.RetryPolicy?.MaximumRetryAttempts, id).toBeGreaterThan(0);
    }
  });
});

describe('permissions', () => {
  const statementsOf = (functionId: string): Statement[] => {
    const [roleRef] = referencedIds(fnProps(functionId).Role);
    return ofType('AWS::IAM::Policy')
      .filter(([, p]) => referencedIds(p.Properties.Roles).includes(roleRef!))
      .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
  };

  /** The resources each service's statements may name, for this function. */
  const allowedResources = (spec: FunctionSpec): Record<string, string[]> => {
    const fn = synth.stack.functions.byId.get(spec.id)!;
    const a = spec.access;
    const stack = synth.stack;
    return {
      logs: [referencedIds(fnProps(spec.id).LoggingConfig)[0]!],
      // Its own DLQ; the queue it sends to; the queue it consumes.
      sqs: [
        idOf(fn.deadLetters),
        ...(a.queue ? [idOf(stack.work.queues.get(a.queue)!)] : []),
        ...queues.filter((q) => q.consumer === spec.id).map((q) => idOf(stack.work.queues.get(q.id)!)),
      ],
      ...(a.table ? { dynamodb: [tableId()] } : {}),
      ...(a.publish ? { events: [idOf(stack.events.bus)] } : {}),
      ...(a.sendMail ? { ses: [idOf(stack.mail.identity), idOf(stack.mail.configurationSet)] } : {}),
      ...(a.tokens ? { secretsmanager: [idOf(stack.tokenKeys.secret)] } : {}),
      // Reminder schedules are named by prefix (no logical id); PassRole only on the reminder role.
      ...(a.reminders ? { scheduler: [], iam: [idOf(stack.functions.reminderRole!)] } : {}),
      ...(a.snapshots ? { s3: [idOf(stack.data.snapshots)] } : {}),
    };
  };

  it.each(topology.map((f) => [f.id, f] as const))('%s reaches only what its topology access grants', (_id, spec) => {
    const allowed = allowedResources(spec);
    const statements = statementsOf(spec.id);
    const services = new Set(statements.flatMap(actionsOf).map((a) => a.split(':')[0]!));
    expect([...services].sort()).toEqual(Object.keys(allowed).sort());
    for (const s of statements) {
      expect(s.Effect).toBe('Allow');
      expect(s.Resource, JSON.stringify(s)).not.toBe('*');
      for (const action of actionsOf(s)) {
        const service = action.split(':')[0]!;
        if (service === 'scheduler') expect(JSON.stringify(s.Resource)).toMatch(/:schedule\/Verkosto\/(meeting-reminder|survey-close)-\*/);
        else expect(referencedIds(s.Resource).every((r) => allowed[service]!.includes(r)), `${action} on ${JSON.stringify(s.Resource)}`).toBe(true);
      }
    }
    const actions = statements.flatMap(actionsOf);
    expect(actions).not.toContain('dynamodb:Scan');
    if (spec.access.table === 'read') expect(actions.filter((a) => /^dynamodb:(Put|Update|Delete|BatchWrite)/.test(a))).toEqual([]);
    if (spec.access.table === 'write') expect(actions.filter((a) => /^dynamodb:(Get|Query|Scan|BatchGet)/.test(a))).toEqual([]);
    if (spec.access.sendMail) expect(actions).toEqual(expect.arrayContaining(['ses:SendEmail', 'ses:SendRawEmail']));
    // Snapshots: readers get them, only the builder puts them, nobody deletes or lists more than the bucket's keys.
    const s3 = actions.filter((a) => a.startsWith('s3:')).sort();
    expect(s3).toEqual(spec.access.snapshots === 'write' ? ['s3:GetObject', 's3:ListBucket', 's3:PutObject'] : spec.access.snapshots === 'read' ? ['s3:GetObject', 's3:ListBucket'] : []);
    for (const st of statements.filter((st) => actionsOf(st).some((a) => a === 's3:GetObject' || a === 's3:PutObject'))) expect(JSON.stringify(st.Resource)).toContain(`/${SNAPSHOT_PREFIX}*`);
  });

  it.each(topology.map((f) => [f.id, f] as const))('%s gets exactly the environment its access names', (id, spec) => {
    const env = (fnProps(id).Environment as { Variables: Record<string, unknown> }).Variables;
    const a = spec.access;
    const expected = [
      ...(a.table ? [ENV.tableName] : []),
      ...(a.publish ? [ENV.eventBusName] : []),
      ...(a.sendMail ? [ENV.mailSender, ENV.mailConfigurationSet] : []),
      ...(a.tokens ? [ENV.tokenSecretArn] : []),
      ...(a.networks ? [ENV.networksFile] : []),
      ...(a.siteUrl ? [ENV.siteUrl] : []),
      ...(a.limits ? [ENV.limits] : []),
      ...(a.queue ? [ENV.digestQueueUrl] : []),
      ...(a.reminders ? [ENV.eventBusArn, ENV.schedulerRoleArn, ENV.scheduleGroupName, ENV.scheduleDeadLetterArn] : []),
      ...(a.snapshots ? [ENV.snapshotBucket] : []),
      ...(queues.some((q) => q.consumer === spec.id) && a.sendRate ? [ENV.sendRatePerSecond, ENV.senderConcurrency] : []),
    ];
    const ours = new Set<string>(Object.values(ENV));
    expect(Object.keys(env).filter((k) => ours.has(k)).sort()).toEqual(expected.sort());
    if (a.networks) expect(env[ENV.networksFile]).toBe(`/opt/${NETWORKS_LAYER_PATH}`);
    if (a.sendMail) expect(env[ENV.mailSender]).toBe(loadConfig().mail.sender);
    if (a.limits) expect(JSON.parse(env[ENV.limits] as string)).toEqual(loadConfig().limits);
  });

  // The limits reached only the local stack once: in AWS every function counted against the defaults, whatever the config said.
  it.each(topology.map((f) => [f.id, f] as const))('%s gets the operator\'s rate limits when its handler counts against them', (_id, spec) => {
    const counts = /\blimit\('/.test(readFileSync(join(process.cwd(), spec.entry), 'utf8'));
    expect(spec.access.limits ?? false).toBe(counts);
  });

  it('grants no wildcard actions to anyone (no "*", no "service:*")', () => {
    const documents = [
      ...ofType('AWS::IAM::Policy').map(([, p]) => p.Properties.PolicyDocument),
      ...ofType('AWS::IAM::Role').flatMap(([, r]) => ((r.Properties.Policies ?? []) as Array<{ PolicyDocument: unknown }>).map((p) => p.PolicyDocument)),
    ] as Array<{ Statement: Statement[] }>;
    for (const doc of documents) {
      for (const s of doc.Statement) for (const a of actionsOf(s)) expect(a).not.toMatch(/^\*$|:\*$/);
    }
  });

  it('attaches no managed policies to the functions’ roles', () => {
    for (const spec of topology) {
      const [roleRef] = referencedIds(fnProps(spec.id).Role);
      expect(resources[roleRef!]!.Properties.ManagedPolicyArns, spec.id).toBeUndefined();
    }
  });
});

describe('the directory snapshots', () => {
  it('keeps them in a private, encrypted, TLS-only bucket whose old snapshots expire', () => {
    const bucket = idOf(synth.stack.data.snapshots);
    expect(resources[bucket]!.Properties).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    expect(resources[bucket]!.Properties.VersioningConfiguration).toBeUndefined();
    const rules = (resources[bucket]!.Properties.LifecycleConfiguration as { Rules: Array<Record<string, unknown>> }).Rules;
    expect(rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Prefix: SNAPSHOT_PREFIX, ExpirationInDays: 7, Status: 'Enabled' }),
        expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' }),
      ]),
    );
    const policy = ofType('AWS::S3::BucketPolicy').find(([, p]) => referencedIds(p.Properties.Bucket).includes(bucket))![1];
    expect(JSON.stringify(policy.Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
  });

  it('are written every five minutes by the builder, and read by the directory and HSDS functions only', () => {
    const readers = topology.filter((f) => f.access.snapshots === 'read').map((f) => f.id).sort();
    const writers = topology.filter((f) => f.access.snapshots === 'write');
    expect(readers).toEqual(['ReadDirectory', 'ServeHsds']);
    expect(writers.map((f) => f.id)).toEqual(['BuildDirectorySnapshots']);
    expect(writers[0]!.schedules?.map((s) => s.expression)).toEqual(['cron(*/5 * * * ? *)']);
  });
});

describe('the site', () => {
  it('keeps the pages bucket private, encrypted, TLS-only and access-logged', () => {
    const pages = idOf(synth.stack.site.bucket);
    expect(resources[pages]!.Properties).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: expect.anything(),
      LoggingConfiguration: expect.objectContaining({ DestinationBucketName: expect.anything() }),
    });
    const policy = ofType('AWS::S3::BucketPolicy').find(([, p]) => referencedIds(p.Properties.Bucket).includes(pages))![1];
    expect(JSON.stringify(policy.Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
  });

  it('serves the bucket only through origin access control', () => {
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    const config = ofType('AWS::CloudFront::Distribution')[0]![1].Properties.DistributionConfig as {
      Origins: Array<{ Id: string; OriginAccessControlId?: unknown; DomainName: unknown }>;
      DefaultCacheBehavior: { TargetOriginId: string; ViewerProtocolPolicy: string; FunctionAssociations: unknown[] };
      CustomErrorResponses?: unknown;
    };
    const s3 = config.Origins.find((o) => referencedIds(o.DomainName).includes(idOf(synth.stack.site.bucket)))!;
    expect(s3.OriginAccessControlId).toBeDefined();
    expect(config.DefaultCacheBehavior).toMatchObject({ TargetOriginId: s3.Id, ViewerProtocolPolicy: 'redirect-to-https' });
    expect(config.DefaultCacheBehavior.FunctionAssociations).toEqual([expect.objectContaining({ EventType: 'viewer-request' })]);
    // Error pages apply to every behavior: they would turn the API's JSON 404s into HTML.
    expect(config.CustomErrorResponses).toBeUndefined();
  });

  it('sends CSP, HSTS, nosniff, a strict referrer policy and DENY framing on every response', () => {
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: {
          ContentSecurityPolicy: { ContentSecurityPolicy: CONTENT_SECURITY_POLICY, Override: true },
          StrictTransportSecurity: { AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true, Preload: true, Override: true },
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
        },
      }),
    });
    const config = ofType('AWS::CloudFront::Distribution')[0]![1].Properties.DistributionConfig as {
      DefaultCacheBehavior: { ResponseHeadersPolicyId: unknown };
      CacheBehaviors: Array<{ ResponseHeadersPolicyId: unknown }>;
    };
    const policy = ofType('AWS::CloudFront::ResponseHeadersPolicy')[0]![0];
    for (const b of [config.DefaultCacheBehavior, ...config.CacheBehaviors]) expect(referencedIds(b.ResponseHeadersPolicyId)).toEqual([policy]);
  });

  it('routes /api/* to the HTTP API, uncached, with the viewer’s headers except Host', () => {
    const config = ofType('AWS::CloudFront::Distribution')[0]![1].Properties.DistributionConfig as {
      Origins: Array<{ Id: string; DomainName: unknown }>;
      CacheBehaviors: Array<Record<string, unknown>>;
    };
    const api = config.Origins.find((o) => referencedIds(o.DomainName).includes(idOf(synth.stack.api.api)))!;
    expect(config.CacheBehaviors).toEqual([
      expect.objectContaining({
        PathPattern: '/api/*',
        TargetOriginId: api.Id,
        ViewerProtocolPolicy: 'redirect-to-https',
        CachePolicyId: CachePolicy.CACHING_DISABLED.cachePolicyId,
        OriginRequestPolicyId: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId,
        AllowedMethods: expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
      }),
    ]);
  });

  it('sets the viewer address the per-client limits count on every /api/* request, replacing what the viewer sent', () => {
    const config = ofType('AWS::CloudFront::Distribution')[0]![1].Properties.DistributionConfig as { CacheBehaviors: Array<{ PathPattern: string; FunctionAssociations?: Array<{ EventType: string; FunctionARN: unknown }> }> };
    const api = config.CacheBehaviors.find((b) => b.PathPattern === '/api/*')!;
    const [association] = api.FunctionAssociations ?? [];
    const fn = resources[referencedIds(association!.FunctionARN)[0]!]!;
    expect(association!.EventType).toBe('viewer-request');
    expect(String(fn.Properties.FunctionCode)).toBe(VIEWER_ADDRESS_FUNCTION);
    expect(VIEWER_ADDRESS_FUNCTION).toContain("request.headers['x-viewer-address'] = { value: event.viewer.ip }");
  });
});

describe('mail', () => {
  it('has the domain identity with Easy DKIM, sending through the configuration set', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: synth.stack.mail.sender.split('@')[1],
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: idOf(synth.stack.mail.configurationSet) } },
    });
    const dkim = Object.keys(template.toJSON().Outputs as Record<string, unknown>).filter((k) => k.startsWith('MailDkim'));
    expect(dkim).toHaveLength(3);
  });

  it('has a configuration set with reputation metrics, sending on, and suppression of bounces and complaints', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      ReputationOptions: { ReputationMetricsEnabled: true },
      SendingOptions: { SendingEnabled: true },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
  });
});

describe('cdk-nag (AwsSolutions) and construct warnings', () => {
  it('synthesises without a validation failure', () => {
    expect(synth.error?.message).toBeUndefined();
  });

  it('reports no unacknowledged finding, error or warning', () => {
    expect(synth.report.pluginReports.map((r) => r.pluginName)).toContain('AwsSolutions');
    expect(unacknowledged(synth.report)).toEqual([]);
    for (const r of synth.report.pluginReports) expect(r.conclusion, r.pluginName).toBe('success');
  });

  it('gives a specific reason for every acknowledgement', () => {
    const acknowledged = synth.report.pluginReports.flatMap((r) => r.suppressedViolations ?? []);
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const s of acknowledged) expect(s.reason.length, s.acknowledgedId).toBeGreaterThan(60);
  });
});

describe('work that is not a request', () => {
  it('schedules every topology schedule in Helsinki time, and one digest clock for all networks', () => {
    const schedules = ofType('AWS::Scheduler::Schedule').map(([, s]) => s.Properties as { ScheduleExpression: string; ScheduleExpressionTimezone: string; Target: { Input?: string; EventBridgeParameters?: unknown } });
    expect(schedules).toHaveLength(allSchedules.length);
    for (const s of schedules) expect(s.ScheduleExpressionTimezone).toBe('Europe/Helsinki');
    expect(schedules.filter((s) => s.Target.EventBridgeParameters)).toEqual([]);
    const clock = schedules.find((s) => s.ScheduleExpression === 'cron(* * * * ? *)');
    expect(JSON.parse(clock!.Target.Input!)).toEqual({ scheduledTime: '<aws.scheduler.scheduled-time>' });
  });

  it('feeds each queue to its consumer with partial batch responses and a redrive to a dead-letter queue', () => {
    const mappings = ofType('AWS::Lambda::EventSourceMapping').map(([, m]) => m.Properties as { FunctionResponseTypes?: string[]; ScalingConfig?: { MaximumConcurrency: number } });
    expect(mappings).toHaveLength(queues.length);
    for (const m of mappings) {
      expect(m.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
      expect(m.ScalingConfig?.MaximumConcurrency).toBeGreaterThanOrEqual(2);
    }
    for (const q of queues) {
      const queue = resources[idOf(synth.stack.work.queues.get(q.id)!)]!;
      expect(queue.Properties.RedrivePolicy).toMatchObject({ maxReceiveCount: q.maxReceiveCount ?? 5 });
    }
  });

  it('sends SES bounces and complaints to EventBridge', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({ MatchingEventTypes: Match.arrayWith(['bounce', 'complaint']), EventBridgeDestination: Match.anyValue() }),
    });
  });
});

describe('operations', () => {
  type AlarmProps = { MetricName?: string; Namespace?: string; Threshold: number; AlarmActions: unknown[]; Metrics?: Array<{ Id: string; MetricStat?: { Metric: { MetricName: string; Dimensions?: unknown } } }> };
  const alarms = () => ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties as AlarmProps);
  const watching = (metricName: string) => alarms().filter((a) => a.Metrics?.some((m) => m.MetricStat?.Metric.MetricName === metricName));

  it('sends every alarm to the operators’ SNS topic, subscribed by email', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: loadConfig().alertEmail });
    const topic = idOf(synth.stack.monitoring.topic);
    for (const a of alarms()) expect(referencedIds(a.AlarmActions)).toEqual([topic]);
  });

  it('alarms on any message in any dead-letter queue', () => {
    const dlqs = ofType('AWS::SQS::Queue').filter(([id]) => /Dlq/.test(id)).map(([id]) => id);
    const group = watching('ApproximateNumberOfMessagesVisible');
    const watched = group.flatMap((a) => referencedIds(a.Metrics));
    expect(dlqs).toContain(idOf(synth.stack.functions.failures));
    for (const q of dlqs) expect(watched, q).toContain(q);
    for (const a of group) expect(a.Threshold).toBe(0);
  });

  it('alarms on errors of any function: the region’s Lambda total (per function when configured: operations.test.ts)', () => {
    const errors = alarms().filter((a) => a.MetricName === 'Errors');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ Namespace: 'AWS/Lambda', Threshold: 0 });
  });

  it('alarms on an SES bounce rate over 2 % and a complaint rate over 0.1 %', () => {
    expect(alarms().find((a) => a.MetricName === 'Reputation.BounceRate')?.Threshold).toBe(0.02);
    expect(alarms().find((a) => a.MetricName === 'Reputation.ComplaintRate')?.Threshold).toBe(0.001);
  });

  it('has, by default, no dashboard ($3 a month), no KMS key on the alert topic ($1) and no SES send metric ($0.30): config switches', () => {
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 0);
    template.resourceCountIs('AWS::KMS::Key', 0);
    const [, topic] = ofType('AWS::SNS::Topic').find(([id]) => id === idOf(synth.stack.monitoring.topic))!;
    expect(topic.Properties.KmsMasterKeyId).toBeUndefined();
    expect(JSON.stringify(ofType('AWS::SES::ConfigurationSetEventDestination'))).not.toContain('CloudWatchDestination');
  });

  it('publishes no custom metrics from the functions: every count is a metric AWS publishes for free', () => {
    expect(customMetricNames()).toEqual([]);
  });

  it('stays well under CloudFormation’s 500 resources per stack', () => {
    expect(Object.keys(resources).length).toBeLessThan(450);
  });
});
