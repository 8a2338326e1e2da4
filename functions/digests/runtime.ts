import * as z from '../shared/zod.js';
import { Sqs } from '../shared/aws/services.js';
import { documentClient } from '../shared/dynamo.js';
import { ENV, parseEnv } from '../shared/env.js';
import type { DigestBatch, DigestQueue } from './digests.js';
import { DynamoDigestStore } from './store.js';

export const digestStore = () => new DynamoDigestStore(documentClient(), parseEnv({ [ENV.tableName]: z.string().check(z.minLength(1)) })[ENV.tableName]);

/** SQS, ten entries per SendMessageBatch; a partly failed batch throws so the builder is retried. */
export class SqsDigestQueue implements DigestQueue {
  constructor(
    private readonly client: Sqs,
    private readonly url: string,
  ) {}

  async enqueue(batches: DigestBatch[]): Promise<void> {
    for (let i = 0; i < batches.length; i += 10) {
      const chunk = batches.slice(i, i + 10);
      const out = await this.client.sendMessageBatch({ QueueUrl: this.url, Entries: chunk.map((b, j) => ({ Id: String(j), MessageBody: JSON.stringify(b) })) });
      if (out.Failed?.length) throw new Error(`SendMessageBatch failed for ${out.Failed.length} entries: ${out.Failed.map((f) => f.Code).join(', ')}`);
    }
  }
}

export const digestQueue = () => new SqsDigestQueue(new Sqs(), parseEnv({ [ENV.digestQueueUrl]: z.url() })[ENV.digestQueueUrl]);
