import { CfnOutput, Stack } from 'aws-cdk-lib';
import { ConfigurationSet, EmailIdentity, Identity, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import type { MailBinding } from './app-function.js';

export interface MailProps {
  /** Domain verified with Easy DKIM. */
  readonly domain: string;
  /** From address on the domain. */
  readonly sender: string;
}

/** SES: the domain identity (DKIM) and the configuration set every email goes through. */
export class Mail extends Construct implements MailBinding {
  readonly identity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;
  readonly sender: string;

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    this.sender = props.sender;
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.identity = new EmailIdentity(this, 'Identity', {
      identity: Identity.domain(props.domain),
      configurationSet: this.configurationSet,
    });
    this.identity.dkimRecords.forEach((r, i) => {
      new CfnOutput(this, `Dkim${i + 1}`, { value: `${r.name} CNAME ${r.value}`, description: `DKIM record ${i + 1} for ${props.domain}` });
    });
  }

  get identityArn(): string {
    return Stack.of(this).formatArn({ service: 'ses', resource: 'identity', resourceName: this.identity.emailIdentityName });
  }

  get configurationSetName(): string {
    return this.configurationSet.configurationSetName;
  }
}
