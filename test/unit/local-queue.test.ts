import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { GetQueueAttributesCommand, GetQueueUrlCommand, SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalQueue, md5OfMessageAttributes, SqsError, type SendMessageBatchEntry } from '../../local/queue/queue.js';
import { startQueueServer } from '../../local/queue/server.js';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const entries = (...bodies: string[]): SendMessageBatchEntry[] => bodies.map((b, i) => ({ Id: `e${i}`, MessageBody: b }));

/** Records every delivery: which bodies came in which invocation, and with what receive count. */
function recorder() {
  const batches: SQSRecord[][] = [];
  return {
    batches,
    deliveries: (body: string) => batches.flat().filter((r) => r.body === body),
    take: (event: SQSEvent) => void batches.push(event.Records),
  };
}

function sqsError(fn: () => unknown): SqsError {
  try {
    fn();
  } catch (err) {
    if (err instanceof SqsError) return err;
    throw err;
  }
  throw new Error('expected an SqsError');
}

describe('the local queue and its Lambda-style consumer', () => {
  const opened: LocalQueue[] = [];
  const queue = (opts: ConstructorParameters<typeof LocalQueue>[0]) => {
    const q = new LocalQueue(opts);
    opened.push(q);
    return q;
  };
  afterEach(() => {
    for (const q of opened.splice(0)) q.close();
  });

  it('deletes the messages of a batch that reports one failure and redelivers only the failed one', async () => {
    const q = queue({ name: 'digest', visibilityTimeoutSeconds: 0.2 });
    const log = recorder();
    q.attach({
      handler: async (event) => {
        log.take(event);
        const bad = event.Records.find((r) => r.body === 'b' && r.attributes.ApproximateReceiveCount === '1');
        return { batchItemFailures: bad ? [{ itemIdentifier: bad.messageId }] : [] };
      },
    });

    q.sendMessageBatch(entries('a', 'b', 'c'));
    await q.idle();

    expect(log.batches.map((b) => b.map((r) => r.body))).toEqual([['a', 'b', 'c'], ['b']]);
    expect(log.batches[1]![0]!.attributes.ApproximateReceiveCount).toBe('2');
    expect(log.batches[1]![0]!.messageId).toBe(log.batches[0]![1]!.messageId);
    expect(q.stats()).toMatchObject({ visible: 0, inFlight: 0, sent: 3, deleted: 3 });
  });

  it('redelivers the whole batch when the handler throws', async () => {
    const q = queue({ name: 'digest', visibilityTimeoutSeconds: 0.2 });
    const log = recorder();
    let calls = 0;
    q.attach({
      handler: async (event) => {
        log.take(event);
        if (++calls === 1) throw new Error('SES throttled');
      },
    });

    q.sendMessageBatch(entries('a', 'b', 'c'));
    await q.idle();

    const [first, second] = log.batches;
    expect(log.batches).toHaveLength(2);
    expect(second!.map((r) => r.messageId)).toEqual(first!.map((r) => r.messageId));
    expect(second!.map((r) => r.attributes.ApproximateReceiveCount)).toEqual(['2', '2', '2']);
    expect(q.stats().deleted).toBe(3);
  });

  it('fails the whole batch when the response names a message that was not in it, as Lambda does', async () => {
    const q = queue({ name: 'digest', visibilityTimeoutSeconds: 0.2 });
    const log = recorder();
    q.attach({
      handler: async (event) => {
        log.take(event);
        return log.batches.length === 1 ? { batchItemFailures: [{ itemIdentifier: 'not-a-message-id' }] } : undefined;
      },
    });

    q.sendMessageBatch(entries('a', 'b'));
    await q.idle();

    expect(log.batches.map((b) => b.map((r) => r.body))).toEqual([['a', 'b'], ['a', 'b']]);
  });

  it('moves a message to the dead-letter queue after maxReceiveCount receives, and redrive brings it back', async () => {
    const dlq = queue({ name: 'digest-dlq' });
    const q = queue({ name: 'digest', visibilityTimeoutSeconds: 0.2, redrivePolicy: { deadLetterQueue: dlq, maxReceiveCount: 2 } });
    const log = recorder();
    let healthy = false;
    q.attach({
      handler: async (event) => {
        log.take(event);
        return { batchItemFailures: healthy ? [] : event.Records.filter((r) => r.body === 'poison').map((r) => ({ itemIdentifier: r.messageId })) };
      },
    });

    q.sendMessageBatch(entries('fine', 'poison'));
    await q.idle();
    const parked = q.stats();
    const letters = q.deadLetters();
    healthy = true;
    const moved = q.redriveDeadLetters();
    await q.idle();

    expect(log.deliveries('poison').map((r) => r.attributes.ApproximateReceiveCount)).toEqual(['1', '2', '1']);
    expect(parked).toMatchObject({ visible: 0, inFlight: 0, deadLetters: 1, deleted: 1 });
    expect(letters).toEqual([expect.objectContaining({ body: 'poison', receiveCount: 2 })]);
    expect(dlq.stats().visible).toBe(0);
    expect(moved).toEqual({ moved: 1 });
    expect(q.stats()).toMatchObject({ deadLetters: 0, deleted: 2 });
  });

  it('keeps messages waiting while the consumer is paused (crashed) and delivers them on resume', async () => {
    const q = queue({ name: 'digest', visibilityTimeoutSeconds: 0.2 });
    const log = recorder();
    q.attach({ handler: async (event) => log.take(event) });
    q.pause();

    q.sendMessageBatch(entries('a', 'b'));
    const whilePaused = q.stats();
    q.resume();
    await q.idle();

    expect(whilePaused).toMatchObject({ visible: 2, inFlight: 0 });
    expect(log.batches.flat().map((r) => r.body).sort()).toEqual(['a', 'b']);
  });

  it('gives a message to another invocation once its visibility timeout ends, and the slow one’s late success deletes nothing', async () => {
    const q = queue({ name: 'digest', visibilityTimeoutSeconds: 0.2 });
    const log = recorder();
    let release!: () => void;
    const secondDeliveryArrived = new Promise<void>((r) => (release = r));
    q.attach({
      maxConcurrency: 2,
      handler: async (event) => {
        log.take(event);
        const count = event.Records[0]!.attributes.ApproximateReceiveCount;
        if (count === '1') await secondDeliveryArrived; // slower than the visibility timeout
        if (count === '2') {
          release();
          return { batchItemFailures: [{ itemIdentifier: event.Records[0]!.messageId }] };
        }
        return undefined;
      },
    });

    q.sendMessage({ MessageBody: 'slow' });
    await q.idle();

    expect(log.deliveries('slow').map((r) => r.attributes.ApproximateReceiveCount)).toEqual(['1', '2', '3']);
    expect(q.stats().deleted).toBe(1);
  });

  it('never puts more than batchSize records in an event nor runs more than maxConcurrency invocations at once', async () => {
    const q = queue({ name: 'digest' });
    const log = recorder();
    let running = 0;
    let most = 0;
    q.attach({
      batchSize: 2,
      maxConcurrency: 2,
      handler: async (event) => {
        log.take(event);
        most = Math.max(most, ++running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
      },
    });

    q.sendMessageBatch(entries('1', '2', '3', '4', '5'));
    await q.idle();

    expect(log.batches.map((b) => b.length).sort()).toEqual([1, 2, 2]);
    expect(most).toBe(2);
  });

  it('waits up to the batching window for a full batch, so messages sent moments apart share one invocation', async () => {
    const q = queue({ name: 'digest' });
    const log = recorder();
    q.attach({ batchSize: 2, maxBatchingWindowMs: 5_000, handler: async (event) => log.take(event) });

    q.sendMessage({ MessageBody: 'first' });
    await new Promise((r) => setTimeout(r, 20)); // long enough for a poller without a window to take "first" alone
    q.sendMessage({ MessageBody: 'second' });
    await q.idle();

    expect(log.batches.map((b) => b.map((r) => r.body))).toEqual([['first', 'second']]);
  });

  it('hands the handler an SQS event shaped as Lambda builds it, message attributes included', async () => {
    const q = queue({ name: 'digest', region: 'eu-north-1' });
    const log = recorder();
    q.attach({ handler: async (event) => log.take(event) });

    const sent = q.sendMessage({ MessageBody: '{"n":1}', MessageAttributes: { network: { DataType: 'String', StringValue: 'kemi' } } });
    await q.idle();

    const record = log.batches[0]![0]!;
    expect(record).toMatchObject({
      messageId: sent.MessageId,
      body: '{"n":1}',
      md5OfBody: sent.MD5OfMessageBody,
      md5OfMessageAttributes: sent.MD5OfMessageAttributes,
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:eu-north-1:000000000000:digest',
      awsRegion: 'eu-north-1',
      messageAttributes: { network: { stringValue: 'kemi', dataType: 'String', stringListValues: [], binaryListValues: [] } },
      attributes: { ApproximateReceiveCount: '1', SenderId: '000000000000' },
    });
    expect(record.receiptHandle).toEqual(expect.any(String));
    expect(sent.MD5OfMessageBody).toBe(createHash('md5').update('{"n":1}').digest('hex'));
  });

  it('computes MD5OfMessageAttributes with the algorithm SQS documents (sorted, length-prefixed, transport byte)', () => {
    const one = md5OfMessageAttributes({ SellerName: { DataType: 'String', StringValue: 'Example Store' } });
    const two = md5OfMessageAttributes({ ordinal: { DataType: 'Number', StringValue: '1' }, category: { DataType: 'String', StringValue: 'test' } });

    expect(one).toBe('cd28f3b68aeee4b2eac9c66f2f694b58');
    expect(two).toBe('d21ae90c49061e927f57df5f5d72be1f');
  });

  it('refuses batches SQS refuses: empty, more than 10 entries, repeated ids, ids with bad characters, too many bytes', () => {
    const q = queue({ name: 'digest', maximumMessageSize: 1024 });

    const codes = [
      sqsError(() => q.sendMessageBatch([])).code,
      sqsError(() => q.sendMessageBatch(entries(...Array.from({ length: 11 }, (_, i) => `m${i}`)))).code,
      sqsError(() => q.sendMessageBatch([{ Id: 'same', MessageBody: 'a' }, { Id: 'same', MessageBody: 'b' }])).code,
      sqsError(() => q.sendMessageBatch([{ Id: 'has space', MessageBody: 'a' }])).code,
      sqsError(() => q.sendMessageBatch(entries('x'.repeat(600), 'y'.repeat(600)))).code,
    ];

    expect(codes).toEqual(['EmptyBatchRequest', 'TooManyEntriesInBatchRequest', 'BatchEntryIdsNotDistinct', 'InvalidBatchEntryId', 'BatchRequestTooLong']);
    expect(q.stats().sent).toBe(0);
  });

  it('reports a bad entry in Failed and still sends the others', () => {
    const q = queue({ name: 'digest' });

    const out = q.sendMessageBatch([
      { Id: 'ok', MessageBody: 'fine' },
      { Id: 'bad', MessageBody: 'nul \u0000 is not allowed' },
    ]);

    expect(out.Successful.map((s) => s.Id)).toEqual(['ok']);
    expect(out.Failed).toEqual([expect.objectContaining({ Id: 'bad', Code: 'InvalidMessageContents', SenderFault: true })]);
    expect(q.stats().sent).toBe(1);
  });

  it('refuses a message larger than the queue’s maximum message size', () => {
    const q = queue({ name: 'digest' });

    const err = sqsError(() => q.sendMessage({ MessageBody: 'x'.repeat(256 * 1024 + 1) }));

    expect(err.code).toBe('InvalidParameterValue');
    expect(q.stats().sent).toBe(0);
  });
});

describe('the local queue server (SQS JSON protocol) with the real SQSClient', () => {
  const saved = process.env.AWS_ENDPOINT_URL_SQS;
  const closers: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of closers.splice(0).reverse()) await c();
    if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_SQS;
    else process.env.AWS_ENDPOINT_URL_SQS = saved;
  });

  async function serve(...queues: LocalQueue[]) {
    const server = await startQueueServer(queues, 0);
    closers.push(() => server.close(), ...queues.map((q) => () => q.close()));
    // The handlers find the queue the way they will in the stack: through the standard variable.
    process.env.AWS_ENDPOINT_URL_SQS = server.url;
    return { server, client: new SQSClient({ region: 'eu-north-1', credentials }) };
  }

  it('delivers a SendMessageBatch sent through the real client to the consumer', async () => {
    const q = new LocalQueue({ name: 'digest-sends' });
    const log = recorder();
    q.attach({ handler: async (event) => log.take(event) });
    const { server, client } = await serve(q);

    const { QueueUrl } = await client.send(new GetQueueUrlCommand({ QueueName: 'digest-sends' }));
    const out = await client.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: [
          { Id: 'a', MessageBody: '{"to":"a@example.fi"}', MessageAttributes: { kind: { DataType: 'String', StringValue: 'digest' } } },
          { Id: 'b', MessageBody: '{"to":"b@example.fi"}' },
        ],
      }),
    );
    await q.idle();

    expect(QueueUrl).toBe(`${server.url}/000000000000/digest-sends`);
    expect(out.Successful?.map((s) => s.Id).sort()).toEqual(['a', 'b']);
    expect(out.Failed ?? []).toEqual([]);
    expect(log.batches.flat().map((r) => r.body).sort()).toEqual(['{"to":"a@example.fi"}', '{"to":"b@example.fi"}']);
    expect(log.deliveries('{"to":"a@example.fi"}')[0]!.messageAttributes.kind).toMatchObject({ stringValue: 'digest', dataType: 'String' });
  });

  it('refuses an 11-entry batch with TooManyEntriesInBatchRequest and enqueues nothing', async () => {
    const q = new LocalQueue({ name: 'digest-sends' });
    const { client } = await serve(q);
    const QueueUrl = q.url;

    const err = await client
      .send(new SendMessageBatchCommand({ QueueUrl, Entries: Array.from({ length: 11 }, (_, i) => ({ Id: `m${i}`, MessageBody: 'x' })) }))
      .catch((e: unknown) => e as Error & { Code?: string; $metadata?: { httpStatusCode?: number } });

    expect(err).toMatchObject({ name: 'TooManyEntriesInBatchRequest', Code: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest' });
    expect(err.$metadata?.httpStatusCode).toBe(400);
    expect(q.stats().sent).toBe(0);
  });

  it('answers an unknown queue with QueueDoesNotExist (AWS.SimpleQueueService.NonExistentQueue)', async () => {
    const { server, client } = await serve(new LocalQueue({ name: 'digest-sends' }));

    const byUrl = await client.send(new SendMessageCommand({ QueueUrl: `${server.url}/000000000000/nope`, MessageBody: 'x' })).catch((e: unknown) => e as Error & { Code?: string });
    const byName = await client.send(new GetQueueUrlCommand({ QueueName: 'nope' })).catch((e: unknown) => e as Error & { Code?: string });

    expect(byUrl).toMatchObject({ name: 'QueueDoesNotExist', Code: 'AWS.SimpleQueueService.NonExistentQueue' });
    expect(byName).toMatchObject({ name: 'QueueDoesNotExist' });
  });

  it('reports waiting messages in GetQueueAttributes, and serves the dead-letter queue too', async () => {
    const dlq = new LocalQueue({ name: 'digest-dlq' });
    const q = new LocalQueue({ name: 'digest-sends', redrivePolicy: { deadLetterQueue: dlq, maxReceiveCount: 5 } });
    q.attach({ handler: async () => undefined });
    q.pause();
    const { client } = await serve(q);

    await client.send(new SendMessageCommand({ QueueUrl: q.url, MessageBody: 'one' }));
    await client.send(new SendMessageCommand({ QueueUrl: q.url, MessageBody: 'two', DelaySeconds: 60 }));
    const { Attributes } = await client.send(new GetQueueAttributesCommand({ QueueUrl: q.url, AttributeNames: ['All'] }));
    const { QueueUrl: dlqUrl } = await client.send(new GetQueueUrlCommand({ QueueName: 'digest-dlq' }));

    expect(Attributes).toMatchObject({
      ApproximateNumberOfMessages: '1',
      ApproximateNumberOfMessagesNotVisible: '0',
      ApproximateNumberOfMessagesDelayed: '1',
      QueueArn: q.arn,
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 5 }),
    });
    expect(dlqUrl).toBe(dlq.url);
  });

  it('refuses to start on a port that is taken, naming VERKOSTO_QUEUE_PORT', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    closers.push(() => new Promise<void>((r) => blocker.close(() => r())));
    const port = (blocker.address() as { port: number }).port;

    const started = startQueueServer([new LocalQueue({ name: 'digest' })], port);

    await expect(started).rejects.toThrow(`port ${port} is in use; set VERKOSTO_QUEUE_PORT to another port`);
  });
});
