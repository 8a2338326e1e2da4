import { Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { type IScheduleGroup, Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { type IQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV } from '../../functions/shared/env.js';
import type { OperatorConfig } from '../config.js';
import type { FunctionSpec, QueueSpec } from '../topology.js';
import { type AppFunction, deadLetterQueue } from './app-function.js';

/** Which env var carries which queue's URL. */
const QUEUE_URL_ENV: Record<string, string> = { DigestBatches: ENV.digestQueueUrl };

export interface WorkProps {
  readonly topology: readonly FunctionSpec[];
  readonly queues: readonly QueueSpec[];
  readonly functions: ReadonlyMap<string, AppFunction>;
  readonly bus: IEventBus;
  readonly config: OperatorConfig;
  /** The stack's own schedule group: its schedules go when the stack goes, and another stack's never mix in. */
  readonly scheduleGroup: IScheduleGroup;
  /** Where Scheduler puts an invocation it could not deliver after its retries. */
  readonly scheduleDeadLetters: IQueue;
}

/**
 * Work that is not a request: SQS queues with their consumers (partial
 * batch responses, redrive to a DLQ) and the topology's schedules (Lambda
 * targets, Helsinki time). Digests have one schedule for every network (the
 * DigestClock), so the stack does not grow with the networks.
 */
export class Work extends Construct {
  readonly queues = new Map<string, Queue>();

  constructor(scope: Construct, id: string, props: WorkProps) {
    super(scope, id);
    for (const q of props.queues) {
      const consumer = props.functions.get(q.consumer);
      if (!consumer) throw new Error(`Queue ${q.id} names an unknown consumer ${q.consumer}`);
      const dlq = deadLetterQueue(this, `${q.id}Dlq`, `messages of ${q.id} that failed ${q.maxReceiveCount ?? 5} receives`);
      const queue = new Queue(this, q.id, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        // At least six times the consumer's timeout, as AWS advises for event source mappings.
        visibilityTimeout: Duration.seconds(Math.max(q.visibilityTimeoutSeconds ?? 120, (consumer.timeout?.toSeconds() ?? 10) * 6)),
        deadLetterQueue: { queue: dlq, maxReceiveCount: q.maxReceiveCount ?? 5 },
      });
      const source = new SqsEventSource(queue, { batchSize: q.batchSize ?? 5, maxConcurrency: q.maxConcurrency ?? 2, reportBatchItemFailures: true });
      consumer.addEventSource(source);
      Validations.of(consumer).acknowledge({
        id: 'Serverless::Serverless-LambdaEventSourceMappingDestination',
        reason: `Lambda supports on-failure destinations for stream and Kafka sources only; for SQS the queue's redrive policy moves a message that failed ${q.maxReceiveCount ?? 5} receives to ${q.id}Dlq, which an alarm watches.`,
      });
      if (q.consumer === 'SendDigestBatch') {
        consumer.addEnvironment(ENV.senderConcurrency, String(q.maxConcurrency ?? 2));
        consumer.addEnvironment(ENV.sendRatePerSecond, String(props.config.mail.sendRatePerSecond));
      }
      this.queues.set(q.id, queue);
    }
    for (const spec of props.topology) {
      const fn = props.functions.get(spec.id)!;
      if (spec.access.queue) {
        const queue = this.queues.get(spec.access.queue);
        if (!queue) throw new Error(`${spec.id} sends to an unknown queue ${spec.access.queue}`);
        fn.addEnvironment(QUEUE_URL_ENV[spec.access.queue] ?? `${spec.access.queue.toUpperCase()}_URL`, queue.queueUrl);
        queue.grantSendMessages(fn);
      }
      for (const s of spec.schedules ?? []) {
        const schedule = new Schedule(this, s.id, {
          description: `topology schedule ${s.id}`,
          scheduleGroup: props.scheduleGroup,
          schedule: ScheduleExpression.expression(s.expression, TimeZone.of(s.timezone ?? 'Europe/Helsinki')),
          target: new LambdaInvoke(fn, { retryAttempts: 2, maxEventAge: Duration.hours(2), deadLetterQueue: props.scheduleDeadLetters, input: ScheduleTargetInput.fromObject(s.input ?? {}) }),
        });
        // The group is named, not referenced: CloudFormation must be told to make it first.
        schedule.node.addDependency(props.scheduleGroup);
      }
    }
    this.acknowledgeSchedulerRole(props);
  }

  /** aws-scheduler-targets makes one role per target kind; the Lambda one may invoke each scheduled function's versions. */
  private acknowledgeSchedulerRole(props: WorkProps) {
    const stack = Stack.of(this);
    for (const role of stack.node.children.filter((c) => c.node.id.startsWith('SchedulerRoleForTarget'))) {
      for (const spec of props.topology.filter((f) => f.schedules?.length)) {
        const fn = props.functions.get(spec.id)!;
        Validations.of(role).acknowledge({
          id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${stack.getLogicalId(fn.node.defaultChild as CfnFunction)}.Arn>:*]`,
          reason: `EventBridge Scheduler may invoke only ${spec.id}; ':*' covers its versions and aliases, and the role is made by aws-scheduler-targets.`,
        });
      }
    }
  }
}
