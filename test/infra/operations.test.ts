/**
 * What an operator needs to run the stack in production: alarms that can
 * reach them, a budget, a per-stack dashboard, schedules with a dead-letter
 * queue in the stack's own group, several stacks per account, an own domain,
 * SES that works in the sandbox, rotating token keys, logs without tokens,
 * and cdk-nag's Serverless pack. Synthesised without bundling (the bundles
 * are stack.test.ts's concern), once per configuration.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type OperatorConfig } from '../../lib/config.js';
import { budgetName } from '../../lib/constructs/monitoring.js';
import { TOKEN_KEY_ROTATION_DAYS } from '../../lib/constructs/token-keys.js';
import { LOG_RETENTION_DAYS } from '../../lib/constructs/site.js';
import { functions as topology } from '../../lib/topology.js';
import { EDIT_TOKEN_DAYS } from '../../functions/listings/listings.js';
import { LINK_DAYS } from '../../functions/subscriptions/subscriptions.js';
import { referencedIds, resourcesOf, type Resource, synthesise, type Synthesised, unacknowledged } from './synth.js';

type Statement = { Sid?: string; Effect: string; Principal?: { Service?: string }; Action: string | string[]; Resource: unknown; Condition?: Record<string, Record<string, unknown>> };
type AlarmProps = {
  AlarmName?: string;
  MetricName?: string;
  Namespace?: string;
  Dimensions?: Array<{ Name: string; Value: unknown }>;
  ExtendedStatistic?: string;
  Threshold: number;
  AlarmActions: unknown[];
  Metrics?: Array<{ Id: string; Expression?: string; MetricStat?: { Metric: { MetricName: string; Namespace: string; Dimensions?: Array<{ Name: string; Value: unknown }> } } }>;
};

const base = loadConfig();
const withConfig = (patch: Partial<OperatorConfig>): OperatorConfig => ({ ...base, ...patch });
const actions = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

let synth: Synthesised;
let resources: Record<string, Resource>;
const ofType = (type: string, r = resources) => Object.entries(r).filter(([, x]) => x.Type === type);
const idOf = (s: Synthesised, c: { node: { defaultChild?: unknown } }) => s.stack.getLogicalId(c.node.defaultChild as CfnResource);
const alarms = (r = resources) => ofType('AWS::CloudWatch::Alarm', r).map(([id, a]) => ({ id, ...(a.Properties as AlarmProps) }));
/** Every metric an alarm watches, with its namespace and dimensions. */
const watched = (a: AlarmProps) =>
  a.MetricName
    ? [{ MetricName: a.MetricName, Namespace: a.Namespace!, Dimensions: a.Dimensions ?? [] }]
    : (a.Metrics ?? []).flatMap((m) => (m.MetricStat ? [{ ...m.MetricStat.Metric, Dimensions: m.MetricStat.Metric.Dimensions ?? [] }] : []));
const alarmOn = (namespace: string, metricName: string) => alarms().filter((a) => watched(a).some((m) => m.Namespace === namespace && m.MetricName === metricName));

/** Another stack of the same app, from the cloud assembly. */
function readStack(s: Synthesised, name: string): { region: string; resources: Record<string, Resource> } {
  const manifest = JSON.parse(readFileSync(join(s.outdir, 'manifest.json'), 'utf8')) as { artifacts: Record<string, { environment?: string; properties?: { templateFile?: string } }> };
  const artifact = manifest.artifacts[name]!;
  const template = JSON.parse(readFileSync(join(s.outdir, artifact.properties!.templateFile!), 'utf8')) as { Resources: Record<string, Resource> };
  return { region: artifact.environment!.split('/').pop()!, resources: template.Resources };
}

beforeAll(() => {
  // With the switches that cost money on (the dashboard, the topic's KMS key): stack.test.ts holds the defaults.
  synth = synthesise({ bundle: false, config: withConfig({ dashboard: true, alertTopicKey: true }) });
  resources = resourcesOf(synth.template);
});

