/**
 * A thin AWS client: SigV4-signed requests with Node's fetch, the endpoint
 * from the region (or the AWS_ENDPOINT_URL_<SERVICE> overrides the local
 * stack sets), credentials from the environment only, the SDK's "standard"
 * retries and its error shape. It replaces the AWS SDK v3 in the bundles:
 * the SDK's runtime alone (@smithy/core, @aws-sdk/core and a client's
 * models) was 200–315 KB of every function; this folder is about 7.5 KB
 * minified, 12–14 KB with @aws-sdk/util-dynamodb (see docs/architecture.md,
 * "AWS access").
 */
import * as z from '../zod.js';
import { parseEnv } from '../env.js';
import { type Credentials, signRequest } from './sigv4.js';

/** How one AWS service is reached. */
export interface AwsService {
  /** the endpoint's host prefix: `https://<prefix>.<region>.amazonaws.com` */
  endpointPrefix: string;
  /** the name requests are signed for */
  signingName: string;
  /** the suffix of the AWS_ENDPOINT_URL_<SERVICE> override (the SDK's service id, upper snake case) */
  envId: string;
}

export const SERVICES = {
  dynamodb: { endpointPrefix: 'dynamodb', signingName: 'dynamodb', envId: 'DYNAMODB' },
  eventbridge: { endpointPrefix: 'events', signingName: 'events', envId: 'EVENTBRIDGE' },
  sqs: { endpointPrefix: 'sqs', signingName: 'sqs', envId: 'SQS' },
  sesv2: { endpointPrefix: 'email', signingName: 'ses', envId: 'SESV2' },
  scheduler: { endpointPrefix: 'scheduler', signingName: 'scheduler', envId: 'SCHEDULER' },
  secretsManager: { endpointPrefix: 'secretsmanager', signingName: 'secretsmanager', envId: 'SECRETS_MANAGER' },
  s3: { endpointPrefix: 's3', signingName: 's3', envId: 'S3' },
} as const satisfies Record<string, AwsService>;

/**
 * An error an AWS service answered with (or the network failing): `name` is
 * the service's error code (`ConditionalCheckFailedException`,
 * `ResourceNotFoundException`…), as the SDK names its exception classes, and
 * the answer's other fields (DynamoDB's CancellationReasons…) are kept.
 */
export class AwsError extends Error {
  readonly $metadata: { httpStatusCode?: number; requestId?: string; attempts: number };
  readonly $fault: 'client' | 'server';
  readonly [field: string]: unknown;

  constructor(name: string, message: string, meta: { httpStatusCode?: number; requestId?: string; attempts?: number }, fields: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options);
    Object.assign(this, fields);
    this.name = name;
    this.$metadata = { ...meta, attempts: meta.attempts ?? 1 };
    this.$fault = meta.httpStatusCode !== undefined && meta.httpStatusCode < 500 ? 'client' : 'server';
  }
}

/** The error codes the SDK's standard retry strategy treats as throttling or transient. */
const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'TransactionInProgressException',
  'RequestLimitExceeded',
  'BandwidthLimitExceeded',
  'LimitExceededException',
  'RequestThrottled',
  'SlowDown',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
]);
const TRANSIENT = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'NetworkingError', 'InternalServerError', 'InternalFailure', 'ServiceUnavailable']);
const TRANSIENT_STATUS = new Set([500, 502, 503, 504]);

/** Whether the standard retry strategy retries this error; never a condition or validation failure. */
export function isRetryable(err: AwsError): boolean {
  const status = err.$metadata.httpStatusCode;
  return THROTTLING.has(err.name) || TRANSIENT.has(err.name) || status === 429 || (status !== undefined && TRANSIENT_STATUS.has(status));
}

/** A connection that was never made: the request cannot have reached the service. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

/**
 * Whether the service certainly did not act on the request: it throttled it,
 * or no connection was made. A dropped connection, a timeout or a 5xx after
 * the request went out are not: the service may have done the work.
 */
export function isCertainlyUnprocessed(err: AwsError): boolean {
  return THROTTLING.has(err.name) || err.$metadata.httpStatusCode === 429 || (err.name === 'NetworkingError' && NOT_CONNECTED.has(String(err.code)));
}

export interface RetryPolicy {
  /** attempts in all, the first one included @default 3 */
  maxAttempts: number;
  /** the backoff's base: attempt n waits up to base × 2^(n-1) @default 100 ms (500 ms after throttling) */
  baseDelayMs: number;
  throttlingBaseDelayMs: number;
  /** the longest wait between attempts @default 20 s */
  maxDelayMs: number;
  /**
   * How long one attempt may take before it is abandoned and retried. None
   * by default, as in the SDK: a retried write whose first attempt did land
   * (a slow conditional ADD) would count twice; the Lambda timeout bounds it.
   * @default undefined
   */
  attemptTimeoutMs?: number;
  /**
   * Which failures are tried again. For a request that is not idempotent
   * (SES SendEmail has no idempotency token), only those the service
   * certainly did not act on: see SEND_ONCE_RETRIES.
   * @default isRetryable
   */
  retryable?: (err: AwsError) => boolean;
}

