import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { SqsError, type LocalQueue, type MessageAttributeValue, type SendMessageBatchEntry } from './queue.js';

/**
 * The SQS wire API as current SDK clients speak it: AWS JSON 1.0,
 * `X-Amz-Target: AmazonSQS.<Op>`, errors as `__type` plus the
 * `x-amzn-query-error` header the clients read for the legacy code.
 * Queue URLs are `http://<host>:<port>/<account>/<name>`.
 */
export async function startQueueServer(
  queues: Map<string, LocalQueue> | LocalQueue[],
  port: number,
  host = '127.0.0.1',
): Promise<{ url: string; close(): Promise<void> }> {
  const byName = new Map<string, LocalQueue>();
  const add = (q: LocalQueue) => {
    byName.set(q.name, q);
    // A dead-letter queue is a queue like any other: addressable too.
    const dlq = q.redrivePolicy?.deadLetterQueue;
    if (dlq && !byName.has(dlq.name)) add(dlq);
  };
  for (const [key, q] of queues instanceof Map ? queues : queues.map((q) => [q.name, q] as const)) {
    if (key !== q.name) throw new Error(`queue map key "${key}" differs from the queue's name "${q.name}"`);
    add(q);
  }

  const server = createServer((req, res) => {
    handle(byName, req, res).catch((err: unknown) => sendError(res, new SqsError('InternalError', (err as Error).message, 'InternalError', 500)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new Error(`port ${port} is in use; set VERKOSTO_QUEUE_PORT to another port`) : err),
    );
    server.listen(port, host, () => resolve());
  });
  const addr = server.address();
  const url = `http://${host}:${typeof addr === 'object' && addr ? addr.port : port}`;
  for (const q of byName.values()) q.setEndpoint(url);
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface WireAttribute {
  DataType?: string;
  StringValue?: string;
  BinaryValue?: string;
}
interface WireMessage {
  MessageBody?: string;
  DelaySeconds?: number;
  MessageAttributes?: Record<string, WireAttribute>;
}
interface WireRequest extends WireMessage {
  QueueUrl?: string;
  QueueName?: string;
  QueueNamePrefix?: string;
  AttributeNames?: string[];
  Entries?: Array<WireMessage & { Id?: string }>;
}

const ATTRIBUTE_NAMES = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'DelaySeconds',
  'LastModifiedTimestamp',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'QueueArn',
  'ReceiveMessageWaitTimeSeconds',
  'RedrivePolicy',
  'SqsManagedSseEnabled',
  'VisibilityTimeout',
] as const;

async function handle(queues: Map<string, LocalQueue>, req: IncomingMessage, res: ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const target = req.headers['x-amz-target'];
  if (req.method !== 'POST' || typeof target !== 'string' || !target.startsWith('AmazonSQS.')) {
    return sendError(res, new SqsError('UnknownOperationException', 'Expected a POST with X-Amz-Target: AmazonSQS.<Operation>'));
  }
  let input: WireRequest;
  try {
    input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as WireRequest;
  } catch {
    return sendError(res, new SqsError('SerializationException', 'The request body is not valid JSON.'));
  }
  try {
    send(res, operation(queues, target.slice('AmazonSQS.'.length), input));
  } catch (err) {
    if (err instanceof SqsError) return sendError(res, err);
    throw err;
  }
}

