import { Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, type Code, Function as LambdaFunction, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { CfnBucket, IBucket } from 'aws-cdk-lib/aws-s3';
import { type IQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { Construct } from 'constructs';
import { ENV } from '../../functions/shared/env.js';
import { SNAPSHOT_PREFIX } from '../../functions/listings/directory-snapshot.js';

export interface AppFunctionProps {
  /** The bundle (index.mjs exporting `handler`), from FunctionBundles in lib/bundling.ts. */
  readonly code: Code;
  /** Shown in the Lambda console; the topology's description. */
  readonly description: string;
  /**
   * Memory in MB (CPU scales with it).
   * @default 256
   */
  readonly memorySize?: number;
  /**
   * Timeout in seconds.
   * @default 10
   */
  readonly timeoutSeconds?: number;
  /**
   * How long the function's own log group keeps logs.
   * @default RetentionDays.ONE_MONTH
   */
  readonly logRetention?: RetentionDays;
  /**
   * Async invocations (event rules, schedules) are retried this many times
   * before the event lands in the function's dead-letter queue.
   * @default 2
   */
  readonly retryAttempts?: number;
  /**
   * Where async invocations (rules, schedules) go after their retries fail: an
   * on-failure destination, whose records name the function and hold the event.
   * Shared by all functions so the stack stays well under CloudFormation's 500 resources.
   * @default a queue of the function's own
   */
  readonly failures?: IQueue;
  /**
   * Async events older than this are sent to the dead-letter queue instead of run.
   * @default Duration.hours(6)
   */
  readonly maxEventAge?: Duration;
  /**
   * AWS X-Ray active tracing. Off by default: it costs per trace and the
   * structured logs already carry the request and event ids.
   * @default false
   */
  readonly tracing?: boolean;
}

/**
 * Every Lambda of Verkosto: arm64, Node 24, an ESM bundle (built for all
 * functions at once by lib/bundling.ts, where the bundling settings live),
 * its own log group with retention and JSON logs, its own role (no managed
 * policies), and an encrypted DLQ for async invocations that still fail
 * after the retries.
 */
export class AppFunction extends LambdaFunction {
  /** Async invocations that failed every retry (on-failure destination); re-drive after a fix. */
  readonly deadLetters: IQueue;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Verkosto ${id}: only what lib/topology.ts grants`,
    });
    // Instead of AWSLambdaBasicExecutionRole (AwsSolutions-IAM4): write to this function's own log group only.
    role.addToPrincipalPolicy(
      new PolicyStatement({ effect: Effect.ALLOW, actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }),
    );
    const deadLetters =
      props.failures ??
      deadLetterQueue(scope, `${id}Dlq`, 'the on-failure destination of this function\'s async invocations');
    super(scope, id, {
      code: props.code,
      handler: 'index.handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout: Duration.seconds(props.timeoutSeconds ?? 10),
      role,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      onFailure: new SqsDestination(deadLetters),
      retryAttempts: props.retryAttempts ?? 2,
      maxEventAge: props.maxEventAge ?? Duration.hours(6),
      tracing: props.tracing ? Tracing.ACTIVE : Tracing.DISABLED,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'verkosto',
      },
    });
    this.deadLetters = deadLetters;
    Validations.of(this).acknowledge({
      id: 'Serverless::Serverless-LambdaDLQ',
      reason: 'Failed async invocations go to an on-failure destination (EventInvokeConfig, an encrypted SQS queue watched by an alarm), which records the function and the error too; a DeadLetterConfig would be a second copy.',
    });
    if (!props.tracing) {
      Validations.of(this).acknowledge({
        id: 'Serverless::Serverless-LambdaTracing',
        reason: 'X-Ray is behind the config switch `tracing` (off by default: it costs per trace, and the JSON logs carry request and event ids); with it on, every function traces actively through Powertools Tracer.',
      });
    }
    if (props.tracing) {
      Validations.of(role).acknowledge({
        id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
        reason: 'X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions, so Resource must be "*".',
      });
    }
  }
}

/**
 * A dead-letter queue: encrypted, TLS only, messages kept 14 days. It is the
 * end of the line, so it has no redrive policy of its own; `what` says whose.
 */
export function deadLetterQueue(scope: Construct, id: string, what: string): Queue {
  const queue = new Queue(scope, id, { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
  const reason = `This queue IS a dead-letter queue (${what}); an alarm fires on any message in it. A redrive policy would move its messages to a third queue.`;
  Validations.of(queue).acknowledge({ id: 'AwsSolutions::AwsSolutions-SQS3', reason });
  Validations.of(queue).acknowledge({ id: 'Serverless::Serverless-SQSRedrivePolicy', reason });
  return queue;
}

/* Bind helpers: the env var and the IAM grant always travel together. */

/** No Scan, on purpose: every request path is a GetItem or a Query (docs/architecture.md). */
const TABLE_READ = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'];
const TABLE_WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

export type TableAccess = 'read' | 'write' | 'readwrite';

/**
 * TABLE_NAME plus exactly the item actions the mode needs (table and its
 * indexes). Listed instead of grantReadData/grantWriteData because those
 * include dynamodb:Scan, which no request path may use.
 */
export function bindTable(fn: AppFunction, table: ITable, mode: TableAccess): void {
  fn.addEnvironment(ENV.tableName, table.tableName);
  table.grant(fn, ...(mode === 'read' ? TABLE_READ : mode === 'write' ? TABLE_WRITE : [...TABLE_READ, ...TABLE_WRITE]));
}

/**
 * DIRECTORY_SNAPSHOT_BUCKET plus, on the snapshots' objects only,
 * GetObject (and PutObject to write). ListBucket on the bucket makes a
 * missing snapshot answer 404 rather than 403, so a reader can tell
 * "none yet" from a fault.
 */
export function bindSnapshots(fn: AppFunction, bucket: IBucket, mode: 'read' | 'write'): void {
  fn.addEnvironment(ENV.snapshotBucket, bucket.bucketName);
  fn.addToRolePolicy(new PolicyStatement({ actions: mode === 'read' ? ['s3:GetObject'] : ['s3:GetObject', 's3:PutObject'], resources: [bucket.arnForObjects(`${SNAPSHOT_PREFIX}*`)] }));
  fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
  const bucketId = Stack.of(fn).getLogicalId(bucket.node.defaultChild as CfnBucket);
  Validations.of(fn.role!).acknowledge({
    id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${SNAPSHOT_PREFIX}*]`,
    reason: 'One snapshot object per network, named at run time by the network id; the prefix holds nothing else.',
  });
}