/** The SDK's standard mode. */
export const STANDARD_RETRIES: RetryPolicy = { maxAttempts: 3, baseDelayMs: 100, throttlingBaseDelayMs: 500, maxDelayMs: 20_000 };

/**
 * The standard retries, but only of failures the service certainly did not
 * act on: a retried SendEmail whose first attempt SES took (its answer lost
 * to a dropped connection, or a 5xx after it queued the mail) is a second
 * copy in someone's inbox.
 */
export const SEND_ONCE_RETRIES: RetryPolicy = { ...STANDARD_RETRIES, retryable: isCertainlyUnprocessed };

/** Full jitter: a uniformly random wait up to the exponential bound. */
export const backoffMs = (policy: RetryPolicy, attempt: number, throttled: boolean, random = Math.random) =>
  random() * Math.min(policy.maxDelayMs, (throttled ? policy.throttlingBaseDelayMs : policy.baseDelayMs) * 2 ** (attempt - 1));

interface ClientConfig {
  region: string;
  credentials: Credentials;
  /** with a bucket: `<bucket>.s3.<region>.amazonaws.com` in AWS, `<override>/<bucket>` (path style) at an override such as the local object store */
  endpoint(service: AwsService, bucket?: string): URL;
}

/**
 * Read at the first request, not at import: a function without credentials
 * fails its request with the reason (a 500 an operator can read), and the
 * local stack sets the variables before it loads the handlers.
 */
let config: ClientConfig | undefined;
function clientConfig(): ClientConfig {
  if (config) return config;
  const present = (v: unknown) => (v === '' ? undefined : v);
  const env = parseEnv({
    AWS_REGION: z.pipe(z.transform(present), z.optional(z.string().check(z.minLength(1)))),
    AWS_DEFAULT_REGION: z.pipe(z.transform(present), z.optional(z.string().check(z.minLength(1)))),
    AWS_ACCESS_KEY_ID: z.pipe(z.transform(present), z.optional(z.string().check(z.minLength(1)))),
    AWS_SECRET_ACCESS_KEY: z.pipe(z.transform(present), z.optional(z.string().check(z.minLength(1)))),
    AWS_SESSION_TOKEN: z.pipe(z.transform(present), z.optional(z.string().check(z.minLength(1)))),
    AWS_ENDPOINT_URL: z.pipe(z.transform(present), z.optional(z.url())),
  });
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!region) throw new Error('No AWS region: set AWS_REGION (Lambda sets it)');
  if (!env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY) {
    // Only the environment: a Lambda has its role's credentials there, and nothing else should be tried.
    throw new Error('Unable to find environment variable credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (Lambda sets them)');
  }
  const credentials = { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) };
  const overrides = parseEnv(Object.fromEntries(Object.values(SERVICES).map((s) => [`AWS_ENDPOINT_URL_${s.envId}`, z.pipe(z.transform(present), z.optional(z.url()))])));
  config = {
    region,
    credentials,
    endpoint: (service, bucket) => {
      const override = (overrides[`AWS_ENDPOINT_URL_${service.envId}`] as string | undefined) ?? env.AWS_ENDPOINT_URL;
      if (!override) return new URL(`https://${bucket ? `${bucket}.` : ''}${service.endpointPrefix}.${region}.amazonaws.com`);
      return new URL(bucket ? `${override.replace(/\/$/, '')}/${bucket}` : override);
    },
  };
  return config;
}

export interface AwsRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** already encoded, starting with / */
  path: string;
  query?: Record<string, string | undefined>;
  headers: Record<string, string>;
  body: string | Uint8Array<ArrayBuffer>;
  /** S3: the bucket, which goes into the host name (or the path, at an endpoint override) */
  bucket?: string;
  /** the answer's body as bytes (`bytes`) rather than text (an S3 object) */
  binary?: boolean;
}

export interface AwsResponse {
  status: number;
  headers: Headers;
  text: string;
  /** with `binary`: the body */
  bytes?: Uint8Array;
}

/** What a caller may ask of one request beyond its contents. */
export interface RequestOptions {
  /**
   * Awaited right before each attempt leaves (after the body is serialised and
   * signed), retries included: a send-rate pacer here spaces the requests the
   * service counts, not the moment the caller decided to send.
   */
  beforeAttempt?: () => Promise<void>;
}

