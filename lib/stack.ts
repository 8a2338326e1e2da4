import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { Certificate, type ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import { ARecord, AaaaRecord, HostedZone, RecordTarget } from 'aws-cdk-lib/aws-route53';
import { CloudFrontTarget } from 'aws-cdk-lib/aws-route53-targets';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { Construct } from 'constructs';
import { mailFromDomain, publicOrigin, type OperatorConfig } from './config.js';
import { ROTATE_TOKEN_KEYS_ENTRY, TokenKeys } from './constructs/token-keys.js';
import { Data } from './constructs/data.js';
import { Events } from './constructs/events.js';
import { Functions } from './constructs/functions.js';
import { Api } from './constructs/http-api.js';
import { Mail } from './constructs/mail.js';
import { Site } from './constructs/site.js';
import { functions as defaultTopology, queues as defaultQueues, type FunctionSpec, type QueueSpec } from './topology.js';
import { Work } from './constructs/queues.js';
import { Monitoring } from './constructs/monitoring.js';
import { EmailSendingEvent, EventDestination } from 'aws-cdk-lib/aws-ses';

/** The repo root: topology entries and web/dist are relative to it. */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface VerkostoStackProps extends StackProps {
  /** The validated operator config (lib/config.ts). */
  readonly config: OperatorConfig;
  /**
   * The wiring table.
   * @default the functions of lib/topology.ts
   */
  readonly topology?: readonly FunctionSpec[];
  /**
   * Queues and their consumers.
   * @default the queues of lib/topology.ts (none with a custom topology)
   */
  readonly queues?: readonly QueueSpec[];
  /**
   * X-Ray active tracing on every function; overrides config `tracing` (`cdk synth -c tracing=true`).
   * @default config.tracing
   */
  readonly tracing?: boolean;
  /**
   * The site's us-east-1 certificate when config `domain.hostedZone` is set
   * (lib/app.ts makes it in its own stack). With `domain.certificateArn` the
   * stack imports that one itself.
   */
  readonly certificate?: ICertificate;
  /**
   * Built pages to deploy to the site bucket, if the folder exists.
   * @default web/dist in the repo
   */
  readonly siteDir?: string;
}

/** Verkosto in one stack, one construct per concern, wired from lib/topology.ts. */
export class VerkostoStack extends Stack {
  readonly data: Data;
  readonly events: Events;
  readonly api: Api;
  readonly site: Site;
  readonly mail: Mail;
  readonly functions: Functions;
  readonly work: Work;
  readonly monitoring: Monitoring;
  readonly tokenKeys: TokenKeys;
  readonly scheduleGroup: ScheduleGroup;

  constructor(scope: Construct, id: string, props: VerkostoStackProps) {
    super(scope, id, props);
    const { config } = props;
    const topology = props.topology ?? defaultTopology;
    const tracing = props.tracing ?? config.tracing;
    const domain = config.domain;
    if (domain?.hostedZone && !props.certificate) throw new Error('domain.hostedZone: the certificate comes from the us-east-1 stack lib/app.ts makes; build the stacks with addVerkosto()');
    const certificate = domain?.certificateArn ? Certificate.fromCertificateArn(this, 'SiteCertificate', domain.certificateArn) : props.certificate;

    this.data = new Data(this, 'Data');
    this.mail = new Mail(this, 'Mail', { domain: config.mail.domain, sender: config.mail.sender, mailFromDomain: mailFromDomain(config), countSends: config.dashboard });
    this.events = new Events(this, 'Events', { sesConfigurationSetName: this.mail.configurationSetName });
    // Same origin (pages and /api/* both on CloudFront): CORS names only the site's own public origin, never '*'.
    const origin = publicOrigin(config);
    this.api = new Api(this, 'Http', {
      allowedOrigins: origin ? [origin] : [],
      ...(config.apiDomain ? { domain: config.apiDomain } : {}),
      allowedMethods: topology.flatMap((f) => (f.routes ?? []).map((r) => r.method)),
    });
    this.site = new Site(this, 'Site', {
      api: this.api.api,
      ...(config.apiDomain ? { apiDomain: this.api.originDomain } : {}),
      siteDir: props.siteDir ?? join(PROJECT_ROOT, 'web/dist'),
      accessLogs: config.cdnAccessLogs,
      ...(domain && certificate ? { domain: { name: domain.name.toLowerCase(), certificate } } : {}),
    });
    if (domain?.hostedZone) {
      const zone = HostedZone.fromHostedZoneAttributes(this, 'Zone', { hostedZoneId: domain.hostedZone.id, zoneName: domain.hostedZone.name });
      const target = RecordTarget.fromAlias(new CloudFrontTarget(this.site.distribution));
      new ARecord(this, 'SiteAlias', { zone, recordName: domain.name, target });
      new AaaaRecord(this, 'SiteAliasIpv6', { zone, recordName: domain.name, target });
    }
    this.tokenKeys = new TokenKeys(this, 'TokenKeys');
    const tokenSecret = this.tokenKeys.secret;
    // Named after the stack: one-time schedules made at run time go here too, and go with the stack.
    this.scheduleGroup = new ScheduleGroup(this, 'Schedules', { scheduleGroupName: this.stackName, removalPolicy: RemovalPolicy.DESTROY });

    const siteUrl = config.siteUrl ?? origin ?? this.site.url;
    this.functions = new Functions(this, 'Fn', {
      topology,
      projectRoot: PROJECT_ROOT,
      extraEntries: ROTATE_TOKEN_KEYS_ENTRY,
      config,
      table: this.data.table,
      events: this.events,
      api: this.api,
      mail: this.mail,
      tokenSecret,
      siteUrl,
      tracing,
      scheduleGroupName: this.scheduleGroup.scheduleGroupName,
      // Schedules that cannot reach their target land with the bus rules' undelivered events: same kind of failure, one queue to watch.
      scheduleDeadLetters: this.events.ruleDeadLetters,
      snapshots: this.data.snapshots,
    });
    // The rotation function shares the functions' on-failure queue, so it comes after them.
    this.tokenKeys.addRotation({ code: this.functions.bundles.code('RotateTokenKeys'), tracing, failures: this.functions.failures });
    this.work = new Work(this, 'Work', {
      topology,
      queues: props.queues ?? (props.topology ? [] : defaultQueues),
      functions: this.functions.byId,
      bus: this.events.bus,
      config,
      scheduleGroup: this.scheduleGroup,
      scheduleDeadLetters: this.events.ruleDeadLetters,
    });
    this.monitoring = new Monitoring(this, 'Monitoring', {
      alertEmail: config.alertEmail,
      functions: new Map([...this.functions.byId, ['RotateTokenKeys', this.tokenKeys.rotation!]]),
      deadLetterQueues: [
        { name: 'AsyncFailures', queue: this.functions.failures },
        { name: 'EventRulesAndSchedules', queue: this.events.ruleDeadLetters },
        ...[...this.work.queues].map(([name, q]) => ({ name: `${name}Queue`, queue: q.deadLetterQueue!.queue })),
      ],
      configurationSetName: this.mail.configurationSet.configurationSetName,
      api: this.api.api,
      table: this.data.table,
      workQueues: [...this.work.queues].map(([name, queue]) => ({ name, queue })),
      scheduleGroupName: this.scheduleGroup.scheduleGroupName,
      busName: this.events.bus.eventBusName,
      ruleNames: Object.fromEntries([...this.events.rules].map(([ruleId, rule]) => [ruleId, rule.ruleName])),
      perFunctionAlarms: config.perFunctionAlarms,
      dashboard: config.dashboard,
      topicKey: config.alertTopicKey,
    });
    // Bounces and complaints reach the account's default bus, where a topology rule picks them up.
    this.mail.configurationSet.addEventDestination('BouncesToEventBridge', {
      destination: EventDestination.eventBus(this.events.defaultBus),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });

    new CfnOutput(this, 'SiteUrl', { value: siteUrl });
    new CfnOutput(this, 'ApiUrl', { value: config.apiDomain ? `https://${config.apiDomain.name}` : this.api.api.apiEndpoint });
    if (this.api.domainTarget) new CfnOutput(this, 'ApiDomainTarget', { value: this.api.domainTarget, description: `DNS: point ${config.apiDomain?.name} (CNAME or alias) here` });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'EventBusName', { value: this.events.bus.eventBusName });
    new CfnOutput(this, 'TokenSecretArn', { value: tokenSecret.secretArn });
    new CfnOutput(this, 'AlertTopicArn', { value: this.monitoring.topic.topicArn, description: 'Prove delivery: docs/operations.md, "Alarms reach you"' });
    new CfnOutput(this, 'DistributionDomainName', { value: this.site.distribution.distributionDomainName, description: 'CNAME target when the domain is not in Route 53' });
  }
}
