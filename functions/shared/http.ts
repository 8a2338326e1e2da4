import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as z from './zod.js';
import { DomainError } from './errors.js';
import { fieldMessage, pickLanguage, type UiLanguage } from './i18n.js';
import { logger, powertools } from './powertools.js';
import { issuesToFieldCodes } from './validation.js';

/** API Gateway's own payload limit is 10 MB; our forms are far smaller. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

export interface HttpRequest<B> {
  body: B;
  /** The raw JSON body before schema parsing (for honeypots and such). */
  raw: unknown;
  params: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  cookies: string[];
  lang: UiLanguage;
  /** The viewer's IP address, what per-client limits count (see clientAddress). */
  client: string;
  event: APIGatewayProxyEventV2;
}

/**
 * The viewer's address. Behind CloudFront the API's sourceIp is an edge's,
 * shared by thousands of viewers; CloudFront's viewer-request function on
 * /api/* (lib/constructs/site.ts) sets x-viewer-address from the connection,
 * replacing any value a viewer sent. Offline the local server sets it from
 * the socket the same way.
 */
export function clientAddress(headers: Record<string, string>, sourceIp: string): string {
  return headers['x-viewer-address']?.trim() || sourceIp;
}

export interface HttpResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  cookies?: string[];
}

export interface HttpSpec<S extends z.ZodMiniType | undefined, C> {
  /** Schema for the JSON body; without one the body is ignored. */
  body?: S;
  /**
   * Runs before the body is read, so an unauthorised caller learns nothing
   * about what the body should be (401/403 before 400).
   */
  authorize?: (req: HttpRequest<unknown>) => Promise<C>;
  /** @default 64 KiB */
  maxBodyBytes?: number;
}

const STATUS: Record<DomainError['kind'], number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  too_large: 413,
  rate_limited: 429,
};

/** The headers of every JSON answer; a handler that returns JSON text itself sends them too. */
export const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

export function json(status: number, body: unknown, extra: Omit<HttpResult, 'status' | 'body'> = {}): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: status,
    headers: { ...JSON_HEADERS, ...extra.headers },
    ...(extra.cookies?.length ? { cookies: extra.cookies } : {}),
    body: body === undefined ? '' : JSON.stringify(body),
  };
}

export function errorBody(code: string, message: string, fields?: Record<string, string>) {
  return { error: { code, message, ...(fields ? { fields } : {}) } };
}

function lowerHeaders(headers: APIGatewayProxyEventV2['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) if (v !== undefined) out[k.toLowerCase()] = v;
  return out;
}

/**
 * The one HTTP handler shape: size limit, JSON parse, zod validation with
 * translated field messages, domain errors mapped to statuses, and a 500
 * only for our own faults (logged without the request body).
 */
export function httpHandler<S extends z.ZodMiniType | undefined = undefined, C = undefined>(
  spec: HttpSpec<S, C>,
  fn: (req: HttpRequest<S extends z.ZodMiniType ? z.output<S> : undefined>, ctx: C) => Promise<HttpResult>,
) {
  const maxBytes = spec.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>()
    .use(powertools())
    .handler(async (event) => {
      const headers = lowerHeaders(event.headers);
      const query: Record<string, string> = {};
      for (const [k, v] of Object.entries(event.queryStringParameters ?? {})) if (v !== undefined) query[k] = v;
      const lang = pickLanguage(query.lang, headers['accept-language']);
      try {
        const text = event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '';
        if (Buffer.byteLength(text, 'utf8') > maxBytes) {
          return json(413, errorBody('too_large', `Request body is larger than ${maxBytes} bytes`));
        }
        // No id is this long; passed on, it would exceed DynamoDB's 2 KB key limit and fail as a 500.
        if (Object.values(event.pathParameters ?? {}).some((p) => p !== undefined && Buffer.byteLength(p, 'utf8') > 512)) return json(404, errorBody('not_found', 'Not found'));
        const req: HttpRequest<unknown> = {
          body: undefined,
          raw: undefined,
          params: Object.fromEntries(Object.entries(event.pathParameters ?? {}).filter((e): e is [string, string] => e[1] !== undefined)),
          query,
          headers,
          cookies: event.cookies ?? [],
          lang,
          client: clientAddress(headers, event.requestContext.http.sourceIp),
          event,
        };
        const ctx = spec.authorize ? await spec.authorize(req) : (undefined as C);
        let raw: unknown;
        let body: unknown;
        if (spec.body) {
          if (text.trim() === '') raw = undefined;
          else {
            try {
              raw = JSON.parse(text);
            } catch {
              return json(400, errorBody('invalid_json', 'Request body is not valid JSON'));
            }
          }
          const parsed = spec.body.safeParse(raw);
          if (!parsed.success) {
            const codes = issuesToFieldCodes(parsed.error.issues);
            const fields = Object.fromEntries(Object.entries(codes).map(([k, c]) => [k, fieldMessage(c, lang)]));
            return json(400, errorBody('invalid_input', 'Some fields need attention', fields));
          }
          body = parsed.data;
        }
        const result = await fn({ ...req, body: body as S extends z.ZodMiniType ? z.output<S> : undefined, raw }, ctx);
        if (result.headers?.['content-type'] && typeof result.body === 'string') {
          return { statusCode: result.status, headers: result.headers, body: result.body, ...(result.cookies ? { cookies: result.cookies } : {}) };
        }
        return json(result.status, result.body, result);
      } catch (err) {
        if (err instanceof DomainError) {
          const fields = err.fields ? Object.fromEntries(Object.entries(err.fields).map(([k, c]) => [k, fieldMessage(c, lang)])) : undefined;
          return json(STATUS[err.kind], errorBody(err.code, err.message, fields));
        }
        logger.error('Unhandled error', { error: err as Error, routeKey: event.routeKey });
        return json(500, errorBody('internal', 'Something went wrong on our side; nothing was saved. Please try again.'));
      }
    });
}
