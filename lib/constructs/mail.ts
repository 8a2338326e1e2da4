import { CfnOutput, Stack } from 'aws-cdk-lib';
import {
  CloudWatchDimensionSource,
  ConfigurationSet,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  MailFromBehaviorOnMxFailure,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import type { MailBinding } from './app-function.js';

export interface MailProps {
  /** Domain verified with Easy DKIM (config.mail.domain). */
  readonly domain: string;
  /** From address on the domain (config.mail.sender). */
  readonly sender: string;
  /** Custom MAIL FROM domain, a subdomain of `domain`, so SPF aligns with the From domain for DMARC. */
  readonly mailFromDomain: string;
  /**
   * Count this stack's sends in CloudWatch (AWS/SES Send by configuration set),
   * for the dashboard: a custom metric, $0.30 a month.
   * @default false
   */
  readonly countSends?: boolean;
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
      mailFromDomain: props.mailFromDomain,
      // Until the MX record exists SES falls back to amazonses.com rather than refusing to send.
      mailFromBehaviorOnMxFailure: MailFromBehaviorOnMxFailure.USE_DEFAULT_VALUE,
    });
    // Every email of every kind goes through this set: its sends, counted by CloudWatch, are the real number.
    if (props.countSends) {
      this.configurationSet.addEventDestination('SendsToCloudWatch', {
        destination: EventDestination.cloudWatchDimensions([{ name: 'ses:configuration-set', source: CloudWatchDimensionSource.MESSAGE_TAG, defaultValue: 'none' }]),
        events: [EmailSendingEvent.SEND],
      });
    }
    this.identity.dkimRecords.forEach((r, i) => {
      new CfnOutput(this, `Dkim${i + 1}`, { value: `${r.name} CNAME ${r.value}`, description: `DKIM record ${i + 1} for ${props.domain}` });
    });
    const region = Stack.of(this).region;
    new CfnOutput(this, 'MailFromMx', { value: `${props.mailFromDomain} MX 10 feedback-smtp.${region}.amazonses.com`, description: 'MAIL FROM: bounces come back here' });
    new CfnOutput(this, 'MailFromSpf', { value: `${props.mailFromDomain} TXT "v=spf1 include:amazonses.com ~all"`, description: 'MAIL FROM: SPF, aligned with the From domain for DMARC' });
    new CfnOutput(this, 'Dmarc', { value: `_dmarc.${props.domain} TXT "v=DMARC1; p=none; rua=mailto:<your report address>"`, description: 'DMARC to start with; tighten to quarantine/reject once reports are clean (docs/operations.md)' });
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
