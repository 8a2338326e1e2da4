import { existsSync } from 'node:fs';
import { Duration, Fn, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';

/** Same policy the local HTTP server sends (local/http-server.ts), so pages break offline the way they would here. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

export interface SiteProps {
  readonly api: HttpApi;
  /** Built pages; deployed only when the folder exists at synth (`npm run build:web`). */
  readonly siteDir: string;
}

/**
 * The hosted pages: a private bucket behind CloudFront (origin access
 * control), with `/api/*` routed to the HTTP API so pages and API share one
 * origin, and a response-headers policy with CSP and HSTS.
 */
export class Site extends Construct {
  readonly distribution: Distribution;
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: SiteProps) {
    super(scope, id);
    const logs = new Bucket(this, 'Logs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logging writes with ACLs.
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket = new Bucket(this, 'Pages', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 's3/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const headers = new ResponseHeadersPolicy(this, 'Headers', {
      comment: 'Verkosto: CSP, HSTS and friends',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: CONTENT_SECURITY_POLICY, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, preload: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      },
    });
    const apiDomain = Fn.select(2, Fn.split('/', props.api.apiEndpoint));
    this.distribution = new Distribution(this, 'Cdn', {
      comment: 'Verkosto pages and API',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      errorResponses: [{ httpStatus: 404, responseHttpStatus: 404, responsePagePath: '/404.html', ttl: Duration.minutes(5) }],
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
        compress: true,
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new HttpOrigin(apiDomain),
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
        },
      },
    });
    const acknowledge = (id: string, reason: string) => Validations.of(this.distribution).acknowledge({ id: `AwsSolutions::${id}`, reason });
    acknowledge('AwsSolutions-CFR1', 'A public service of Finnish municipalities; people read it from abroad too (travel, cross-border work), so no geo restriction.');
    acknowledge('AwsSolutions-CFR2', 'No WAF by default to keep a network at cents a month: the API has stage throttling and per-address limits on everything that sends mail. Operators can attach a web ACL to the distribution.');
    acknowledge('AwsSolutions-CFR4', 'Served on the default *.cloudfront.net certificate, where CloudFront fixes the protocol policy; with a custom domain the TLSv1.2_2021 minimum (feature flag set in cdk.json) applies.');
    if (existsSync(props.siteDir)) {
      new BucketDeployment(this, 'Deploy', {
        sources: [Source.asset(props.siteDir)],
        destinationBucket: this.bucket,
        distribution: this.distribution,
        distributionPaths: ['/*'],
      });
      this.acknowledgeDeploymentHelper();
    }
  }

  /**
   * BucketDeployment brings CDK's own singleton copy function, which runs at
   * deploy time only; its role and runtime are CDK's, not ours to shape.
   */
  private acknowledgeDeploymentHelper() {
    const stack = Stack.of(this);
    const helper = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (!helper) return;
    const pages = stack.getLogicalId(this.bucket.node.defaultChild as CfnBucket);
    const reason = 'CDK BucketDeployment helper (runs only during cdk deploy to copy web/dist into the private pages bucket and invalidate CloudFront); its role, managed policy and runtime are defined by aws-cdk-lib.';
    const ids = [
      'AwsSolutions-L1',
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      ...['s3:Abort*', 's3:DeleteObject*', 's3:GetBucket*', 's3:GetObject*', 's3:List*'].map((a) => `AwsSolutions-IAM5[Action::${a}]`),
      'AwsSolutions-IAM5[Resource::*]',
      `AwsSolutions-IAM5[Resource::<${pages}.Arn>/*]`,
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${stack.region}/*]`,
    ];
    for (const id of ids) Validations.of(helper).acknowledge({ id: `AwsSolutions::${id}`, reason });
  }

  get url(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }

}
