import { ArnFormat, Duration, Stack, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  SearchExpression,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { AppFunction } from './app-function.js';

export interface MonitoringProps {
  /** Operators' address for alarms (config `alertEmail`). */
  readonly alertEmail: string;
  /** Every function of the stack: with `perFunctionAlarms` each has its error and throttle alarm (the dashboard finds them by a search). */
  readonly functions: ReadonlyMap<string, AppFunction>;
  /** Every dead-letter queue: any message in one is a problem to look at. */
  readonly deadLetterQueues: ReadonlyArray<{ name: string; queue: IQueue }>;
  /** SES configuration set whose reputation and sends are watched. */
  readonly configurationSetName: string;
  readonly api: HttpApi;
  readonly table: ITable;
  /** Queues whose oldest message must not wait long (the digest batches). */
  readonly workQueues: ReadonlyArray<{ name: string; queue: IQueue }>;
  /** The stack's EventBridge Scheduler schedule group. */
  readonly scheduleGroupName: string;
  /** The custom bus, whose rules' invocations count submissions and digests on the dashboard. */
  readonly busName: string;
  /** Physical rule name by topology rule id (the dashboard counts some rules' invocations). */
  readonly ruleNames: Readonly<Record<string, string>>;
  /**
   * Error and throttle alarms per function (metric math, ten functions an
   * alarm) instead of on the region's Lambda totals. Each watched metric is
   * an alarm metric billed at $0.10 a month.
   * @default false
   */
  readonly perFunctionAlarms?: boolean;
  /**
   * The dashboard `<stack>-operations`: $3 a month (free for an account's
   * first three), plus the per-stack email count it shows (one custom metric).
   * @default false
   */
  readonly dashboard?: boolean;
  /**
   * Encrypt the alert topic with a customer-managed KMS key ($1 a month).
   * CloudWatch cannot publish to a topic under the AWS-managed SNS key, so
   * without this the topic is unencrypted; alarm and budget messages carry
   * alarm names, metrics and amounts, never personal data.
   * @default false
   */
  readonly topicKey?: boolean;
  /** @default 0.02 (AWS reviews accounts above 5 %, warns at 2 %) */
  readonly bounceRateThreshold?: number;
  /** @default 0.001 (AWS reviews accounts above 0.5 %, warns at 0.1 %) */
  readonly complaintRateThreshold?: number;
  /** @default 0.05 (share of API requests answered 5xx in five minutes, with at least 20 requests) */
  readonly serverErrorRateThreshold?: number;
  /** @default 3000 (ms, p99 of the API's latency over three 5-minute periods) */
  readonly latencyP99ThresholdMs?: number;
  /** @default Duration.minutes(30) (a digest batch waiting this long is stuck: 2,000 recipients take 4 minutes at 10/s) */
  readonly maxQueueAge?: Duration;
}

/** The alert topic's name: per stack, and known before deploy. */
export const alertTopicName = (stackName: string) => `${stackName}-alerts`;
/** The monthly budget's name. */
export const budgetName = (stackName: string) => `${stackName}-monthly`;

/** The DynamoDB operations the request paths use (lib/constructs/app-function.ts grants no others that matter here). */
const WATCHED_TABLE_OPERATIONS = ['GetItem', 'Query', 'PutItem', 'UpdateItem'] as const;

/**
 * What an operator watches: an SNS topic to their email that CloudWatch
 * and AWS Budgets may actually publish to (its KMS key lets them), alarms on
 * what breaks (dead letters, Lambda errors and throttles, the API's 5xx rate
 * and p99 latency, DynamoDB throttles and system errors, the digest queue's
 * oldest message, Scheduler target errors and drops, SES bounce and
 * complaint rates), and a dashboard named after the stack. The monthly
 * budget lives in us-east-1 (lib/budget-stack.ts) and alerts this topic.
 */
export class Monitoring extends Construct {
  readonly topic: Topic;
  /** The alert topic's key, with `topicKey`. */
  readonly key?: Key;
  readonly alarms: Alarm[] = [];
  /** With `dashboard`. */
  readonly dashboard?: Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const stack = Stack.of(this);
    // Opt-in ($1 a month): alarm and budget notices carry alarm names, metric values and amounts, never personal
    // data, and CloudWatch cannot publish to a topic under the AWS-managed SNS key, so the other choice is none.
    if (props.topicKey) this.key = new Key(this, 'TopicKey', { enableKeyRotation: true, description: `${stack.stackName} operator alerts` });
    // Named, so the budget in us-east-1 (lib/budget-stack.ts) can name it without a cross-region reference.
    this.topic = new Topic(this, 'Alerts', { topicName: alertTopicName(stack.stackName), displayName: `${stack.stackName} alerts`, ...(this.key ? { masterKey: this.key } : {}), enforceSSL: true });
    const subscription = this.topic.addSubscription(new EmailSubscription(props.alertEmail));
    Validations.of(subscription).acknowledge({
      id: 'Serverless::Serverless-SNSRedrivePolicy',
      reason: 'The operator email subscription: SNS retries email deliveries itself, and a dead-letter queue for undeliverable alerts could only raise an alarm through this same subscription. Delivery is proven after deploy (docs/operations.md, "Alarms reach you").',
    });
    this.allowPublisher('cloudwatch.amazonaws.com', stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: `${stack.stackName}-*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME }));
    this.allowPublisher('budgets.amazonaws.com', `arn:${stack.partition}:budgets::${stack.account}:budget/${budgetName(stack.stackName)}`);

    const action = new SnsAction(this.topic);
    const alarm = (alarmId: string, options: Omit<ConstructorParameters<typeof Alarm>[2], 'evaluationPeriods'> & { evaluationPeriods?: number }) => {
      const a = new Alarm(this, alarmId, { evaluationPeriods: 1, treatMissingData: TreatMissingData.NOT_BREACHING, comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD, ...options });
      a.addAlarmAction(action);
      this.alarms.push(a);
      return a;
    };
    const fiveMinutes = Duration.minutes(5);
    // CloudWatch alarms take at most 10 metrics in a math expression, and every metric is billed: groups of ten.
    const chunks = <T,>(items: readonly T[]) => Array.from({ length: Math.ceil(items.length / 10) }, (_, i) => items.slice(i * 10, i * 10 + 10));
    const sumOf = (metrics: readonly IMetric[], label: string, fn = 'SUM') =>
      new MathExpression({ expression: `${fn}([${metrics.map((_, j) => `m${j}`).join(',')}])`, usingMetrics: Object.fromEntries(metrics.map((m, j) => [`m${j}`, m])), period: fiveMinutes, label });

    chunks(props.deadLetterQueues).forEach((group, i) => {
      alarm(`DeadLetters${i + 1}`, {
        alarmDescription: `A message is waiting in a dead-letter queue (${group.map((g) => g.name).join(', ')}): see docs/operations.md, "Recovery".`,
        metric: sumOf(group.map((g) => g.queue.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes, statistic: 'Maximum' })), 'messages in dead-letter queues', 'MAX'),
        threshold: 0,
      });
    });

    const lambdaTotal = (metricName: string) => new Metric({ namespace: 'AWS/Lambda', metricName, period: fiveMinutes, statistic: 'Sum' });
    if (props.perFunctionAlarms) {
      chunks([...props.functions]).forEach((group, i) => {
        alarm(`FunctionErrors${i + 1}`, {
          alarmDescription: `A function failed in the last 5 minutes (${group.map(([name]) => name).join(', ')}). Logs: /aws/lambda/…`,
          metric: sumOf(group.map(([, fn]) => fn.metricErrors({ period: fiveMinutes, statistic: 'Sum' })), 'function errors'),
          threshold: 0,
        });
        alarm(`FunctionThrottles${i + 1}`, {
          alarmDescription: `Lambda refused to run a function for lack of concurrency (${group.map(([name]) => name).join(', ')}): raise the account's concurrency quota.`,
          metric: sumOf(group.map(([, fn]) => fn.metricThrottles({ period: fiveMinutes, statistic: 'Sum' })), 'function throttles'),
          threshold: 0,
        });
      });
    } else {
      // The region's totals: two alarm metrics instead of seventy. The dashboard shows which function it was.
      alarm('FunctionErrors', {
        alarmDescription: 'A Lambda function in this account and region failed in the last 5 minutes: the dashboard shows which (docs/operations.md, "Alarms").',
        metric: lambdaTotal('Errors'),
        threshold: 0,
      });
      alarm('FunctionThrottles', {
        alarmDescription: "Lambda refused to run a function in this account and region for lack of concurrency: raise the account's concurrency quota.",
        metric: lambdaTotal('Throttles'),
        threshold: 0,
      });
    }

    const apiMetric = (metricName: string, statistic: string) => new Metric({ namespace: 'AWS/ApiGateway', metricName, dimensionsMap: { ApiId: props.api.apiId }, period: fiveMinutes, statistic });
    alarm('ApiServerErrorRate', {
      alarmDescription: `More than ${(props.serverErrorRateThreshold ?? 0.05) * 100} % of API requests answered 5xx in 5 minutes: function errors or throttling behind the API.`,
      metric: new MathExpression({
        // Below 20 requests one failure is no rate: stay quiet (function errors alarm anyway).
        expression: 'IF(requests >= 20, errors / requests, 0)',
        usingMetrics: { errors: apiMetric('5xx', 'Sum'), requests: apiMetric('Count', 'Sum') },
        period: fiveMinutes,
        label: 'share of 5xx answers',
      }),
      threshold: props.serverErrorRateThreshold ?? 0.05,
    });
    alarm('ApiLatencyP99', {
      alarmDescription: `The API's p99 latency stayed over ${props.latencyP99ThresholdMs ?? 3000} ms for 15 minutes: slow DynamoDB queries, cold starts or a stuck dependency.`,
      metric: apiMetric('Latency', 'p99'),
      threshold: props.latencyP99ThresholdMs ?? 3000,
      evaluationPeriods: 3,
    });

    const tableMetric = (metricName: string, dims: Record<string, string> = {}) =>
      new Metric({ namespace: 'AWS/DynamoDB', metricName, dimensionsMap: { TableName: props.table.tableName, ...dims }, period: fiveMinutes, statistic: 'Sum' });
    alarm('TableThrottlesOrSystemErrors', {
      alarmDescription: 'DynamoDB throttled requests or answered with a system error (HTTP 500) in 5 minutes: see the table\'s metrics; the SDK retried, so a function may also have failed.',
      metric: sumOf(
        [tableMetric('ReadThrottleEvents'), tableMetric('WriteThrottleEvents'), ...WATCHED_TABLE_OPERATIONS.map((op) => tableMetric('SystemErrors', { Operation: op }))],
        'throttled reads and writes, system errors',
      ),
      threshold: 0,
    });

    for (const { name, queue } of props.workQueues) {
      alarm(`${name}OldestMessage`, {
        alarmDescription: `A message in ${name} has waited over ${(props.maxQueueAge ?? Duration.minutes(30)).toMinutes()} minutes: its consumer is failing, throttled or stopped.`,
        metric: queue.metricApproximateAgeOfOldestMessage({ period: fiveMinutes, statistic: 'Maximum' }),
        threshold: (props.maxQueueAge ?? Duration.minutes(30)).toSeconds(),
      });
    }

    const schedulerMetric = (metricName: string) => new Metric({ namespace: 'AWS/Scheduler', metricName, dimensionsMap: { ScheduleGroup: props.scheduleGroupName }, period: fiveMinutes, statistic: 'Sum' });
    alarm('ScheduleFailures', {
      alarmDescription: 'EventBridge Scheduler could not invoke a target of this stack (target error) or dropped an invocation after its retries: see the schedule dead-letter queue.',
      metric: sumOf([schedulerMetric('TargetErrorCount'), schedulerMetric('InvocationDroppedCount')], 'schedule target errors and drops'),
      threshold: 0,
    });

    const reputation = (metricName: string) =>
      new Metric({ namespace: 'AWS/SES', metricName, dimensionsMap: { 'ses:configuration-set': props.configurationSetName }, period: Duration.hours(1), statistic: 'Average' });
    alarm('BounceRate', {
      alarmDescription: 'SES bounce rate over 2 %: check the mailing list and recent imports before AWS pauses sending.',
      metric: reputation('Reputation.BounceRate'),
      threshold: props.bounceRateThreshold ?? 0.02,
    });
    alarm('ComplaintRate', {
      alarmDescription: 'SES complaint rate over 0.1 %: recipients mark the digest as spam.',
      metric: reputation('Reputation.ComplaintRate'),
      threshold: props.complaintRateThreshold ?? 0.001,
    });

    if (props.dashboard) this.dashboard = this.buildDashboard(props, reputation, apiMetric);
  }

  /**
   * A service may publish to the alert topic, and use its key to do so, only
   * on behalf of this account and of sources named after this stack (the
   * confused-deputy guard AWS documents for both services).
   */
  private allowPublisher(service: string, sourceArn: string) {
    const account = Stack.of(this).account;
    const conditions = { StringEquals: { 'aws:SourceAccount': account }, ArnLike: { 'aws:SourceArn': sourceArn } };
    this.topic.addToResourcePolicy(
      new PolicyStatement({ sid: `Publish-${service.split('.')[0]}`, principals: [new ServicePrincipal(service)], actions: ['sns:Publish'], resources: [this.topic.topicArn], conditions }),
    );
    this.key?.addToResourcePolicy(
      new PolicyStatement({ sid: `Encrypt-${service.split('.')[0]}`, principals: [new ServicePrincipal(service)], actions: ['kms:Decrypt', 'kms:GenerateDataKey*'], resources: ['*'], conditions }),
    );
  }

  /**
   * One dashboard per stack, named after it. Every count on it is a metric
   * AWS publishes for free (EventBridge rule invocations, Lambda, API
   * Gateway, SQS, SES reputation) but the per-stack email count. The
   * per-function graphs are search expressions, so a new function shows up
   * without a new metric: the dashboard stays within 50 metrics however many
   * functions there are.
   */
  private buildDashboard(
    props: MonitoringProps,
    reputation: (name: string) => Metric,
    apiMetric: (name: string, statistic: string) => Metric,
  ): Dashboard {
    const stack = Stack.of(this);
    const hour = Duration.hours(1);
    const fiveMinutes = Duration.minutes(5);
    // Every email of every kind goes through the configuration set; its CloudWatch destination counts sends (lib/constructs/mail.ts).
    const sent = new Metric({ namespace: 'AWS/SES', metricName: 'Send', dimensionsMap: { 'ses:configuration-set': props.configurationSetName }, period: hour, statistic: 'Sum', label: 'emails sent (all kinds)' });
    const ruleInvocations = (rules: ReadonlyArray<[id: string, label: string]>) =>
      rules.flatMap(([id, label]) => {
        const ruleName = props.ruleNames[id];
        return ruleName ? [new Metric({ namespace: 'AWS/Events', metricName: 'Invocations', dimensionsMap: { EventBusName: props.busName, RuleName: ruleName }, period: hour, statistic: 'Sum', label })] : [];
      });
    // CloudFormation names each function <stack>-<logical id>-<suffix>. A partial match on every word of the
    // stack's name finds them all, the rotation function too (a quoted value would have to be the whole name).
    const stackWords = stack.stackName.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => `FunctionName=${w}`).join(' ');
    const everyFunction = (metricName: string) =>
      new SearchExpression({ expression: `SEARCH('{AWS/Lambda,FunctionName} MetricName="${metricName}" ${stackWords}', 'Sum', 300)`, label: '', period: fiveMinutes });
    const dashboard = new Dashboard(this, 'Dashboard', { dashboardName: `${stack.stackName}-operations` });
    dashboard.addWidgets(new TextWidget({ markdown: `# ${stack.stackName}\nEmails, submissions, digests, errors and dead letters. Runbook: docs/operations.md`, width: 24, height: 2 }));
    dashboard.addWidgets(
      new GraphWidget({ title: 'Emails sent (SES, all kinds) / bounce and complaint rate', left: [sent], right: [reputation('Reputation.BounceRate'), reputation('Reputation.ComplaintRate')], width: 8 }),
      new GraphWidget({ title: 'Listings submitted, digests requested (rule invocations)', left: ruleInvocations([['ListingSubmittedToStore', 'listings submitted'], ['DigestRequested', 'digests requested']]), width: 8 }),
      new GraphWidget({
        title: 'Dead-letter queues',
        left: props.deadLetterQueues.map((d) => d.queue.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes, statistic: 'Maximum', label: d.name })),
        width: 8,
      }),
    );
    dashboard.addWidgets(
      new GraphWidget({ title: 'Errors of every function', left: [everyFunction('Errors')], width: 12, height: 8 }),
      new GraphWidget({ title: 'Throttles of every function', left: [everyFunction('Throttles')], width: 12, height: 8 }),
    );
    dashboard.addWidgets(
      new GraphWidget({ title: 'API requests and 5xx', left: [apiMetric('Count', 'Sum')], right: [apiMetric('5xx', 'Sum')], width: 12 }),
      new GraphWidget({ title: 'API latency p99 (ms)', left: [apiMetric('Latency', 'p99')], width: 12 }),
    );
    return dashboard;
  }
}