/** EVENT_BUS_NAME plus events:PutEvents on that bus only. */
export function bindBus(fn: AppFunction, bus: IEventBus): void {
  fn.addEnvironment(ENV.eventBusName, bus.eventBusName);
  bus.grantPutEventsTo(fn);
}

/** What a function needs to send mail; implemented by the Mail construct. */
export interface MailBinding {
  readonly sender: string;
  readonly identityArn: string;
  readonly configurationSetName: string;
  readonly configurationSetArn: string;
}

/**
 * MAIL_SENDER and MAIL_CONFIGURATION_SET plus the send actions on the
 * domain identity and the configuration set. Both actions because
 * SES v2's SendEmail operation is authorised against ses:SendRawEmail too
 * (an AccessDenied from SendEmail can name either); aws-ses's own
 * grantSendEmail grants the same pair.
 *
 * In the SES sandbox every recipient is a verified identity too, and SES
 * authorises the send against it: the account's identities are allowed,
 * but only for mail From the configured sender.
 */
export function bindMail(fn: AppFunction, mail: MailBinding): void {
  fn.addEnvironment(ENV.mailSender, mail.sender);
  fn.addEnvironment(ENV.mailConfigurationSet, mail.configurationSetName);
  fn.addToRolePolicy(
    new PolicyStatement({
      effect: Effect.ALLOW,
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resources: [mail.identityArn, mail.configurationSetArn],
    }),
  );
  const stack = Stack.of(fn);
  fn.addToRolePolicy(
    new PolicyStatement({
      effect: Effect.ALLOW,
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resources: [stack.formatArn({ service: 'ses', resource: 'identity', resourceName: '*' })],
      conditions: { StringEquals: { 'ses:FromAddress': mail.sender } },
    }),
  );
  // cdk-nag names the ARN as rendered: a literal partition when the region is known.
  const partition = Token.isUnresolved(stack.partition) ? '<AWS::Partition>' : stack.partition;
  Validations.of(fn.role!).acknowledge({
    id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:${partition}:ses:${stack.region}:<AWS::AccountId>:identity/*]`,
    reason: 'SES sandbox: each recipient is a verified identity SES authorises the send against, and recipients are not known at deploy; the statement holds only for mail From the configured sender (ses:FromAddress).',
  });
}

/** TOKEN_SECRET_ARN plus read access to that one secret. */
export function bindTokens(fn: AppFunction, secret: ISecret): void {
  fn.addEnvironment(ENV.tokenSecretArn, secret.secretArn);
  secret.grantRead(fn);
}

