import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import * as z from '../shared/zod.js';
import { clock, mailer, publisher, siteUrl } from '../listings/runtime.js';
import { ENV, parseEnv } from '../shared/env.js';
import { logger, powertools } from '../shared/powertools.js';
import { loadTokens } from '../shared/token-keys.js';
import { networks } from '../subscriptions/runtime.js';
import { digestBatch, pacer, sendBatch } from './digests.js';
import { digestQueue, digestStore } from './runtime.js';

const env = parseEnv({
  [ENV.sendRatePerSecond]: z.coerce.number().check(z.positive()),
  [ENV.senderConcurrency]: z._default(z.coerce.number().check(z.int(), z.gte(1)), 2),
});
const deps = {
  digests: digestStore(),
  queue: digestQueue(),
  mailer: mailer(),
  tokens: await loadTokens(),
  networks: networks(),
  publisher: publisher(),
  siteUrl: siteUrl(),
  clock,
  // Each of the (at most) N concurrent senders takes 1/N of the configured rate.
  pace: pacer(env[ENV.sendRatePerSecond], env[ENV.senderConcurrency]),
};

/**
 * What an invocation keeps in hand when it stops taking recipients: one
 * paced send at its share of the rate, its SES call and the figures' writes.
 */
const reserveMs = 10_000 + (2 * 1000 * env[ENV.senderConcurrency]) / env[ENV.sendRatePerSecond];

/** SQS → digests out through SES; failed batches are reported one by one (ReportBatchItemFailures). */
export const handler = middy<SQSEvent, SQSBatchResponse, Error, Context>()
  .use(powertools())
  .handler(async (event, context) => {
    const failures: SQSBatchResponse['batchItemFailures'] = [];
    const outOfTime = () => context.getRemainingTimeInMillis() < reserveMs;
    for (const record of event.Records) {
      try {
        await sendBatch(digestBatch.parse(JSON.parse(record.body)), record.messageId, { ...deps, outOfTime });
      } catch (err) {
        logger.warn('Digest batch failed; it will be retried', { messageId: record.messageId, error: (err as Error).name });
        failures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures: failures };
  });
