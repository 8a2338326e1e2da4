import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { LogItemExtraInput, LogItemMessage } from '@aws-lambda-powertools/logger/types';
import type { MiddlewareObj, Request } from '@middy/core';

/**
 * One logger per function. Personal data (emails, names, phone numbers, free
 * text) is never logged: log ids, counts and error codes only. A test greps a
 * full run's logs for the test addresses. The functions publish no custom
 * metrics: the counts an operator watches are metrics AWS publishes for free
 * (docs/operations.md, "Alarms and the dashboard").
 *
 * Powertools' Logger is built on the first log line, not at cold start:
 * building it (its Console on process.stdout) was 7–12 ms of every import,
 * and a request that logs nothing, most reads, never needs it (issue 16).
 * Built during an invocation, it gets that invocation's context at once.
 */
let built: { logger: FunctionLogger; middleware: MiddlewareObj } | undefined;
/** The invocation in progress, for a logger built during it. */
let current: Request | undefined;
let invocations = 0;

/** Powertools' Logger, told when it is built after the first invocation: its cold_start key would say true otherwise. */
class FunctionLogger extends Logger {
  notColdStart(): void {
    this.getColdStart();
  }
}

function realLogger(): Logger {
  if (!built) {
    const logger = new FunctionLogger({ serviceName: 'verkosto' });
    if (invocations > 1) logger.notColdStart();
    built = { logger, middleware: injectLambdaContext(logger, { resetKeys: true }) as MiddlewareObj };
    if (current) void built.middleware.before?.(current);
  }
  return built.logger;
}

export const logger: Pick<Logger, 'debug' | 'info' | 'warn' | 'error' | 'appendKeys'> = {
  debug: (input: LogItemMessage, ...extra: LogItemExtraInput) => realLogger().debug(input, ...extra),
  info: (input: LogItemMessage, ...extra: LogItemExtraInput) => realLogger().info(input, ...extra),
  warn: (input: LogItemMessage, ...extra: LogItemExtraInput) => realLogger().warn(input, ...extra),
  error: (input: LogItemMessage, ...extra: LogItemExtraInput) => realLogger().error(input, ...extra),
  appendKeys: (attributes) => realLogger().appendKeys(attributes),
};

/** Powertools' Lambda context middleware (context keys, keys reset after each invocation) for the logger once it is built. */
const lambdaContext: MiddlewareObj = {
  before: (request) => {
    invocations++;
    current = request;
    return built?.middleware.before?.(request);
  },
  after: (request) => {
    current = undefined;
    return built?.middleware.after?.(request);
  },
  onError: (request) => {
    current = undefined;
    return built?.middleware.onError?.(request);
  },
};

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
  return [...(traceHandler ? [traceHandler() as MiddlewareObj] : []), lambdaContext];
}
