import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { ENV } from '../../functions/shared/env.js';

export interface AppFunctionProps {
  /** Absolute path of the handler file (exports `handler`). */
  readonly entry: string;
  readonly description: string;
  /** Absolute path of the project root (package-lock.json lives there). */
  readonly projectRoot: string;
  /** @default 256 */
  readonly memorySize?: number;
  /** @default 10 */
  readonly timeoutSeconds?: number;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /** Async invocations (event rules, schedules) retried this many times before the DLQ. @default 2 */
  readonly retryAttempts?: number;
}

/**
 * Every Lambda of Verkosto: arm64, Node 24, an ESM bundle (AWS SDK bundled,
 * minified, source maps), its own log group with retention and JSON logs,
 * its own role (no managed policies), and an encrypted DLQ for async
 * invocations that still fail after the retries. Bundling settings live
 * only here.
 */
export class AppFunction extends NodejsFunction {
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Verkosto ${id}: only what lib/topology.ts grants`,
    });
    // Instead of AWSLambdaBasicExecutionRole: write to this function's own log group only.
    role.addToPrincipalPolicy(
      new PolicyStatement({ effect: Effect.ALLOW, actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }),
    );
    const deadLetters = new Queue(scope, `${id}Dlq`, {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    super(scope, id, {
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout: Duration.seconds(props.timeoutSeconds ?? 10),
      role,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      deadLetterQueue: deadLetters,
      retryAttempts: props.retryAttempts ?? 2,
      maxEventAge: Duration.hours(6),
      projectRoot: props.projectRoot,
      depsLockFilePath: `${props.projectRoot}/package-lock.json`,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'verkosto',
        POWERTOOLS_METRICS_NAMESPACE: 'Verkosto',
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        // The SDK is bundled: a pinned, tree-shaken client instead of the runtime's.
        externalModules: [],
        mainFields: ['module', 'main'],
        // Some bundled CommonJS dependencies call require(); ESM has none.
        banner: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
      },
    });
    this.deadLetters = deadLetters;
  }
}

/* bind helpers: the env var and the IAM grant always travel together. */

/** No Scan, on purpose: every request path is a GetItem or a Query (docs/architecture.md). */
const TABLE_READ = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'];
const TABLE_WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

export function bindTable(fn: AppFunction, table: ITable, mode: 'read' | 'write' | 'readwrite'): void {
  fn.addEnvironment(ENV.tableName, table.tableName);
  table.grant(fn, ...(mode === 'read' ? TABLE_READ : mode === 'write' ? TABLE_WRITE : [...TABLE_READ, ...TABLE_WRITE]));
}

export function bindBus(fn: AppFunction, bus: IEventBus): void {
  fn.addEnvironment(ENV.eventBusName, bus.eventBusName);
  bus.grantPutEventsTo(fn);
}

export interface MailBinding {
  readonly sender: string;
  readonly identityArn: string;
  readonly configurationSetName: string;
}

export function bindMail(fn: AppFunction, mail: MailBinding): void {
  const stack = Stack.of(fn);
  fn.addEnvironment(ENV.mailSender, mail.sender);
  fn.addEnvironment(ENV.mailConfigurationSet, mail.configurationSetName);
  fn.addToRolePolicy(
    new PolicyStatement({
      effect: Effect.ALLOW,
      actions: ['ses:SendEmail'],
      resources: [
        mail.identityArn,
        stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: mail.configurationSetName }),
      ],
    }),
  );
}

export function bindTokens(fn: AppFunction, secret: ISecret): void {
  fn.addEnvironment(ENV.tokenSecretArn, secret.secretArn);
  secret.grantRead(fn);
}
