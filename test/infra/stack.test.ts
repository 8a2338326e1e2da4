import { beforeAll, describe, expect, it } from 'vitest';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { allRoutes, allRules, functions as topology } from '../../lib/topology.js';
import { synthesise, type NagReport } from './synth.js';

type Resource = { Type: string; Properties: Record<string, unknown>; DependsOn?: unknown };

let template: Template;
let nag: NagReport;
let resources: Record<string, Resource>;

beforeAll(() => {
  ({ template, nag } = synthesise());
  resources = template.toJSON().Resources as Record<string, Resource>;
});

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);

/** Logical id of the Lambda function for a topology id (constructs are Fn/<id>). */
function functionLogicalId(id: string): string {
  const match = ofType('AWS::Lambda::Function').find(([logical]) => logical.startsWith(`Fn${id}`) && /^Fn[A-Za-z]+[0-9A-F]{8}$/.test(logical) && logical.slice(2, -8) === id);
  if (!match) throw new Error(`no function for ${id}`);
  return match[0];
}

describe('the data table', () => {
  it('is on demand with point-in-time recovery, deletion protection, TTL and retained on delete', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      }),
    });
  });
});

describe('every function', () => {
  it('runs Node 24 on arm64 with a dead-letter queue and JSON logs in its own log group', () => {
    const fns = ofType('AWS::Lambda::Function').filter(([, r]) => String(r.Properties.Description ?? '').length > 0 && r.Properties.Runtime !== undefined && !String(r.Properties.Handler).startsWith('index.on'));
    const ours = fns.filter(([logical]) => topology.some((t) => logical.startsWith(`Fn${t.id}`)));
    expect(ours).toHaveLength(topology.length);
    for (const [, fn] of ours) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        DeadLetterConfig: { TargetArn: expect.anything() },
        LoggingConfig: { LogFormat: 'JSON', LogGroup: expect.anything() },
      });
    }
  });

  it('has log groups with a retention', () => {
    for (const [, lg] of ofType('AWS::Logs::LogGroup')) expect(lg.Properties.RetentionInDays).toBeGreaterThan(0);
  });

  it('retries async invocations a bounded number of times', () => {
    const configs = ofType('AWS::Lambda::EventInvokeConfig');
    expect(configs.length).toBeGreaterThanOrEqual(topology.length);
    for (const [, c] of configs) expect(c.Properties.MaximumRetryAttempts).toBe(2);
  });
});

describe('the HTTP API', () => {
  it('has a throttled stage with access logs', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: Match.objectLike({ ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() }),
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') }),
    });
  });

  it('has exactly the routes of the topology', () => {
    const routeKeys = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey).sort();
    expect(routeKeys).toEqual(allRoutes.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('does not allow every origin', () => {
    for (const [, api] of ofType('AWS::ApiGatewayV2::Api')) {
      const cors = api.Properties.CorsConfiguration as { AllowOrigins?: string[] } | undefined;
      expect(cors?.AllowOrigins ?? []).not.toContain('*');
    }
  });
});

describe('the event bus', () => {
  it('archives every verkosto event for replay', () => {
    template.hasResourceProperties('AWS::Events::Archive', { EventPattern: { source: ['verkosto'] }, RetentionDays: 365 });
  });

  it('has exactly the rules of the topology, each targeting its function with a dead-letter queue', () => {
    const rules = ofType('AWS::Events::Rule').map(([, r]) => ({
      pattern: r.Properties.EventPattern,
      target: (r.Properties.Targets as Array<{ Arn: { 'Fn::GetAtt': [string, string] }; DeadLetterConfig?: unknown }>)[0]!,
    }));
    expect(rules).toHaveLength(allRules.length);
    for (const spec of allRules) {
      const rule = rules.find((r) => JSON.stringify(r.pattern) === JSON.stringify(spec.pattern) && r.target.Arn['Fn::GetAtt'][0] === functionLogicalId(spec.functionId));
      expect(rule, `rule ${spec.id}`).toBeDefined();
      expect(rule!.target.DeadLetterConfig).toBeDefined();
    }
  });
});