function operation(queues: Map<string, LocalQueue>, op: string, input: WireRequest): unknown {
  switch (op) {
    case 'SendMessage':
      return queueOf(queues, input).sendMessage(toMessage(input));
    case 'SendMessageBatch': {
      const queue = queueOf(queues, input);
      const entries = input.Entries ?? [];
      if (!Array.isArray(entries)) throw new SqsError('InvalidParameterValue', 'Entries must be a list.');
      return queue.sendMessageBatch(entries.map((e): SendMessageBatchEntry => ({ Id: e.Id ?? '', ...toMessage(e) })));
    }
    case 'GetQueueUrl': {
      const queue = input.QueueName ? queues.get(input.QueueName) : undefined;
      if (!queue) throw notFound();
      return { QueueUrl: queue.url };
    }
    case 'ListQueues': {
      const prefix = input.QueueNamePrefix ?? '';
      return { QueueUrls: [...queues.values()].filter((q) => q.name.startsWith(prefix)).map((q) => q.url) };
    }
    case 'GetQueueAttributes': {
      const queue = queueOf(queues, input);
      const asked = input.AttributeNames ?? [];
      const unknown = asked.find((n) => n !== 'All' && !(ATTRIBUTE_NAMES as readonly string[]).includes(n));
      if (unknown) throw new SqsError('InvalidAttributeName', `Unknown Attribute ${unknown}.`);
      const all = attributesOf(queue);
      const names = asked.includes('All') ? Object.keys(all) : asked.filter((n) => n in all);
      return { Attributes: Object.fromEntries(names.map((n) => [n, all[n]!])) };
    }
    default:
      throw new SqsError('UnsupportedOperation', `${op} is not supported by the local queue.`, 'AWS.SimpleQueueService.UnsupportedOperation');
  }
}

function attributesOf(queue: LocalQueue): Record<string, string> {
  const s = queue.stats();
  const created = String(Math.floor(queue.createdTimestamp / 1000));
  return {
    QueueArn: queue.arn,
    ApproximateNumberOfMessages: String(s.visible),
    ApproximateNumberOfMessagesNotVisible: String(s.inFlight),
    ApproximateNumberOfMessagesDelayed: String(s.delayed),
    CreatedTimestamp: created,
    LastModifiedTimestamp: created,
    DelaySeconds: '0',
    MaximumMessageSize: String(queue.maximumMessageSize),
    MessageRetentionPeriod: '345600',
    ReceiveMessageWaitTimeSeconds: '0',
    SqsManagedSseEnabled: 'true',
    VisibilityTimeout: String(queue.visibilityTimeoutSeconds),
    ...(queue.redrivePolicy
      ? { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: queue.redrivePolicy.deadLetterQueue.arn, maxReceiveCount: queue.redrivePolicy.maxReceiveCount }) }
      : {}),
  };
}

function notFound(): SqsError {
  return new SqsError('QueueDoesNotExist', 'The specified queue does not exist.', 'AWS.SimpleQueueService.NonExistentQueue');
}

function queueOf(queues: Map<string, LocalQueue>, input: WireRequest): LocalQueue {
  if (!input.QueueUrl) throw new SqsError('MissingParameter', 'The request must contain the parameter QueueUrl.');
  let path: string[];
  try {
    path = new URL(input.QueueUrl).pathname.split('/').filter(Boolean);
  } catch {
    throw notFound();
  }
  const queue = path.length === 2 ? queues.get(path[1]!) : undefined;
  if (!queue || queue.accountId !== path[0]) throw notFound();
  return queue;
}

function toMessage(m: WireMessage) {
  const attributes: Record<string, MessageAttributeValue> | undefined = m.MessageAttributes
    ? Object.fromEntries(
        Object.entries(m.MessageAttributes).map(([name, a]) => [
          name,
          {
            DataType: a.DataType ?? '',
            ...(a.StringValue !== undefined ? { StringValue: a.StringValue } : {}),
            ...(a.BinaryValue !== undefined ? { BinaryValue: Buffer.from(a.BinaryValue, 'base64') } : {}),
          },
        ]),
      )
    : undefined;
  return {
    MessageBody: m.MessageBody ?? '',
    ...(m.DelaySeconds !== undefined ? { DelaySeconds: m.DelaySeconds } : {}),
    ...(attributes ? { MessageAttributes: attributes } : {}),
  };
}

function send(res: ServerResponse, body: unknown) {
  res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': crypto.randomUUID() });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, err: SqsError) {
  if (res.headersSent) return;
  res.writeHead(err.status, {
    'content-type': 'application/x-amz-json-1.0',
    'x-amzn-requestid': crypto.randomUUID(),
    'x-amzn-query-error': `${err.queryCode};${err.status >= 500 ? 'Receiver' : 'Sender'}`,
  });
  res.end(JSON.stringify({ __type: `com.amazonaws.sqs#${err.code}`, message: err.message }));
}
