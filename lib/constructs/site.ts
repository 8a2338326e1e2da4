import { existsSync } from 'node:fs';
import { DefaultStackSynthesizer, Duration, Fn, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AccessLevel,
  AllowedMethods,
  CachePolicy,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  Function as EdgeFunction,
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

/**
 * Viewer-request function for the pages: S3 (a REST origin behind OAC) has
 * no index documents, so `/fi/` is served from `/fi/index.html`, and
 * `/fi/listings/new` is redirected to its slash form like the local server
 * does (relative links then resolve the same way everywhere).
 */
/**
 * The viewer's address for the API's per-client limits: behind CloudFront
 * the API's sourceIp is an edge's. Set from the connection on every /api/*
 * request, replacing any value the viewer sent; the managed origin request
 * policy forwards it (CloudFront-Viewer-Address would need a policy that
 * also forwards Host, which execute-api refuses).
 */
export const VIEWER_ADDRESS_FUNCTION = `
function handler(event) {
  var request = event.request;
  request.headers['x-viewer-address'] = { value: event.viewer.ip };
  return request;
}
`;

export const DIRECTORY_INDEX_FUNCTION = `
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.endsWith('/')) {
    request.uri = uri + 'index.html';
    return request;
  }
  if (uri.substring(uri.lastIndexOf('/') + 1).indexOf('.') !== -1) return request;
  var query = [];
  var qs = request.querystring;
  for (var key in qs) {
    var values = qs[key].multiValue ? qs[key].multiValue : [qs[key]];
    for (var i = 0; i < values.length; i++) query.push(key + (values[i].value === '' ? '' : '=' + values[i].value));
  }
  return {
    statusCode: 301,
    statusDescription: 'Moved Permanently',
    headers: { location: { value: uri + '/' + (query.length ? '?' + query.join('&') : '') } },
  };
}
`;

export interface SiteProps {
  /** The HTTP API that answers `/api/*` behind the same CloudFront origin. */
  readonly api: HttpApi;
  /**
   * The host CloudFront sends /api/* to, when the API has a custom domain (its execute-api endpoint disabled).
   * @default the API's execute-api host
   */
  readonly apiDomain?: string;
  /** Built pages; deployed only when the folder exists at synth (`npm run build:web`). */
  readonly siteDir: string;
}

/**
 * The hosted pages: a private bucket behind CloudFront (origin access
 * control), with `/api/*` routed to the HTTP API so pages and API share one
 * origin (no CORS needed), and a response-headers policy with CSP and HSTS.
 *
 * No distribution-wide custom error pages: CloudFront applies them to every
 * behavior, so they would replace the API's JSON 404/403 answers with HTML.
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
    const directoryIndex = new EdgeFunction(this, 'DirectoryIndex', {
      code: FunctionCode.fromInline(DIRECTORY_INDEX_FUNCTION),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Verkosto pages: /dir/ serves /dir/index.html',
    });
    const viewerAddress = new EdgeFunction(this, 'ViewerAddress', {
      code: FunctionCode.fromInline(VIEWER_ADDRESS_FUNCTION),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Verkosto API: the viewer address for per-client limits',
    });
    // apiEndpoint is https://<id>.execute-api.<region>.amazonaws.com; CloudFront wants the host only.
    const apiDomain = props.apiDomain ?? Fn.select(2, Fn.split('/', props.api.apiEndpoint));
    this.distribution = new Distribution(this, 'Cdn', {
      comment: 'Verkosto pages and API',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        // LIST lets S3 answer 404 for a missing page instead of 403.
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket, { originAccessLevels: [AccessLevel.READ, AccessLevel.LIST] }),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
        compress: true,
        functionAssociations: [{ function: directoryIndex, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new HttpOrigin(apiDomain),
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          // Cookies, query strings and Origin reach the API; Host must be the API's own.
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
          functionAssociations: [{ function: viewerAddress, eventType: FunctionEventType.VIEWER_REQUEST }],
        },
      },
    });
    Validations.of(this.distribution).acknowledge({
      id: 'Annotation::@aws-cdk/aws-cloudfront-origins:listBucketSecurityRisk',
      reason: 'ListBucket only turns 403 into 404 for missing pages; the root can never list keys: defaultRootObject is index.html and the viewer-request function maps every path ending in / to its index.html.',
    });
    const acknowledge = (id: string, reason: string) => Validations.of(this.distribution).acknowledge({ id: `AwsSolutions::${id}`, reason });
    acknowledge('AwsSolutions-CFR1', 'A public service of Finnish municipalities; people read it from abroad too (travel, cross-border work), so no geo restriction.');
    acknowledge(
      'AwsSolutions-CFR2',
      'No WAF by default to keep a network at cents a month: the API has stage throttling and per-address limits on everything that sends mail. Operators can attach a web ACL to the distribution.',
    );
    acknowledge(
      'AwsSolutions-CFR4',
      'Served on the default *.cloudfront.net certificate, where CloudFront fixes the viewer protocol policy; with a custom domain the TLSv1.2_2021 minimum (feature flag in cdk.json) applies.',
    );
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
    // cdk-nag names the bootstrap assets bucket as rendered: a literal partition when the region is known.
    const partition = Token.isUnresolved(stack.partition) ? '<AWS::Partition>' : stack.partition;
    const qualifier = stack.synthesizer.bootstrapQualifier ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER;
    const reason =
      'CDK BucketDeployment helper (runs only during cdk deploy to copy web/dist into the private pages bucket and invalidate CloudFront); its role, managed policy and runtime are defined by aws-cdk-lib.';
    const ids = [
      'AwsSolutions-L1',
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      ...['s3:Abort*', 's3:DeleteObject*', 's3:GetBucket*', 's3:GetObject*', 's3:List*'].map((a) => `AwsSolutions-IAM5[Action::${a}]`),
      'AwsSolutions-IAM5[Resource::*]',
      `AwsSolutions-IAM5[Resource::<${pages}.Arn>/*]`,
      `AwsSolutions-IAM5[Resource::arn:${partition}:s3:::cdk-${qualifier}-assets-<AWS::AccountId>-${stack.region}/*]`,
    ];
    for (const id of ids) Validations.of(helper).acknowledge({ id: `AwsSolutions::${id}`, reason });
  }

  /** The distribution's https URL (no trailing slash). */
  get url(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }
}
