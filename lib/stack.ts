import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CfnOutput, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { OperatorConfig } from './config.js';
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
   * X-Ray active tracing on every function (`cdk synth -c tracing=true`).
   * @default false
   */
  readonly tracing?: boolean;
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

  constructor(scope: Construct, id: string, props: VerkostoStackProps) {
    super(scope, id, props);
    const { config } = props;
    const topology = props.topology ?? defaultTopology;

    this.data = new Data(this, 'Data');
    this.events = new Events(this, 'Events');
    // Same origin by default (pages and /api/* both on CloudFront): CORS only for a separately hosted site.
    this.api = new Api(this, 'Http', {
      allowedOrigins: config.siteUrl ? [new URL(config.siteUrl).origin] : [],
      ...(config.apiDomain ? { domain: config.apiDomain } : {}),
      allowedMethods: topology.flatMap((f) => (f.routes ?? []).map((r) => r.method)),
    });
    this.site = new Site(this, 'Site', { api: this.api.api, ...(config.apiDomain ? { apiDomain: this.api.originDomain } : {}), siteDir: props.siteDir ?? join(PROJECT_ROOT, 'web/dist') });
    this.mail = new Mail(this, 'Mail', { domain: config.mail.domain, sender: config.mail.sender });
    const tokenSecret = new Secret(this, 'TokenKeys', {
      description: 'Verkosto token signing keys (see docs/operations.md for rotation)',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ currentKid: 'k1' }),
        generateStringKey: 'current',
        excludePunctuation: true,
        passwordLength: 64,
      },
    });
    Validations.of(tokenSecret).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SMG4',
      reason: 'HMAC signing keys rotate by the documented two-key procedure (docs/operations.md); a rotation Lambda would invalidate every outstanding link at once.',
    });

    const siteUrl = config.siteUrl ?? this.site.url;
    this.functions = new Functions(this, 'Fn', {
      topology,
      projectRoot: PROJECT_ROOT,
      config,
      table: this.data.table,
      events: this.events,
      api: this.api,
      mail: this.mail,
      tokenSecret,
      siteUrl,
      tracing: props.tracing ?? false,
    });
    this.work = new Work(this, 'Work', { topology, queues: props.queues ?? (props.topology ? [] : defaultQueues), functions: this.functions.byId, bus: this.events.bus, config });
    this.monitoring = new Monitoring(this, 'Monitoring', {
      alertEmail: config.alertEmail,
      functions: this.functions.byId,
      deadLetterQueues: [
        { name: 'AsyncFailures', queue: this.functions.failures },
        { name: 'EventRules', queue: this.events.ruleDeadLetters },
        ...[...this.work.queues].map(([name, q]) => ({ name: `${name}Queue`, queue: q.deadLetterQueue!.queue })),
      ],
      configurationSetName: this.mail.configurationSet.configurationSetName,
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
  }
}
