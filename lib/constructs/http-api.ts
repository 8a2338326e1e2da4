import { CorsHttpMethod, HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { RouteSpec } from '../topology.js';
import type { AppFunction } from './app-function.js';

export interface HttpApiProps {
  /**
   * Origins allowed by CORS. Pages and API share the CloudFront origin, so
   * none is needed by default; a separately hosted site names its origin here.
   * @default [] (same-origin only)
   */
  readonly allowedOrigins?: string[];
  /** Steady requests per second across the API. @default 50 */
  readonly rateLimit?: number;
  /** @default 100 */
  readonly burstLimit?: number;
}

/** The HTTP API: one route per topology route, stage throttling, JSON access logs without bodies or query strings. */
export class Api extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  private readonly integrations = new Map<AppFunction, HttpLambdaIntegration>();

  constructor(scope: Construct, id: string, props: HttpApiProps = {}) {
    super(scope, id);
    const origins = props.allowedOrigins ?? [];
    this.api = new HttpApi(this, 'Api', {
      description: 'Verkosto public and coordinator API',
      createDefaultStage: false,
      ...(origins.length
        ? {
            corsPreflight: {
              allowOrigins: origins,
              allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.PATCH, CorsHttpMethod.DELETE],
              allowHeaders: ['content-type', 'authorization', 'x-csrf-token'],
              allowCredentials: true,
              maxAge: Duration.hours(1),
            },
          }
        : {}),
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.DESTROY });
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
  }

  addRoute(route: RouteSpec, fn: AppFunction): void {
    let integration = this.integrations.get(fn);
    if (!integration) {
      integration = new HttpLambdaIntegration(`${fn.node.id}Integration`, fn);
      this.integrations.set(fn, integration);
    }
    for (const r of this.api.addRoutes({ path: route.path, methods: [HttpMethod[route.method]], integration })) {
      Validations.of(r).acknowledge({
        id: 'AwsSolutions::AwsSolutions-APIG4',
        reason: route.path.startsWith('/api/coordinator/')
          ? 'Coordinator routes authorise in the function (signed session cookie, CSRF, live network membership) through the one helper every such route uses; the authorisation table test proves each one refuses.'
          : 'Public route by design (directory, forms, signed links); signed-link routes verify their token in the function.',
      });
    }
  }
}
