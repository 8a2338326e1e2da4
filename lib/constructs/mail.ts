import { CfnOutput, Stack } from 'aws-cdk-lib';
import { ConfigurationSet, EmailIdentity, Identity, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import type { MailBinding } from './app-function.js';

export interface MailProps {
  /** Domain verified with Easy DKIM (config.mail.domain). */
  readonly domain: string;
  /** From address on the domain (config.mail.sender). */
  readonly sender: string;
}

/**
 * SES v2: the domain identity (Easy DKIM) and the configuration set every
 * email goes through (reputation metrics, account-level suppression of
 * bounced and complaining addresses). The DKIM CNAMEs are stack outputs so
 * the operator can add them to DNS after the first deploy.
 */
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

  get configurationSetArn(): string {
    return Stack.of(this).formatArn({ service: 'ses', resource: 'configuration-set', resourceName: this.configurationSet.configurationSetName });
  }
}
