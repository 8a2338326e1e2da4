import { join } from 'node:path';
import { Stack, Validations } from 'aws-cdk-lib';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { CfnTable, ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { ENV } from '../../functions/shared/env.js';
import type { OperatorConfig } from '../config.js';
import type { FunctionSpec } from '../topology.js';
import { AppFunction, bindBus, bindMail, bindTable, bindTokens, type MailBinding } from './app-function.js';
import type { Api } from './http-api.js';
import type { Events } from './events.js';

export interface FunctionsProps {
  readonly topology: readonly FunctionSpec[];
  readonly projectRoot: string;
  readonly config: OperatorConfig;
  readonly table: ITable;
  readonly events: Events;
  readonly api: Api;
  readonly mail: MailBinding;
  readonly tokenSecret: ISecret;
  readonly siteUrl: string;
}

/**
 * One AppFunction per topology entry. Everything a function may touch comes
 * from its `access`, through the bind helpers, so env and IAM never drift apart.
 */
export class Functions extends Construct {
  readonly byId = new Map<string, AppFunction>();

  constructor(scope: Construct, id: string, props: FunctionsProps) {
    super(scope, id);
    for (const spec of props.topology) {
      const fn = new AppFunction(this, spec.id, {
        entry: join(props.projectRoot, spec.entry),
        description: spec.description,
        projectRoot: props.projectRoot,
        ...(spec.memoryMb ? { memorySize: spec.memoryMb } : {}),
        ...(spec.timeoutSeconds ? { timeoutSeconds: spec.timeoutSeconds } : {}),
      });
      const a = spec.access;
      if (a.table) {
        bindTable(fn, props.table, a.table);
        Validations.of(fn.role!).acknowledge({
          id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(props.table.node.defaultChild as CfnTable)}.Arn>/index/*]`,
          reason: 'Access to the table includes its GSIs (moderation queues, directory, expiry dates); index ARNs can only be named by this pattern.',
        });
      }
      if (a.publish) bindBus(fn, props.events.bus);
      if (a.sendMail) bindMail(fn, props.mail);
      if (a.tokens) bindTokens(fn, props.tokenSecret);
      if (a.networks) fn.addEnvironment(ENV.networks, JSON.stringify(props.config.networks));
      if (a.siteUrl) fn.addEnvironment(ENV.siteUrl, props.siteUrl);
      for (const route of spec.routes ?? []) props.api.addRoute(route, fn);
      for (const rule of spec.rules ?? []) props.events.addRule(rule, fn);
      this.byId.set(spec.id, fn);
    }
  }
}
