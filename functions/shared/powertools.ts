import { createRequire } from 'node:module';
import type { Logger } from '@aws-lambda-powertools/logger';
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
 *
 * Its modules (the Logger, its middleware, @aws-lambda-powertools/commons) are
 * not even evaluated before then: evaluating them was most of the rest of the
 * logger's import cost. An `import` is evaluated at cold start wherever it is
 * written, and a dynamic `import()` would make every log call asynchronous;
 * a `require` call is what esbuild bundles as a module initialised on its
 * first call (the bundle's banner in lib/bundling.ts gives ESM a `require`).
 * It resolves the packages' CommonJS builds, whose own `require('node:console')`
 * and `require('node:crypto')` then also wait for the first log line; their ES
 * builds, even required lazily, would have those imports hoisted to the
 * bundle's top (measured: ListNetworks import CPU 52 ms that way, 48 ms this
 * way, 51 ms before; the CommonJS builds add ~12 KB to each bundle).
 * tsx and vitest run this file as ESM without a `require`, hence
 * `createRequire`; esbuild rewrites only the bare `require(...)` calls, so the
 * bundle never resolves the packages at run time
 * (test/unit/bundle-contents.test.ts).
 */
let built: { logger: Logger; middleware: MiddlewareObj } | undefined;
/** The invocation in progress, for a logger built during it. */
let current: Request | undefined;
let invocations = 0;

type LoggerModules = [typeof import('@aws-lambda-powertools/logger'), typeof import('@aws-lambda-powertools/logger/middleware')];

function loadLogger() {
  const load = typeof require === 'function' ? undefined : createRequire(import.meta.url);
  const [{ Logger }, { injectLambdaContext }] = (
    load
      ? [load('@aws-lambda-powertools/logger'), load('@aws-lambda-powertools/logger/middleware')]
      : [require('@aws-lambda-powertools/logger'), require('@aws-lambda-powertools/logger/middleware')]
  ) as LoggerModules;
  return { Logger, injectLambdaContext };
}

function realLogger(): Logger {
  if (!built) {
    const { Logger, injectLambdaContext } = loadLogger();
    /** Powertools' Logger, told when it is built after the first invocation: its cold_start key would say true otherwise. */
    class FunctionLogger extends Logger {
      notColdStart(): void {
        this.getColdStart();
      }
    }
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
