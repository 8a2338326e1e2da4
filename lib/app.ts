import type { App } from 'aws-cdk-lib';
import type { OperatorConfig } from './config.js';
import { BudgetStack } from './budget-stack.js';
import { SiteCertificateStack } from './certificate-stack.js';
import { VerkostoStack, type VerkostoStackProps } from './stack.js';

export interface VerkostoApp {
  readonly stack: VerkostoStack;
  /** Only with `domain.hostedZone`: the us-east-1 certificate stack, deployed first. */
  readonly certificateStack?: SiteCertificateStack;
  /** The monthly budget (us-east-1), deployed after the site stack whose alert topic it names. */
  readonly budgetStack: BudgetStack;
}

/**
 * The stacks of one config, as `cdk synth`/`deploy` and the infra tests
 * build them: the site stack; with a hosted zone the certificate stack in
 * us-east-1 that it references across regions; the budget in us-east-1.
 */
export function addVerkosto(app: App, config: OperatorConfig, props: Omit<VerkostoStackProps, 'config' | 'certificate'> = {}): VerkostoApp {
  const env = { region: config.region, ...(props.env ?? {}) };
  const domain = config.domain;
  let certificateStack: SiteCertificateStack | undefined;
  if (domain?.hostedZone) {
    certificateStack = new SiteCertificateStack(app, `${config.stackName}-certificate`, {
      env: { ...env, region: 'us-east-1' },
      domainName: domain.name,
      hostedZone: domain.hostedZone,
      description: `Certificate for ${domain.name} (CloudFront, us-east-1)`,
    });
  }
  const stack = new VerkostoStack(app, config.stackName, {
    ...props,
    config,
    env,
    crossRegionReferences: certificateStack !== undefined,
    ...(certificateStack ? { certificate: certificateStack.certificate } : {}),
  });
  if (certificateStack) stack.addStackDependency(certificateStack);
  const budgetStack = new BudgetStack(app, `${config.stackName}-budget`, {
    env: { ...env, region: 'us-east-1' },
    siteStackName: config.stackName,
    siteRegion: config.region,
    monthlyUsd: config.monthlyBudgetUsd,
    description: `Monthly AWS Budget of ${config.stackName}: alerts at 80 % and 100 %`,
  });
  budgetStack.addStackDependency(stack);
  return { stack, budgetStack, ...(certificateStack ? { certificateStack } : {}) };
}

