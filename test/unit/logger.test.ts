/**
 * The function's logger is built on its first log line, not at cold start
 * (issue 16), and still writes what Powertools' Lambda context middleware
 * gives a line: the invocation's request id and whether it was a cold start.
 */
import type { Context } from 'aws-lambda';
import middy from '@middy/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const context = (requestId: string) =>
  ({ awsRequestId: requestId, functionName: 'ReadDirectory', functionVersion: '$LATEST', invokedFunctionArn: 'arn:aws:lambda:eu-north-1:000000000000:function:ReadDirectory', memoryLimitInMB: '256', getRemainingTimeInMillis: () => 1000 }) as unknown as Context;

let lines: string[];

beforeEach(() => {
  vi.resetModules();
  // As Lambda sets it: Powertools calls nothing a cold start otherwise.
  vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
  lines = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

/** A fresh copy of the module (its logger not yet built) and a handler that logs when asked. */
async function handlerLogging() {
  const { logger, powertools } = await import('../../functions/shared/powertools.js');
  return middy<{ log?: string }, void>()
    .use(powertools())
    .handler(async (event) => {
      if (event.log) logger.info(event.log, { listings: 3 });
    });
}

const logged = (message: string) => lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.message === message);

describe('the function logger', () => {
  it('writes nothing and builds nothing for invocations that log nothing', async () => {
    const handler = await handlerLogging();

    await handler({}, context('req-1'));

    expect(lines).toEqual([]);
  });

  it("gives a line built on the first invocation that invocation's request id and a cold start", async () => {
    const handler = await handlerLogging();

    await handler({ log: 'first' }, context('req-1'));
    await handler({ log: 'second' }, context('req-2'));

    expect(logged('first')).toMatchObject({ level: 'INFO', function_request_id: 'req-1', cold_start: true, listings: 3 });
    expect(logged('second')).toMatchObject({ function_request_id: 'req-2', cold_start: false });
  });

  it('calls no cold start when its first line comes on a later invocation', async () => {
    const handler = await handlerLogging();

    await handler({}, context('req-1'));
    await handler({ log: 'later' }, context('req-2'));

    expect(logged('later')).toMatchObject({ function_request_id: 'req-2', cold_start: false, service: 'verkosto' });
  });
});