describe('permissions', () => {
  type Statement = { Action: string | string[]; Resource: unknown };
  const statementsOf = (functionId: string): Statement[] => {
    const roleRef = (resources[functionLogicalId(functionId)]!.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    return ofType('AWS::IAM::Policy')
      .filter(([, p]) => (p.Properties.Roles as Array<{ Ref: string }>).some((r) => r.Ref === roleRef))
      .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
  };
  const actionsOf = (functionId: string) => statementsOf(functionId).flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

  it.each(topology.map((f) => [f.id, f] as const))('%s reaches only what its topology entry grants', (_id, spec) => {
    const actions = actionsOf(spec.id);
    const services = new Set(actions.map((a) => a.split(':')[0]));
    const allowed = new Set(['logs', 'sqs']);
    if (spec.access.table) allowed.add('dynamodb');
    if (spec.access.publish) allowed.add('events');
    if (spec.access.sendMail) allowed.add('ses');
    if (spec.access.tokens) allowed.add('secretsmanager');
    expect([...services].filter((s) => !allowed.has(s!))).toEqual([]);
    if (spec.access.table === 'read') expect(actions.filter((a) => /dynamodb:(Put|Update|Delete|BatchWrite)/.test(a))).toEqual([]);
    if (spec.access.table === 'write') expect(actions.filter((a) => /dynamodb:(Get|Query|Scan|BatchGet)/.test(a))).toEqual([]);
    expect(actions).not.toContain('dynamodb:Scan');
  });

  it('grants no wildcard actions to anyone', () => {
    for (const [, p] of ofType('AWS::IAM::Policy')) {
      for (const s of (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement) {
        for (const a of Array.isArray(s.Action) ? s.Action : [s.Action]) expect(a).not.toMatch(/(^\*$|:\*$)/);
      }
    }
  });

  it('lets only mail-sending functions send mail, from the configured identity and configuration set', () => {
    const senders = topology.filter((f) => f.access.sendMail);
    expect(senders.length).toBeGreaterThan(0);
    for (const f of senders) {
      const ses = statementsOf(f.id).filter((s) => JSON.stringify(s.Action).includes('ses:'));
      expect(ses).toHaveLength(1);
      expect(JSON.stringify(ses[0]!.Resource)).toMatch(/:identity\//);
      expect(JSON.stringify(ses[0]!.Resource)).toMatch(/configuration-set/);
    }
  });
});

describe('the site', () => {
  it('serves the bucket through origin access control', () => {
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    });
  });

  it('sends a content security policy and HSTS on every response', () => {
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: Match.objectLike({ ContentSecurityPolicy: Match.stringLikeRegexp("default-src 'self'") }),
          StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true }),
        }),
      }),
    });
  });

  it('routes /api/* to the HTTP API without caching', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ CacheBehaviors: [Match.objectLike({ PathPattern: '/api/*', ViewerProtocolPolicy: 'redirect-to-https' })] }),
    });
  });
});

describe('mail', () => {
  it('has the domain identity with DKIM and a configuration set with suppression', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'verkosto.example.fi' });
    template.hasResourceProperties('AWS::SES::ConfigurationSet', { SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] } });
  });
});

describe('cdk-nag (AwsSolutions)', () => {
  it('reports no unacknowledged finding', () => {
    const report = nag.pluginReports.find((r) => r.pluginName === 'AwsSolutions')!;
    expect(report.violations.map((v) => `${v.ruleName} ${v.violatingConstructs.map((c) => c.constructPath).join(',')}`)).toEqual([]);
    expect(report.conclusion).toBe('success');
  });

  it('gives a reason for every acknowledgement', () => {
    const report = nag.pluginReports.find((r) => r.pluginName === 'AwsSolutions')!;
    for (const s of report.suppressedViolations) expect(s.reason.length, s.acknowledgedId).toBeGreaterThan(40);
  });
});
