import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Stack, Token, Validations } from 'aws-cdk-lib';
import type { IQueue, Queue } from 'aws-cdk-lib/aws-sqs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, LayerVersion, Runtime } from 'aws-cdk-lib/aws-lambda';
import type { CfnTable, ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { ENV } from '../../functions/shared/env.js';
import { ONE_TIME_SCHEDULE_PREFIXES } from '../../functions/shared/one-time-schedules.js';
import { NETWORKS_LAYER_PATH } from '../../functions/shared/networks.js';
import { ConfigError, type OperatorConfig } from '../config.js';
import type { FunctionSpec } from '../topology.js';
import { FunctionBundles } from '../bundling.js';
import { AppFunction, deadLetterQueue, bindBus, bindMail, bindSnapshots, bindTable, bindTokens, type MailBinding } from './app-function.js';
import type { Events } from './events.js';
import type { Api } from './http-api.js';


export interface FunctionsProps {
  /** The wiring table: one function per entry. */
  readonly topology: readonly FunctionSpec[];
  /** Absolute path of the repo root; topology entries are relative to it. */
  readonly projectRoot: string;
  /**
   * Functions outside the topology (function id → handler path relative to
   * the repo root) bundled in the same esbuild run; their code is `bundles.code(id)`.
   * @default none
   */
  readonly extraEntries?: Readonly<Record<string, string>>;
  readonly config: OperatorConfig;
  readonly table: ITable;
  readonly events: Events;
  readonly api: Api;
  readonly mail: MailBinding;
  readonly tokenSecret: ISecret;
  /** Public origin of the pages, for links in emails and redirects. */
  readonly siteUrl: string;
  /**
   * X-Ray active tracing on every function, and Powertools Tracer bundled into each.
   * @default false
   */
  readonly tracing?: boolean;
  /** The stack's schedule group, where one-time schedules are created too. */
  readonly scheduleGroupName: string;
  /** Where Scheduler puts a one-time schedule's event it could not deliver. */
  readonly scheduleDeadLetters: IQueue;
  /** The directory snapshots' bucket, for functions whose access names `snapshots`. */
  readonly snapshots: IBucket;
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
  /** Every function's bundle, built in one esbuild run (topology and `extraEntries`). */
  readonly bundles: FunctionBundles;
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
      props.scheduleDeadLetters.grantSendMessages(this.reminderRole);
    }
    fn.addEnvironment(ENV.eventBusArn, props.events.bus.eventBusArn);
    fn.addEnvironment(ENV.schedulerRoleArn, this.reminderRole.roleArn);
    fn.addEnvironment(ENV.scheduleGroupName, props.scheduleGroupName);
    fn.addEnvironment(ENV.scheduleDeadLetterArn, props.scheduleDeadLetters.queueArn);
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule'],
        resources: ONE_TIME_SCHEDULE_PREFIXES.map((prefix) => stack.formatArn({ service: 'scheduler', resource: 'schedule', resourceName: `${props.scheduleGroupName}/${prefix}*` })),
      }),
    );
    fn.addToRolePolicy(new PolicyStatement({ actions: ['iam:PassRole'], resources: [this.reminderRole.roleArn] }));
    // cdk-nag names the ARN as rendered: a literal partition when the region is known.
    const partition = Token.isUnresolved(stack.partition) ? '<AWS::Partition>' : stack.partition;
    for (const prefix of ONE_TIME_SCHEDULE_PREFIXES) {
      Validations.of(fn.role!).acknowledge({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:${partition}:scheduler:${stack.region}:<AWS::AccountId>:schedule/${props.scheduleGroupName}/${prefix}*]`,
        reason: `One-time schedules (one per meeting or survey) are created at run time, so their ARNs can only be named by the ${prefix} prefix in this stack's own schedule group.`,
      });
    }
  }

  /**
   * The validated networks as one JSON file in a layer: one resource however
   * many networks, content-hashed so a changed config makes a new version and
   * every function that reads it is updated by the same deploy.
   */
  private networksLayer(config: OperatorConfig): LayerVersion {
    const dir = mkdtempSync(join(tmpdir(), 'verkosto-networks-'));
    const file = join(dir, NETWORKS_LAYER_PATH);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(config.networks));
    return new LayerVersion(this, 'NetworksLayer', {
      code: Code.fromAsset(dir),
      compatibleRuntimes: [Runtime.NODEJS_24_X],
      compatibleArchitectures: [Architecture.ARM_64],
      description: `Verkosto networks (${config.networks.length}): read once per cold start from /opt/${NETWORKS_LAYER_PATH}`,
    });
  }

  constructor(scope: Construct, id: string, props: FunctionsProps) {
    super(scope, id);
    const networks = props.topology.some((f) => f.access.networks) ? this.networksLayer(props.config) : undefined;
    const tableLogicalId = Stack.of(this).getLogicalId(props.table.node.defaultChild as CfnTable);
    this.failures = deadLetterQueue(this, 'AsyncFailuresDlq', 'the on-failure destination of every function for async invocations that failed all retries');

    for (const spec of props.topology) if (props.topology.filter((f) => f.id === spec.id).length > 1) throw new Error(`Topology lists function ${spec.id} twice`);
    const unknownMemory = Object.keys(props.config.functionMemoryMb).filter((id) => !props.topology.some((f) => f.id === id));
    if (unknownMemory.length > 0) {
      throw new ConfigError(`Invalid Verkosto configuration:\n${unknownMemory.map((id) => `  - functionMemoryMb.${id}: no function ${id} in lib/topology.ts`).join('\n')}`);
    }
    // One esbuild run for every function, started when CDK stages the first bundle.
    const entries = [...props.topology.map((f) => [f.id, f.entry] as const), ...Object.entries(props.extraEntries ?? {})];
    this.bundles = new FunctionBundles(props.projectRoot, Object.fromEntries(entries.map(([id, entry]) => [id, join(props.projectRoot, entry)])), { tracing: props.tracing ?? false });
    const bundles = this.bundles;

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
      if (access.networks && networks) {
        fn.addLayers(networks);
        fn.addEnvironment(ENV.networksFile, `/opt/${NETWORKS_LAYER_PATH}`);
      }
      if (access.siteUrl) fn.addEnvironment(ENV.siteUrl, props.siteUrl);
      if (access.limits) fn.addEnvironment(ENV.limits, JSON.stringify(props.config.limits));
      if (access.reminders) this.bindReminders(fn, props);
      if (access.snapshots) bindSnapshots(fn, props.snapshots, access.snapshots);
      for (const route of spec.routes ?? []) props.api.addRoute(route, fn);
      for (const rule of spec.rules ?? []) props.events.addRule(rule, fn);
      this.byId.set(spec.id, fn);
    }
  }
}
