import { ApiMapping, CorsHttpMethod, DomainName, HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { Duration, Fn, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { HttpMethod as HttpMethodName, RouteSpec } from '../topology.js';
import type { AppFunction } from './app-function.js';

export interface HttpApiProps {
  /**
   * Origins allowed by CORS. Pages and API share the CloudFront origin, so
   * none is needed by default; a separately hosted site (config.siteUrl)
   * names its origin here. Never "*": the API takes a session cookie.
   * @default [] (same origin only: no CORS configuration at all)
   */
  readonly allowedOrigins?: readonly string[];
  /**
   * Methods CORS allows: the topology's route methods.
   * @default GET, POST, PUT, PATCH, DELETE
   */
  readonly allowedMethods?: readonly HttpMethodName[];
  /**
   * Steady requests per second across the API (the stage's default route throttle).
   * @default 50
   */
  readonly rateLimit?: number;
  /**
   * Requests the stage absorbs in a burst above the rate.
   * @default 100
   */
  readonly burstLimit?: number;
  /**
   * How long the access logs are kept.
   * @default RetentionDays.THREE_MONTHS
   */
  readonly accessLogRetention?: RetentionDays;
  /**
   * A custom domain (and its ACM certificate) that CloudFront reaches the API by. Given, the
   * execute-api endpoint is disabled: nothing bypasses CloudFront and its viewer address.
   * @default none: the execute-api endpoint answers (and is CloudFront's origin)
   */
  readonly domain?: { readonly name: string; readonly certificateArn: string };
}

/**
 * The HTTP API: one Lambda route per topology route, a throttled `$default`
 * stage, JSON access logs without bodies, query strings or addresses.
 */
export class Api extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  /** The host CloudFront sends /api/* to: the custom domain, or the execute-api host. */
  readonly originDomain: string;
  /** The API Gateway domain the custom domain's DNS record must point at (with a custom domain). */
  readonly domainTarget?: string;
  private readonly integrations = new Map<AppFunction, HttpLambdaIntegration>();

  constructor(scope: Construct, id: string, props: HttpApiProps = {}) {
    super(scope, id);
    const origins = [...(props.allowedOrigins ?? [])];
    if (origins.includes('*')) throw new Error('The HTTP API takes a session cookie: CORS must name the site origin, not "*"');
    const methods = [...new Set(props.allowedMethods ?? (['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const))];
    const domain = props.domain
      ? new DomainName(this, 'Domain', { domainName: props.domain.name, certificate: Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn) })
      : undefined;
    this.api = new HttpApi(this, 'Api', {
      // Named after the stack: several stacks in one account stay apart in the console and the metrics.
      apiName: `${Stack.of(this).stackName}-api`,
      description: 'Verkosto public and coordinator API',
      createDefaultStage: false,
      ...(domain ? { disableExecuteApiEndpoint: true } : {}),
      ...(origins.length
        ? {
            corsPreflight: {
              allowOrigins: origins,
              allowMethods: methods.map((m) => CorsHttpMethod[m]),
              // Sessions travel in cookies; the CSRF token in its header (double submit).
              allowHeaders: ['content-type', 'x-csrf-token'],
              allowCredentials: true,
              maxAge: Duration.hours(1),
            },
          }
        : {}),
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.accessLogRetention ?? RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.DESTROY });
    this.stage = new HttpStage(this, 'Stage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.rateLimit ?? 50, burstLimit: props.burstLimit ?? 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // No IP, no query string (tokens travel there), no body: nothing personal.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            time: '$context.requestTime',
          }),
        ),
      },
    });
    if (domain) new ApiMapping(this, 'Mapping', { api: this.api, domainName: domain, stage: this.stage });
    // apiEndpoint is https://<id>.execute-api.<region>.amazonaws.com; CloudFront wants the host only.
    this.originDomain = props.domain?.name ?? Fn.select(2, Fn.split('/', this.api.apiEndpoint));
    if (domain) this.domainTarget = domain.regionalDomainName;
  }

  /** One route per topology RouteSpec; a function with several routes shares one integration. */
  addRoute(route: RouteSpec, fn: AppFunction): void {
    let integration = this.integrations.get(fn);
    if (!integration) {
      // One invoke permission per function for this API, not one per route: every route cost two resources
      // (route and permission) and the stack neared its budget under CloudFormation's 500; which routes reach
      // the function is still only what the topology routes to it.
      integration = new HttpLambdaIntegration(`${fn.node.id}Integration`, fn, { scopePermissionToRoute: false });
      this.integrations.set(fn, integration);
    }
    for (const r of this.api.addRoutes({ path: route.path, methods: [HttpMethod[route.method]], integration })) {
      Validations.of(r).acknowledge({ id: 'AwsSolutions::AwsSolutions-APIG4', reason: authorisationReason(route.path) });
    }
  }
}

/** Why a route has no API Gateway authorizer: each kind of route authorises (or is public) in its function. */
function authorisationReason(path: string): string {
  if (path.startsWith('/api/coordinator/')) {
    return 'Coordinator routes authorise in the function (signed session cookie, CSRF double submit, live network membership) through the one helper every such route uses; test/integration/authorisation-table.test.ts proves each one refuses.';
  }
  if (path.startsWith('/api/auth/')) {
    return 'Sign-in routes establish the session an authorizer would check: the emailed single-use link becomes a signed HttpOnly cookie, which session and sign-out verify in the function.';
  }
  return 'Public route by design (directory, submission forms, signed links for edit and unsubscribe); signed-link routes verify their token in the function.';
}
