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
 * Loads a handler module from the topology's entry file, in this process, so
 * the same code runs here as in Lambda. Env must be set before this is called:
 * handlers parse it at module scope, as at a cold start.
 */
export async function loadFunction(spec: FunctionSpec, root: string): Promise<LocalFunction> {
  const mod = (await import(pathToFileURL(resolve(root, spec.entry)).href)) as { handler?: LambdaHandler };
  const handler = mod.handler;
  if (typeof handler !== 'function') throw new Error(`${spec.entry} does not export a handler`);
  return {
    spec,
    invoke: async (event) => {
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
    },
  };
}
