import { Stack, type StackProps } from 'aws-cdk-lib';
import { Certificate, CertificateValidation, type ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import { HostedZone } from 'aws-cdk-lib/aws-route53';
import type { Construct } from 'constructs';

export interface SiteCertificateStackProps extends StackProps {
  /** The site's host name. */
  readonly domainName: string;
  /** The public hosted zone that holds it: ACM validates through a CNAME there. */
  readonly hostedZone: { readonly id: string; readonly name: string };
}

/**
 * The site's certificate, in us-east-1 because CloudFront takes
 * certificates from there only. A stack of its own in that region, validated
 * by DNS in the hosted zone; the site stack reads its ARN through CDK's
 * cross-region references (an SSM parameter in us-east-1 read at deploy),
 * so no deprecated DnsValidatedCertificate custom resource is involved.
 */
export class SiteCertificateStack extends Stack {
  readonly certificate: ICertificate;

  constructor(scope: Construct, id: string, props: SiteCertificateStackProps) {
    super(scope, id, { ...props, crossRegionReferences: true });
    if (this.region !== 'us-east-1') throw new Error(`${id} must be in us-east-1 (CloudFront certificates live there), not ${this.region}`);
    const zone = HostedZone.fromHostedZoneAttributes(this, 'Zone', { hostedZoneId: props.hostedZone.id, zoneName: props.hostedZone.name });
    this.certificate = new Certificate(this, 'Certificate', {
      domainName: props.domainName,
      validation: CertificateValidation.fromDns(zone),
    });
  }
}