/** How an error answer names its code and message: awsJson puts them in the body, restJson in a header too. */
export function parseError(status: number, headers: Headers, text: string, attempts: number): AwsError {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = text ? JSON.parse(text) : {};
    if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's HTML page): the status tells what happened.
  }
  // S3 answers errors in XML: <Error><Code>NoSuchKey</Code><Message>…</Message></Error>.
  const xml = (tag: string) => (text.startsWith('<') ? new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(text)?.[1] : undefined);
  if (text.startsWith('<')) body = { ...(xml('Code') ? { Code: xml('Code') } : {}), ...(xml('Message') ? { Message: xml('Message') } : {}) };
  // "aws.protocoltests#FooError:http://internal…" or "com.amazonaws.dynamodb.v20120810#Foo": the code is the short name.
  const raw = headers.get('x-amzn-errortype') ?? (body.__type as string | undefined) ?? (body.code as string | undefined) ?? (body.Code as string | undefined) ?? `Http${status}`;
  const name = raw.split(':')[0]!.split('#').pop()!;
  const message = (body.message ?? body.Message ?? (text.slice(0, 200) || `HTTP ${status}`)) as string;
  const { __type: _t, message: _m, Message: _M, ...fields } = body;
  return new AwsError(name, message, { httpStatusCode: status, ...(headers.get('x-amzn-requestid') ? { requestId: headers.get('x-amzn-requestid')! } : {}), attempts }, fields);
}

/** A request that got no answer: refused, reset, timed out. Retried like a 5xx. */
function networkError(err: unknown, attempts: number): AwsError {
  const e = err as Error & { cause?: { code?: string } };
  const timeout = e.name === 'TimeoutError' || e.name === 'AbortError';
  const code = e.cause?.code;
  return new AwsError(timeout ? 'TimeoutError' : 'NetworkingError', `${timeout ? 'Request timed out' : 'Request failed'}: ${code ?? e.message}`, { attempts }, code ? { code } : {}, { cause: err });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One AWS service's requests, signed and retried. */
export class AwsClient {
  constructor(
    readonly service: AwsService,
    private readonly retries: RetryPolicy = STANDARD_RETRIES,
  ) {}

  /** The answer of a 2xx; an AwsError otherwise, after the retries the policy allows. */
  async request(req: AwsRequest, options: RequestOptions = {}): Promise<AwsResponse> {
    const { region, credentials, endpoint } = clientConfig();
    const base = endpoint(this.service, req.bucket);
    const url = new URL(base.pathname.replace(/\/$/, '') + req.path, base);
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.append(k, v);
    for (let attempt = 1; ; attempt++) {
      let error: AwsError;
      try {
        const headers = signRequest({ method: req.method, url, headers: req.headers, body: req.body }, credentials, region, this.service.signingName);
        delete headers.host;
        if (options.beforeAttempt) await options.beforeAttempt();
        const res = await fetch(url, {
          method: req.method,
          headers,
          ...(req.method === 'GET' || req.method === 'DELETE' ? {} : { body: req.body }),
          ...(this.retries.attemptTimeoutMs ? { signal: AbortSignal.timeout(this.retries.attemptTimeoutMs) } : {}),
        });
        if (res.ok && req.binary) return { status: res.status, headers: res.headers, text: '', bytes: new Uint8Array(await res.arrayBuffer()) };
        const text = await res.text();
        if (res.ok) return { status: res.status, headers: res.headers, text };
        error = parseError(res.status, res.headers, text, attempt);
      } catch (err) {
        error = networkError(err, attempt);
      }
      if (attempt >= this.retries.maxAttempts || !(this.retries.retryable ?? isRetryable)(error)) throw error;
      await sleep(backoffMs(this.retries, attempt, THROTTLING.has(error.name) || error.$metadata.httpStatusCode === 429));
    }
  }

  /** awsJson 1.0/1.1: POST / with `X-Amz-Target: <prefix>.<operation>`. */
  async json<O>(version: '1.0' | '1.1', target: string, input: unknown): Promise<O> {
    const res = await this.request({
      method: 'POST',
      path: '/',
      headers: { 'content-type': `application/x-amz-json-${version}`, 'x-amz-target': target },
      body: JSON.stringify(input),
    });
    return (res.text ? JSON.parse(res.text) : {}) as O;
  }

  /** restJson1: the operation is the method and path; input members bound to the body go as JSON. */
  async rest<O>(method: AwsRequest['method'], path: string, body?: unknown, query?: AwsRequest['query'], options?: RequestOptions): Promise<O> {
    const res = await this.request(
      {
        method,
        path,
        ...(query ? { query } : {}),
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? '' : JSON.stringify(body),
      },
      options,
    );
    return (res.text ? JSON.parse(res.text) : {}) as O;
  }
}

/** Forgets the configuration read from the environment (tests that change it). */
export function resetClientConfig(): void {
  config = undefined;
}
