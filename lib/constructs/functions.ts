import { join } from 'node:path';
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { CfnTable, ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { ENV } from '../../functions/shared/env.js';
import { ONE_TIME_SCHEDULE_PREFIXES } from '../../functions/shared/one-time-schedules.js';
import { ConfigError, type OperatorConfig } from '../config.js';
import type { FunctionSpec } from '../topology.js';
import { FunctionBundles } from '../bundling.js';
import { AppFunction, bindBus, bindMail, bindTable, bindTokens, type MailBinding } from './app-function.js';
import type { Events } from './events.js';
import type { Api } from './http-api.js';

/**
 * Lambda allows 4 KB of environment in total; the networks JSON is by far
 * the largest value, so it gets most of it and the rest stays for names/ARNs.
 */
const NETWORKS_ENV_LIMIT = 3000;

export interface FunctionsProps {
  /** The wiring table: one function per entry. */
  readonly topology: readonly FunctionSpec[];
  /** Absolute path of the repo root; topology entries are relative to it. */
  readonly projectRoot: string;
  readonly config: OperatorConfig;
  readonly table: ITable;
  readonly events: Events;
  readonly api: Api;
  readonly mail: MailBinding;
  readonly tokenSecret: ISecret;
  /** Public origin of the pages, for links in emails and redirects. */
  readonly siteUrl: string;
  /**
   * X-Ray active tracing on every function.
   * @default false
   */
  readonly tracing?: boolean;
}

/**
 * One AppFunction per topology entry. Everything a function may touch comes
 * from its `access`, through the bind helpers, so env and IAM never drift apart.
 */
export class Functions extends Construct {
  /** The functions by topology id. */
  readonly byId = new Map<string, AppFunction>();
  /** Async invocations of any function that failed every retry. */
  readonly failures: Queue;
  /** The role EventBridge Scheduler assumes to put reminder events on the bus (made when a function needs it). */
  reminderRole?: Role;

  /**
   * Reminders are one-time schedules the function creates at run time; it
   * may touch only schedules named meeting-reminder-* and hand Scheduler only
   * the role that can put events on our bus.
   */
  private bindReminders(fn: AppFunction, props: FunctionsProps) {
    const stack = Stack.of(this);
    if (!this.reminderRole) {
      this.reminderRole = new Role(this, 'ReminderSchedulerRole', { assumedBy: new ServicePrincipal('scheduler.amazonaws.com'), description: 'EventBridge Scheduler puts Meeting.ReminderDue on the Verkosto bus' });
      props.events.bus.grantPutEventsTo(this.reminderRole);
    }
    fn.addEnvironment(ENV.eventBusArn, props.events.bus.eventBusArn);
    fn.addEnvironment(ENV.schedulerRoleArn, this.reminderRole.roleArn);
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule'],
        resources: ONE_TIME_SCHEDULE_PREFIXES.map((prefix) => stack.formatArn({ service: 'scheduler', resource: 'schedule', resourceName: `default/${prefix}*` })),
      }),
    );
    fn.addToRolePolicy(new PolicyStatement({ actions: ['iam:PassRole'], resources: [this.reminderRole.roleArn] }));
    for (const prefix of ONE_TIME_SCHEDULE_PREFIXES) {
      Validations.of(fn.role!).acknowledge({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:aws:scheduler:${stack.region}:<AWS::AccountId>:schedule/default/${prefix}*]`,
        reason: `One-time schedules (one per meeting or survey) are created at run time, so their ARNs can only be named by the ${prefix} prefix of the default group.`,
      });
    }
  }

  constructor(scope: Construct, id: string, props: FunctionsProps) {
    super(scope, id);
    const networksJson = JSON.stringify(props.config.networks);
    if (Buffer.byteLength(networksJson) > NETWORKS_ENV_LIMIT && props.topology.some((f) => f.access.networks)) {
      throw new ConfigError(
        `Invalid Verkosto configuration:\n  - networks: ${Buffer.byteLength(networksJson)} bytes as JSON, more than the ${NETWORKS_ENV_LIMIT} a Lambda environment can carry; shorten names or coordinator lists`,
      );
    }
    const tableLogicalId = Stack.of(this).getLogicalId(props.table.node.defaultChild as CfnTable);
    this.failures = new Queue(this, 'AsyncFailuresDlq', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
    Validations.of(this.failures).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SQS3',
      reason: 'This queue IS the dead-letter destination: the on-failure destination of every function for async invocations that failed all retries.',
    });

    for (const spec of props.topology) if (props.topology.filter((f) => f.id === spec.id).length > 1) throw new Error(`Topology lists function ${spec.id} twice`);
    const unknownMemory = Object.keys(props.config.functionMemoryMb).filter((id) => !props.topology.some((f) => f.id === id));
    if (unknownMemory.length > 0) {
      throw new ConfigError(`Invalid Verkosto configuration:\n${unknownMemory.map((id) => `  - functionMemoryMb.${id}: no function ${id} in lib/topology.ts`).join('\n')}`);
    }
    // One esbuild run for every function, started when CDK stages the first bundle.
    const bundles = new FunctionBundles(props.projectRoot, Object.fromEntries(props.topology.map((f) => [f.id, join(props.projectRoot, f.entry)])));

    for (const spec of props.topology) {
      // The operator's setting (config functionMemoryMb, e.g. from Power Tuning) wins over the topology's default.
      const memoryMb = props.config.functionMemoryMb[spec.id] ?? spec.memoryMb;
      const fn = new AppFunction(this, spec.id, {
        code: bundles.code(spec.id),
        description: spec.description,
        failures: this.failures,
        tracing: props.tracing ?? false,
        ...(memoryMb ? { memorySize: memoryMb } : {}),
        ...(spec.timeoutSeconds ? { timeoutSeconds: spec.timeoutSeconds } : {}),
      });
      const access = spec.access;
      if (access.table) {
        bindTable(fn, props.table, access.table);
        Validations.of(fn.role!).acknowledge({
          id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${tableLogicalId}.Arn>/index/*]`,
          reason: 'Table access includes its GSIs (moderation queues, directory); Query on an index needs the index ARN, and index/* is the table\'s own indexes only.',
        });
      }
      if (access.publish) bindBus(fn, props.events.bus);
      if (access.sendMail) bindMail(fn, props.mail);
      if (access.tokens) bindTokens(fn, props.tokenSecret);
      if (access.networks) fn.addEnvironment(ENV.networks, networksJson);
      if (access.siteUrl) fn.addEnvironment(ENV.siteUrl, props.siteUrl);
      if (access.reminders) this.bindReminders(fn, props);
      for (const route of spec.routes ?? []) props.api.addRoute(route, fn);
      for (const rule of spec.rules ?? []) props.events.addRule(rule, fn);
      this.byId.set(spec.id, fn);
    }
  }
}