describe('alarms reach the operator', () => {
  it('lets CloudWatch and AWS Budgets use the alert topic’s key, only for this account and this stack’s alarms and budget', () => {
    const key = ofType('AWS::KMS::Key')[0]![1].Properties as { KeyPolicy: { Statement: Statement[] } };
    for (const [service, arn] of [
      ['cloudwatch.amazonaws.com', ':alarm:Verkosto-*'],
      ['budgets.amazonaws.com', ':budget/Verkosto-monthly'],
    ] as const) {
      const s = key.KeyPolicy.Statement.find((x) => x.Principal?.Service === service);
      expect(s, service).toBeDefined();
      expect(actions(s!).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
      expect(s!.Condition?.StringEquals?.['aws:SourceAccount']).toEqual({ Ref: 'AWS::AccountId' });
      expect(JSON.stringify(s!.Condition?.ArnLike?.['aws:SourceArn'])).toContain(arn);
    }
  });

  it('lets CloudWatch and AWS Budgets publish to the alert topic, under the same conditions', () => {
    const topic = idOf(synth, synth.stack.monitoring.topic);
    const policy = ofType('AWS::SNS::TopicPolicy').find(([, p]) => referencedIds(p.Properties.Topics).includes(topic))![1].Properties as { PolicyDocument: { Statement: Statement[] } };
    for (const service of ['cloudwatch.amazonaws.com', 'budgets.amazonaws.com']) {
      const s = policy.PolicyDocument.Statement.find((x) => x.Effect === 'Allow' && x.Principal?.Service === service);
      expect(s, service).toBeDefined();
      expect(actions(s!)).toEqual(['sns:Publish']);
      expect(referencedIds(s!.Resource)).toEqual([topic]);
      expect(s!.Condition?.StringEquals?.['aws:SourceAccount']).toEqual({ Ref: 'AWS::AccountId' });
      expect(s!.Condition?.ArnLike?.['aws:SourceArn']).toBeDefined();
    }
  });

  it('sends every alarm to the alert topic', () => {
    const topic = idOf(synth, synth.stack.monitoring.topic);
    expect(alarms().length).toBeGreaterThan(5);
    for (const a of alarms()) expect(referencedIds(a.AlarmActions), a.id).toEqual([topic]);
  });
});

describe('alarms on what breaks', () => {
  it('alarms on Lambda errors and throttles (the region’s totals by default)', () => {
    for (const name of ['Errors', 'Throttles']) {
      const [a] = alarmOn('AWS/Lambda', name);
      expect(a, name).toBeDefined();
      expect(watched(a!)).toEqual([{ Namespace: 'AWS/Lambda', MetricName: name, Dimensions: [] }]);
      expect(a!.Threshold).toBe(0);
    }
  });

  it('alarms on the HTTP API’s 5xx rate and its p99 latency', () => {
    const api = idOf(synth, synth.stack.api.api);
    const rate = alarmOn('AWS/ApiGateway', '5xx')[0]!;
    expect(watched(rate).map((m) => m.MetricName).sort()).toEqual(['5xx', 'Count']);
    for (const m of watched(rate)) expect(referencedIds(m.Dimensions)).toEqual([api]);
    expect(rate.Metrics!.find((m) => m.Expression)?.Expression).toMatch(/errors \/ requests/);
    expect(rate.Threshold).toBeGreaterThan(0);
    expect(rate.Threshold).toBeLessThan(1);
    const latency = alarmOn('AWS/ApiGateway', 'Latency')[0]!;
    expect(latency.ExtendedStatistic).toBe('p99');
    expect(referencedIds(latency.Dimensions)).toEqual([api]);
  });

  it('alarms on DynamoDB throttles and system errors of the table', () => {
    const table = idOf(synth, synth.stack.data.table);
    const [a] = alarmOn('AWS/DynamoDB', 'SystemErrors');
    const names = watched(a!).map((m) => m.MetricName);
    expect(names).toEqual(expect.arrayContaining(['ReadThrottleEvents', 'WriteThrottleEvents', 'SystemErrors']));
    for (const m of watched(a!)) expect(referencedIds(m.Dimensions)).toEqual([table]);
  });

  it('alarms on the age of the digest queue’s oldest message', () => {
    const queue = idOf(synth, synth.stack.work.queues.get('DigestBatches')!);
    const [a] = alarmOn('AWS/SQS', 'ApproximateAgeOfOldestMessage');
    expect(referencedIds(a!.Dimensions)).toEqual([queue]);
    expect(a!.Threshold).toBeGreaterThanOrEqual(600);
  });

  it('alarms on Scheduler target errors and dropped invocations of this stack’s schedule group', () => {
    const [a] = alarmOn('AWS/Scheduler', 'TargetErrorCount');
    expect(watched(a!).map((m) => m.MetricName).sort()).toEqual(['InvocationDroppedCount', 'TargetErrorCount']);
    for (const m of watched(a!)) expect(m.Dimensions).toEqual([{ Name: 'ScheduleGroup', Value: 'Verkosto' }]);
  });

  it('watches every dead-letter queue, the rotation function’s included', () => {
    const dlqs = ofType('AWS::SQS::Queue').filter(([id]) => /Dlq/.test(id)).map(([id]) => id);
    const onDlqs = alarmOn('AWS/SQS', 'ApproximateNumberOfMessagesVisible').flatMap((a) => referencedIds(a.Metrics));
    for (const q of dlqs) expect(onDlqs, q).toContain(q);
    expect(synth.stack.tokenKeys.rotation!.deadLetters).toBe(synth.stack.functions.failures);
  });

  it('has a monthly budget from the config, in us-east-1, alerting the topic at 80 % and 100 %', () => {
    const budgetStack = readStack(synth, 'Verkosto-budget');
    expect(budgetStack.region).toBe('us-east-1');
    const [, budget] = ofType('AWS::Budgets::Budget', budgetStack.resources)[0]!;
    const p = budget.Properties as {
      Budget: { BudgetName: string; BudgetLimit: { Amount: number; Unit: string }; TimeUnit: string };
      NotificationsWithSubscribers: Array<{ Notification: { Threshold: number; NotificationType: string }; Subscribers: Array<{ SubscriptionType: string; Address: unknown }> }>;
    };
    expect(p.Budget).toMatchObject({ BudgetName: budgetName('Verkosto'), BudgetLimit: { Amount: base.monthlyBudgetUsd, Unit: 'USD' }, TimeUnit: 'MONTHLY' });
    expect(p.NotificationsWithSubscribers.filter((n) => n.Notification.NotificationType === 'ACTUAL').map((n) => n.Notification.Threshold).sort()).toEqual([100, 80]);
    // The topic it names is this stack's, by its fixed name.
    expect(ofType('AWS::SNS::Topic')[0]![1].Properties.TopicName).toBe('Verkosto-alerts');
    for (const n of p.NotificationsWithSubscribers) expect(JSON.stringify(n.Subscribers[0]!.Address)).toContain(':eu-north-1:');
    for (const n of p.NotificationsWithSubscribers) expect(JSON.stringify(n.Subscribers[0]!.Address)).toContain(':Verkosto-alerts');
  });
});

describe('the dashboard', () => {
  const body = () => JSON.stringify(ofType('AWS::CloudWatch::Dashboard')[0]![1].Properties.DashboardBody);
  /** The body with every reference replaced by its logical id, parsed. */
  const dashboard = () => {
    const join = ofType('AWS::CloudWatch::Dashboard')[0]![1].Properties.DashboardBody as { 'Fn::Join': [string, unknown[]] };
    const text = join['Fn::Join'][1].map((p) => (typeof p === 'string' ? p : (referencedIds(p)[0] ?? 'x'))).join('');
    return JSON.parse(text) as { widgets: Array<{ properties: { metrics?: unknown[][] } }> };
  };

  it('is named after the stack', () => {
    expect(ofType('AWS::CloudWatch::Dashboard')[0]![1].Properties.DashboardName).toBe('Verkosto-operations');
  });

  it('graphs the errors and the throttles of every function by a search on the stack’s name, which every function’s generated name starts with', () => {
    const expressions = dashboard().widgets.flatMap((w) => (w.properties.metrics ?? []).map((m) => (m.at(-1) as { expression?: string }).expression).filter(Boolean));
    for (const metric of ['Errors', 'Throttles']) {
      expect(expressions).toContain(`SEARCH('{AWS/Lambda,FunctionName} MetricName="${metric}" FunctionName=Verkosto', 'Sum', 300)`);
    }
    // CloudFormation names a function <stack>-<logical id>-<suffix> unless it is given a name.
    for (const [id, fn] of ofType('AWS::Lambda::Function')) expect(fn.Properties.FunctionName, id).toBeUndefined();
  });

  it('searches on every word of a stack name with dashes (a quoted name would have to match whole)', () => {
    const other = synthesise({ bundle: false, config: withConfig({ stackName: 'verkosto-kemi', dashboard: true }) });
    expect(JSON.stringify(ofType('AWS::CloudWatch::Dashboard', resourcesOf(other.template))[0]![1].Properties.DashboardBody)).toContain('FunctionName=verkosto FunctionName=kemi');
  });

  it('shows the real count of emails sent: SES sends through the configuration set, counted by its CloudWatch destination', () => {
    expect(body()).toMatch(/AWS\/SES\\",\\"Send\\",\\"ses:configuration-set/);
    const [, destination] = ofType('AWS::SES::ConfigurationSetEventDestination').find(([, d]) => JSON.stringify(d.Properties).includes('CloudWatchDestination'))!;
    expect(destination.Properties.EventDestination).toMatchObject({ MatchingEventTypes: ['send'], CloudWatchDestination: { DimensionConfigurations: [{ DimensionName: 'ses:configuration-set', DimensionValueSource: 'messageTag' }] } });
  });

  it('has at most 50 metrics however many functions there are: none of them names a function', () => {
    const rows = dashboard().widgets.flatMap((w) => w.properties.metrics ?? []);
    expect(rows.length).toBeLessThanOrEqual(50);
    expect(rows.filter((m) => m.includes('FunctionName'))).toEqual([]);
  });

  it('counts submissions and digests from EventBridge rule invocations, free metrics, not custom ones', () => {
    const rows = dashboard().widgets.flatMap((w) => w.properties.metrics ?? []);
    const invocations = rows.filter((m) => m[0] === 'AWS/Events' && m[1] === 'Invocations');
    expect(invocations.map((m) => m[m.indexOf('RuleName') + 1]).sort()).toEqual(
      [idOf(synth, synth.stack.events.rules.get('DigestRequested')!), idOf(synth, synth.stack.events.rules.get('ListingSubmittedToStore')!)].sort(),
    );
    expect(rows.filter((m) => m[0] === 'Verkosto')).toEqual([]);
  });
});

describe('schedules', () => {
  it('live in the stack’s own schedule group, which goes with the stack', () => {
    const [groupId, group] = ofType('AWS::Scheduler::ScheduleGroup')[0]!;
    expect(group.Properties.Name).toBe('Verkosto');
    expect(group.DeletionPolicy).toBe('Delete');
    for (const [id, s] of ofType('AWS::Scheduler::Schedule')) {
      expect(s.Properties.GroupName, id).toBe('Verkosto');
      // The name is literal, so the order of creation must be stated.
      expect((s as { DependsOn?: string[] }).DependsOn, id).toContain(groupId);
    }
  });

  it('put what they cannot deliver in a watched dead-letter queue', () => {
    const dlq = idOf(synth, synth.stack.events.ruleDeadLetters);
    for (const [id, s] of ofType('AWS::Scheduler::Schedule')) {
      const target = s.Properties.Target as { DeadLetterConfig?: { Arn: unknown }; RetryPolicy?: { MaximumRetryAttempts: number } };
      expect(referencedIds(target.DeadLetterConfig?.Arn), id).toEqual([dlq]);
    }
  });

  it('lets functions make one-time schedules only in the stack’s group, with the dead-letter queue in the environment', () => {
    const reminders = topology.filter((f) => f.access.reminders).map((f) => f.id);
    expect(reminders.length).toBeGreaterThan(0);
    for (const id of reminders) {
      const fn = resources[idOf(synth, synth.stack.functions.byId.get(id)!)]!;
      const env = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(env.SCHEDULE_GROUP_NAME).toBe('Verkosto');
      expect(referencedIds(env.SCHEDULE_DLQ_ARN)).toEqual([idOf(synth, synth.stack.events.ruleDeadLetters)]);
    }
    const policies = JSON.stringify(ofType('AWS::IAM::Policy').map(([, p]) => p.Properties.PolicyDocument));
    expect(policies).toContain(':schedule/Verkosto/meeting-reminder-*');
    expect(policies).not.toContain(':schedule/default/');
  });
});

describe('SES', () => {
  it('lets functions send in the sandbox too: to verified recipient identities, only From the configured sender', () => {
    const sendMail = topology.find((f) => f.access.sendMail)!;
    const role = referencedIds(resources[idOf(synth, synth.stack.functions.byId.get(sendMail.id)!)]!.Properties.Role)[0]!;
    const statements = ofType('AWS::IAM::Policy')
      .filter(([, p]) => referencedIds(p.Properties.Roles).includes(role))
      .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
    const sandbox = statements.find((s) => JSON.stringify(s.Resource).includes(':identity/*'));
    expect(sandbox).toBeDefined();
    expect(actions(sandbox!).sort()).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
    expect(sandbox!.Condition).toEqual({ StringEquals: { 'ses:FromAddress': base.mail.sender } });
  });

  it('uses a custom MAIL FROM domain under the mail domain, and outputs its records and a DMARC record', () => {
    expect(ofType('AWS::SES::EmailIdentity')[0]![1].Properties.MailFromAttributes).toEqual({ MailFromDomain: `bounce.${base.mail.domain}`, BehaviorOnMxFailure: 'USE_DEFAULT_VALUE' });
    const outputs = JSON.stringify(synth.template.toJSON().Outputs);
    expect(outputs).toContain(`bounce.${base.mail.domain} MX 10 feedback-smtp.eu-north-1.amazonses.com`);
    expect(outputs).toContain('v=spf1 include:amazonses.com');
    expect(outputs).toContain(`_dmarc.${base.mail.domain} TXT`);
  });

  it('takes only bounces of mail sent through this stack’s configuration set from the shared default bus', () => {
    const [, rule] = ofType('AWS::Events::Rule').find(([, r]) => r.Properties.EventBusName === 'default')!;
    const pattern = rule.Properties.EventPattern as { detail: { mail: { tags: Record<string, unknown> } } };
    expect(referencedIds(pattern.detail.mail.tags['ses:configuration-set'])).toEqual([idOf(synth, synth.stack.mail.configurationSet)]);
  });
});

describe('token signing keys', () => {
  it('are a secret named after the stack, kept when the stack is deleted', () => {
    const [, secret] = ofType('AWS::SecretsManager::Secret')[0]!;
    expect(secret.Properties.Name).toBe('Verkosto/token-keys');
    expect(secret.DeletionPolicy).toBe('Retain');
  });

  it('rotate by the stack’s rotation function, no sooner than the longest link lives', () => {
    const [, schedule] = ofType('AWS::SecretsManager::RotationSchedule')[0]!;
    expect(referencedIds(schedule.Properties.RotationLambdaARN)).toEqual([idOf(synth, synth.stack.tokenKeys.rotation!)]);
    expect(schedule.Properties.RotateImmediatelyOnUpdate).toBe(false);
    expect((schedule.Properties.RotationRules as { ScheduleExpression: string }).ScheduleExpression).toBe(`rate(${TOKEN_KEY_ROTATION_DAYS} days)`);
    expect(TOKEN_KEY_ROTATION_DAYS).toBeGreaterThanOrEqual(Math.max(EDIT_TOKEN_DAYS, LINK_DAYS));
  });
});

describe('logs', () => {
  it('keeps CloudFront access logs off by default (query strings carry link tokens), and the logs bucket expires what it holds', () => {
    const dist = ofType('AWS::CloudFront::Distribution')[0]![1].Properties.DistributionConfig as { Logging?: unknown };
    expect(dist.Logging).toBeUndefined();
    // The logs bucket: the one with ACLs kept for CloudFront's log delivery (the snapshot bucket enforces the owner).
    const logs = ofType('AWS::S3::Bucket').find(([, b]) => JSON.stringify(b.Properties.OwnershipControls ?? null).includes('ObjectWriter'))![1];
    expect(logs.Properties.LifecycleConfiguration).toEqual({ Rules: [expect.objectContaining({ ExpirationInDays: LOG_RETENTION_DAYS, Status: 'Enabled' })] });
  });

  it('turns them on when the config asks', () => {
    const on = synthesise({ bundle: false, config: withConfig({ cdnAccessLogs: true }) });
    const dist = ofType('AWS::CloudFront::Distribution', resourcesOf(on.template))[0]![1].Properties.DistributionConfig as { Logging?: { Prefix: string } };
    expect(dist.Logging?.Prefix).toBe('cloudfront/');
    expect(unacknowledged(on.report)).toEqual([]);
  });
});

describe('cdk-nag', () => {
  it('runs the Serverless pack alongside AwsSolutions, with nothing unacknowledged', () => {
    expect(synth.error?.message).toBeUndefined();
    expect(synth.report.pluginReports.map((r) => r.pluginName)).toEqual(expect.arrayContaining(['AwsSolutions', 'Serverless']));
    expect(unacknowledged(synth.report)).toEqual([]);
  });

  it('gives CFR2 and CFR4 reasons that are true of this stack', () => {
    const reasons = Object.fromEntries(synth.report.pluginReports.flatMap((r) => r.suppressedViolations ?? []).map((s) => [s.ruleName, s.reason]));
    expect(reasons['AwsSolutions-CFR2']).toMatch(/50 requests a second/);
    expect(reasons['AwsSolutions-CFR2']).toContain('rate-limit.ts');
    expect(reasons['AwsSolutions-CFR4']).toMatch(/No custom domain configured/);
  });
});

describe('per-function alarms when configured', () => {
  it('alarms on errors and throttles of every function, ten to an alarm', () => {
    const s = synthesise({ bundle: false, config: withConfig({ perFunctionAlarms: true }) });
    const r = resourcesOf(s.template);
    for (const name of ['Errors', 'Throttles']) {
      const watchedFns = alarms(r)
        .filter((a) => watched(a).some((m) => m.Namespace === 'AWS/Lambda' && m.MetricName === name))
        .flatMap((a) => referencedIds(a.Metrics));
      for (const f of topology) expect(watchedFns, `${name} ${f.id}`).toContain(idOf(s, s.stack.functions.byId.get(f.id)!));
    }
  });
});

describe('several stacks in one account', () => {
  /** Keys whose literal value is a name AWS holds unique per account and region (or globally). */
  const NAMING_KEYS = new Set(['Name', 'TopicName', 'DashboardName', 'BudgetName', 'AlarmName', 'RoleName', 'FunctionName', 'QueueName', 'BucketName', 'TableName', 'LogGroupName', 'EmailIdentity', 'ConfigurationSetName']);
  /** A resource's own name: a naming key of its properties, or of a `…Config` block in them (CloudFront policies, origin access controls). */
  const namesIn = (properties: Record<string, unknown> | undefined, into: Set<string>): Set<string> => {
    for (const [k, v] of Object.entries(properties ?? {})) {
      if (NAMING_KEYS.has(k) && typeof v === 'string') into.add(`${k}=${v}`);
      else if (k.endsWith('Config') && v && typeof v === 'object' && !Array.isArray(v)) namesIn(v as Record<string, unknown>, into);
    }
    return into;
  };
  const namesOfApp = (s: Synthesised) => {
    const manifest = JSON.parse(readFileSync(join(s.outdir, 'manifest.json'), 'utf8')) as { artifacts: Record<string, { type: string }> };
    const stacks = Object.entries(manifest.artifacts).filter(([, a]) => a.type === 'aws:cloudformation:stack').map(([name]) => name);
    const names = new Set<string>();
    for (const name of stacks) for (const r of Object.values(readStack(s, name).resources)) namesIn(r.Properties, names);
    return { stacks, names };
  };

  it('synthesises two configs into stacks that share no named resource', () => {
    const kemi = synthesise({ bundle: false, config: withConfig({ stackName: 'VerkostoKemi', dashboard: true }) });
    const raahe = synthesise({
      bundle: false,
      config: withConfig({ stackName: 'VerkostoRaahe', dashboard: true, mail: { ...base.mail, domain: 'raahe.example.fi', sender: 'verkosto@raahe.example.fi' } }),
    });
    const a = namesOfApp(kemi);
    const b = namesOfApp(raahe);
    expect(a.stacks).toEqual(expect.arrayContaining(['VerkostoKemi', 'VerkostoKemi-budget']));
    expect(a.names).toContain('DashboardName=VerkostoKemi-operations');
    expect(a.names).toContain('Name=VerkostoKemi/token-keys');
    expect(a.names).toContain('Name=VerkostoKemi');
    expect([...a.names].filter((n) => b.names.has(n))).toEqual([]);
    // The SES rule on the shared default bus takes only its own stack's mail.
    for (const s of [kemi, raahe]) {
      const [, rule] = ofType('AWS::Events::Rule', resourcesOf(s.template)).find(([, r]) => r.Properties.EventBusName === 'default')!;
      expect(referencedIds(rule.Properties.EventPattern)).toEqual([idOf(s, s.stack.mail.configurationSet)]);
    }
  });
});

describe('an own domain', () => {
  const domain = 'verkosto.kemi.fi';
  const viewerOf = (r: Record<string, Resource>) =>
    ofType('AWS::CloudFront::Distribution', r)[0]![1].Properties.DistributionConfig as { Aliases?: string[]; ViewerCertificate?: { AcmCertificateArn: unknown; MinimumProtocolVersion: string; SslSupportMethod: string } };
  const envOf = (s: Synthesised, id: string) => (resourcesOf(s.template)[idOf(s, s.stack.functions.byId.get(id)!)]!.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
  const linkMaker = topology.find((f) => f.access.siteUrl)!.id;

  it('with an existing us-east-1 certificate: CloudFront answers on the domain with TLS 1.2 (2021) at least; links, CORS and the output follow it', () => {
    const arn = 'arn:aws:acm:us-east-1:123456789012:certificate/0f0e0d0c-0b0a-0908-0706-050403020100';
    const s = synthesise({ bundle: false, config: withConfig({ domain: { name: domain, certificateArn: arn } }) });
    const r = resourcesOf(s.template);
    expect(viewerOf(r)).toMatchObject({ Aliases: [domain], ViewerCertificate: { AcmCertificateArn: arn, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' } });
    expect(envOf(s, linkMaker).SITE_URL).toBe(`https://${domain}`);
    const cors = ofType('AWS::ApiGatewayV2::Api', r)[0]![1].Properties.CorsConfiguration as { AllowOrigins: string[] };
    expect(cors.AllowOrigins).toEqual([`https://${domain}`]);
    expect((s.template.toJSON().Outputs as Record<string, { Value: unknown }>).SiteUrl!.Value).toBe(`https://${domain}`);
    expect(unacknowledged(s.report)).toEqual([]);
    const reasons = s.report.pluginReports.flatMap((p) => p.suppressedViolations ?? []).map((v) => v.ruleName);
    expect(reasons).not.toContain('AwsSolutions-CFR4');
  });

  it('with a Route 53 zone: a DNS-validated certificate in a us-east-1 stack, read across regions, and alias records for IPv4 and IPv6', () => {
    const s = synthesise({ bundle: false, config: withConfig({ domain: { name: domain, hostedZone: { id: 'Z0123456789ABCDEFGHIJ', name: 'kemi.fi' } } }) });
    expect(s.certificateStack?.region).toBe('us-east-1');
    const cert = ofType('AWS::CertificateManager::Certificate', resourcesOf(s.certificateTemplate!))[0]![1].Properties;
    expect(cert).toMatchObject({ DomainName: domain, ValidationMethod: 'DNS', DomainValidationOptions: [{ DomainName: domain, HostedZoneId: 'Z0123456789ABCDEFGHIJ' }] });
    const r = resourcesOf(s.template);
    const viewer = viewerOf(r);
    expect(viewer.Aliases).toEqual([domain]);
    expect(viewer.ViewerCertificate?.MinimumProtocolVersion).toBe('TLSv1.2_2021');
    // The ARN is the certificate stack's output, read across regions by CloudFormation itself.
    expect(viewer.ViewerCertificate?.AcmCertificateArn).toEqual({ 'Fn::GetStackOutput': expect.objectContaining({ StackName: 'Verkosto-certificate', Region: 'us-east-1' }) });
    const records = ofType('AWS::Route53::RecordSet', r).map(([, x]) => x.Properties as { Name: string; Type: string; HostedZoneId: string; AliasTarget: { DNSName: unknown } });
    expect(records.map((x) => x.Type).sort()).toEqual(['A', 'AAAA']);
    for (const x of records) expect(x).toMatchObject({ Name: `${domain}.`, HostedZoneId: 'Z0123456789ABCDEFGHIJ' });
    expect(envOf(s, linkMaker).SITE_URL).toBe(`https://${domain}`);
    expect(unacknowledged(s.report)).toEqual([]);
  });
});
