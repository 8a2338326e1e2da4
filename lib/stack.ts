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
import { functions as defaultTopology, type FunctionSpec } from './topology.js';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface VerkostoStackProps extends StackProps {
  readonly config: OperatorConfig;
  /** The wiring table. @default the functions of lib/topology.ts */
  readonly topology?: readonly FunctionSpec[];
}

/** Verkosto in one stack, one construct per concern, wired from lib/topology.ts. */
export class VerkostoStack extends Stack {
  readonly functions: Functions;

  constructor(scope: Construct, id: string, props: VerkostoStackProps) {
    super(scope, id, props);
    const { config } = props;

    const data = new Data(this, 'Data');
    const events = new Events(this, 'Events');
    const api = new Api(this, 'Http', { allowedOrigins: config.siteUrl ? [new URL(config.siteUrl).origin] : [] });
    const site = new Site(this, 'Site', { api: api.api, siteDir: join(PROJECT_ROOT, 'web/dist') });
    const mail = new Mail(this, 'Mail', { domain: config.mail.domain, sender: config.mail.sender });
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
      id: 'AwsSolutions-SMG4',
      reason: 'HMAC signing keys rotate by the documented two-key procedure (docs/operations.md); a rotation Lambda would invalidate every outstanding link at once.',
    });

    this.functions = new Functions(this, 'Fn', {
      topology: props.topology ?? defaultTopology,
      projectRoot: PROJECT_ROOT,
      config,
      table: data.table,
      events,
      api,
      mail,
      tokenSecret,
      siteUrl: config.siteUrl ?? site.url,
    });

    new CfnOutput(this, 'SiteUrl', { value: config.siteUrl ?? site.url });
    new CfnOutput(this, 'ApiUrl', { value: api.api.apiEndpoint });
    new CfnOutput(this, 'TableName', { value: data.table.tableName });
    new CfnOutput(this, 'EventBusName', { value: events.bus.eventBusName });
    new CfnOutput(this, 'TokenSecretArn', { value: tokenSecret.secretArn });
  }
}
