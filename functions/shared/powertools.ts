import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { MiddlewareObj } from '@middy/core';

/**
 * One logger per function, built at cold start. Personal data (emails,
 * names, phone numbers, free text) is never logged: log ids, counts and
 * error codes only. A test greps a full run's logs for the test addresses.
 * The functions publish no custom metrics: the counts an operator watches are
 * metrics AWS publishes for free (docs/operations.md, "Alarms and the dashboard").
 */
export const logger = new Logger({ serviceName: 'verkosto' });

/**
 * Set by the bundler (lib/bundling.ts) from the operator config `tracing`;
 * undeclared when tsx or vitest run the sources, which never trace.
 */
declare const VERKOSTO_TRACING: boolean | undefined;

/**
 * The handler's X-Ray segment, when this bundle traces. The condition must be
 * the defined name itself, not a constant holding it: esbuild drops the
 * dynamic import of a branch it sees is dead while parsing, and the Tracer
 * (X-Ray SDK, about 126 KB) is then not bundled at all.
 */
const traceHandler = typeof VERKOSTO_TRACING === 'boolean' && VERKOSTO_TRACING ? (await import('./tracing.js')).traceHandler : undefined;

/**
 * The middlewares every handler's middy chain starts with: the handler's
 * X-Ray segment when tracing (first, so it spans the others), then the
 * logger's Lambda context with the keys of the previous invocation cleared.
 */
export function powertools(): MiddlewareObj[] {
  return [...(traceHandler ? [traceHandler() as MiddlewareObj] : []), injectLambdaContext(logger, { resetKeys: true }) as MiddlewareObj];
}
