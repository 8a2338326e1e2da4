import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import type { FunctionSpec } from '../lib/topology.js';

export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

export interface LocalFunction {
  spec: FunctionSpec;
  invoke(event: unknown): Promise<unknown>;
}

function context(spec: FunctionSpec): Context {
  const deadline = Date.now() + (spec.timeoutSeconds ?? 10) * 1000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: spec.id,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-north-1:000000000000:function:${spec.id}`,
    memoryLimitInMB: String(spec.memoryMb ?? 256),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${spec.id}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/**
 * How many invocations of one function run at once; the rest wait their turn
 * before their timeout starts. In Lambda every instance has its own CPU, so
 * a burst of 100 requests is 100 instances each as fast as one; here they
 * share one process on a few cores, and 100 at once made each take ten times
 * as long, so some hit the function's timeout (the meetings test's 100
 * concurrent RSVPs got 500s with several test files running). A queue in
 * front keeps each invocation's time what it would be alone, as in Lambda,
 * while writes still race eight at a time. VERKOSTO_LOCAL_CONCURRENCY
 * overrides it.
 */
export const LOCAL_CONCURRENCY = Number(process.env.VERKOSTO_LOCAL_CONCURRENCY ?? 8);

/** A counting semaphore: `run` waits for a free slot, then runs `task`. */
function slots(size: number): <T>(task: () => Promise<T>) => Promise<T> {
  let free = size;
  const waiting: Array<() => void> = [];
  return async (task) => {
    if (free > 0) free--;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else free++;
    }
  };
}

/**
 * Loads a handler module from the topology's entry file, in this process, so
 * the same code runs here as in Lambda. Env must be set before this is called:
 * handlers parse it at module scope, as at a cold start.
 */
export async function loadFunction(spec: FunctionSpec, root: string): Promise<LocalFunction> {
  const mod = (await import(pathToFileURL(resolve(root, spec.entry)).href)) as { handler?: LambdaHandler };
  const handler = mod.handler;
  if (typeof handler !== 'function') throw new Error(`${spec.entry} does not export a handler`);
  const turn = slots(LOCAL_CONCURRENCY);
  return {
    spec,
    invoke: (event) =>
      turn(async () => {
        const timeoutMs = (spec.timeoutSeconds ?? 10) * 1000;
        let timer: NodeJS.Timeout | undefined;
        try {
          return await Promise.race([
            handler(event, context(spec)),
            new Promise((_, reject) => {
              timer = setTimeout(() => reject(new Error(`${spec.id} timed out after ${timeoutMs} ms`)), timeoutMs);
            }),
          ]);
        } finally {
          clearTimeout(timer);
        }
      }),
  };
}
