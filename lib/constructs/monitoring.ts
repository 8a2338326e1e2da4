import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Dashboard, GraphWidget, MathExpression, Metric, TextWidget, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { AppFunction } from './app-function.js';

export interface MonitoringProps {
  /** Operators' address for alarms (config `alertEmail`). */
  readonly alertEmail: string;
  readonly functions: ReadonlyMap<string, AppFunction>;
  /** Every dead-letter queue: any message in one is a problem to look at. */
  readonly deadLetterQueues: ReadonlyArray<{ name: string; queue: IQueue }>;
  /** SES configuration set whose reputation is watched. */
  readonly configurationSetName: string;
  /** @default 0.02 (AWS reviews accounts above 5 %, warns at 2 %) */
  readonly bounceRateThreshold?: number;
  /** @default 0.001 (AWS reviews accounts above 0.5 %, warns at 0.1 %) */
  readonly complaintRateThreshold?: number;
}

/**
 * What an operator watches: an SNS topic to their email, alarms on every
 * DLQ (any message), on function errors, and on the SES bounce and
 * complaint rates; a dashboard with submissions, emails and digests.
 */
export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const key = new Key(this, 'TopicKey', { enableKeyRotation: true, description: 'Verkosto operator alerts' });
    this.topic = new Topic(this, 'Alerts', { displayName: 'Verkosto alerts', masterKey: key, enforceSSL: true });
    this.topic.addSubscription(new EmailSubscription(props.alertEmail));
    const action = new SnsAction(this.topic);
    const alarm = (a: Alarm) => {
      a.addAlarmAction(action);
      this.alarms.push(a);
    };

    // CloudWatch alarms take at most 10 metrics in a math expression, and the stack must stay
    // under CloudFormation's 500 resources: one alarm per group of ten, not one per queue or function.
    const chunks = <T,>(items: readonly T[]) => Array.from({ length: Math.ceil(items.length / 10) }, (_, i) => items.slice(i * 10, i * 10 + 10));
    chunks(props.deadLetterQueues).forEach((group, i) => {
      alarm(
        new Alarm(this, `DeadLetters${i + 1}`, {
          alarmDescription: `A message is waiting in a dead-letter queue (${group.map((g) => g.name).join(', ')}): see docs/operations.md, "Recovery".`,
          metric: new MathExpression({
            expression: `MAX([${group.map((_, j) => `q${j}`).join(',')}])`,
            usingMetrics: Object.fromEntries(group.map((g, j) => [`q${j}`, g.queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' })])),
            period: Duration.minutes(5),
            label: 'messages in dead-letter queues',
          }),
          threshold: 0,
          comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
    });
    chunks([...props.functions]).forEach((group, i) => {
      alarm(
        new Alarm(this, `FunctionErrors${i + 1}`, {
          alarmDescription: `A function failed in the last 5 minutes (${group.map(([name]) => name).join(', ')}). Logs: /aws/lambda/…`,
          metric: new MathExpression({
            expression: group.map((_, j) => `e${j}`).join('+'),
            usingMetrics: Object.fromEntries(group.map(([, fn], j) => [`e${j}`, fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' })])),
            period: Duration.minutes(5),
            label: 'function errors',
          }),
          threshold: 0,
          comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
    });
    const reputation = (metricName: string) =>
      new Metric({ namespace: 'AWS/SES', metricName, dimensionsMap: { 'ses:configuration-set': props.configurationSetName }, period: Duration.hours(1), statistic: 'Average' });
    alarm(
      new Alarm(this, 'BounceRate', {
        alarmDescription: 'SES bounce rate over 2 %: check the mailing list and recent imports before AWS pauses sending.',
        metric: reputation('Reputation.BounceRate'),
        threshold: props.bounceRateThreshold ?? 0.02,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );
    alarm(
      new Alarm(this, 'ComplaintRate', {
        alarmDescription: 'SES complaint rate over 0.1 %: recipients mark the digest as spam.',
        metric: reputation('Reputation.ComplaintRate'),
        threshold: props.complaintRateThreshold ?? 0.001,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );

    const custom = (metricName: string, statistic = 'Sum') => new Metric({ namespace: 'Verkosto', metricName, dimensionsMap: { service: 'verkosto' }, period: Duration.hours(1), statistic });
    const dashboard = new Dashboard(this, 'Dashboard', { dashboardName: `Verkosto-${id}` });
    dashboard.addWidgets(new TextWidget({ markdown: '# Verkosto\nSubmissions, emails, digests, errors and dead letters. Runbook: docs/operations.md', width: 24, height: 2 }));
    dashboard.addWidgets(
      new GraphWidget({ title: 'Listings submitted / expired', left: [custom('ListingsSubmitted'), custom('ListingsExpired')], width: 8 }),
      new GraphWidget({ title: 'Emails sent / bounced / complained', left: [custom('EmailsSent'), custom('EmailsBounced'), custom('EmailsComplained')], width: 8 }),
      new GraphWidget({ title: 'Digest build time (ms) and failed batches', left: [custom('DigestBuildMs', 'Maximum')], right: [custom('DigestBatchFailures')], width: 8 }),
    );
    dashboard.addWidgets(
      new GraphWidget({
        title: 'Function errors (all)',
        left: [...props.functions].slice(0, 10).map(([, f]) => f.metricErrors({ period: Duration.minutes(5) })),
        width: 12,
      }),
      new GraphWidget({ title: 'SES reputation', left: [reputation('Reputation.BounceRate'), reputation('Reputation.ComplaintRate')], width: 12 }),
    );
  }
}
