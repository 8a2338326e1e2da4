import { createHash, randomUUID } from 'node:crypto';
import type { SQSEvent, SQSMessageAttribute, SQSRecord } from 'aws-lambda';

/** A message attribute as SendMessage takes it (BinaryValue as bytes; the wire carries base64). */
export interface MessageAttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: Uint8Array;
}

export interface SendMessageInput {
  MessageBody: string;
  DelaySeconds?: number;
  MessageAttributes?: Record<string, MessageAttributeValue>;
}

export interface SendMessageResult {
  MessageId: string;
  MD5OfMessageBody: string;
  MD5OfMessageAttributes?: string;
}

export interface SendMessageBatchEntry extends SendMessageInput {
  Id: string;
}

export interface SendMessageBatchResult {
  Successful: Array<SendMessageResult & { Id: string }>;
  Failed: Array<{ Id: string; SenderFault: boolean; Code: string; Message: string }>;
}

/**
 * An SQS error with both names the JSON protocol carries: `code` is the shape
 * name (`__type`), `queryCode` the legacy code clients also see
 * (`x-amzn-query-error`), e.g. QueueDoesNotExist / AWS.SimpleQueueService.NonExistentQueue.
 */
export class SqsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly queryCode: string = code,
    readonly status = 400,
  ) {
    super(message);
    this.name = code;
  }
}

/** What the handler returns; anything else is judged as Lambda judges it (see `settle`). */
export type SqsHandler = (event: SQSEvent) => Promise<unknown>;

export interface ConsumerOptions {
  handler: SqsHandler;
  /** Records per invocation (event source mapping BatchSize). @default 10 */
  batchSize?: number;
  /** How long to gather a fuller batch (MaximumBatchingWindowInSeconds, in ms). @default 0 */
  maxBatchingWindowMs?: number;
  /** Concurrent invocations (ScalingConfig.MaximumConcurrency). @default 2 */
  maxConcurrency?: number;
}

export interface RedrivePolicy {
  deadLetterQueue: LocalQueue;
  /** Receives allowed before the next receive moves the message to the dead-letter queue. */
  maxReceiveCount: number;
}

export interface LocalQueueOptions {
  name: string;
  /** Seconds a received message stays invisible; fractions allowed so tests stay fast. @default 30 */
  visibilityTimeoutSeconds?: number;
  redrivePolicy?: RedrivePolicy;
  /**
   * Largest message (body plus attributes), and largest batch, in bytes. AWS
   * now allows up to 1 MiB; 256 KiB is the limit the project designs to, and a
   * stricter stand-in never hides a failure that AWS would report. @default 262144
   */
  maximumMessageSize?: number;
  region?: string;
  accountId?: string;
  /** Origin the queue URL is built on; the queue server sets it. */
  endpoint?: string;
  logger?: (line: string) => void;
}

export interface QueueStats {
  visible: number;
  inFlight: number;
  delayed: number;
  /** Messages from this queue now waiting in its dead-letter queue. */
  deadLetters: number;
  sent: number;
  deleted: number;
}

interface StoredMessage {
  messageId: string;
  body: string;
  md5OfBody: string;
  attributes: Record<string, MessageAttributeValue>;
  md5OfAttributes: string | undefined;
  sentTimestamp: number;
  firstReceiveTimestamp: number | undefined;
  receiveCount: number;
  /** Visible once the clock reaches this (delay, or visibility timeout after a receive). */
  visibleAt: number;
  /** Only the latest receipt handle deletes: a stale one is ignored, as SQS ignores it. */
  receiptHandle: string | undefined;
  /** Set while the message sits in a dead-letter queue (DeadLetterQueueSourceArn). */
  sourceArn: string | undefined;
}

const BATCH_ID = /^[A-Za-z0-9_-]{1,80}$/;
// The XML 1.0 character ranges SQS accepts in a body.
const INVALID_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/**
 * One standard SQS queue, in memory: SendMessage(Batch) semantics, visibility
 * timeout, receive counts, a redrive policy to a dead-letter queue, and a
 * consumer that behaves like Lambda's SQS event source mapping with
 * ReportBatchItemFailures (batches, batching window, bounded concurrency,
 * partial batch responses).
 */
export class LocalQueue {
  readonly name: string;
  readonly arn: string;
  readonly accountId: string;
  readonly region: string;
  readonly visibilityTimeoutSeconds: number;
  readonly maximumMessageSize: number;
  readonly redrivePolicy: RedrivePolicy | undefined;
  readonly createdTimestamp = Date.now();
  private endpoint: string;
  private readonly messages = new Map<string, StoredMessage>();
  private consumer: Required<ConsumerOptions> | undefined;
  private paused = false;
  private closed = false;
  private running = 0;
  private windowStartedAt: number | undefined;
  private wakeTimer: NodeJS.Timeout | undefined;
  private wakeTime = Infinity;
  private waiters: Array<() => void> = [];
  private counters = { sent: 0, deleted: 0 };

  constructor(private readonly opts: LocalQueueOptions) {
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(opts.name)) throw new Error(`queue name "${opts.name}": 1–80 letters, digits, - and _ (FIFO queues are not modelled)`);
    const p = opts.redrivePolicy;
    if (p && (!Number.isInteger(p.maxReceiveCount) || p.maxReceiveCount < 1 || p.maxReceiveCount > 1000)) {
      throw new Error('redrivePolicy.maxReceiveCount must be an integer from 1 to 1000');
    }
    this.name = opts.name;
    this.region = opts.region ?? 'eu-north-1';
    this.accountId = opts.accountId ?? '000000000000';
    this.arn = `arn:aws:sqs:${this.region}:${this.accountId}:${this.name}`;
    this.visibilityTimeoutSeconds = opts.visibilityTimeoutSeconds ?? 30;
    this.maximumMessageSize = opts.maximumMessageSize ?? 262_144;
    this.redrivePolicy = p;
    this.endpoint = opts.endpoint ?? 'http://127.0.0.1';
  }

  get url(): string {
    return `${this.endpoint}/${this.accountId}/${this.name}`;
  }

  /** Called by the queue server so QueueUrl points at it. */
  setEndpoint(origin: string): void {
    this.endpoint = origin.replace(/\/+$/, '');
  }

  sendMessage(input: SendMessageInput): SendMessageResult {
    this.assertOpen();
    const size = this.checkMessage(input);
    if (size > this.maximumMessageSize) {
      throw new SqsError('InvalidParameterValue', `One or more parameters are invalid. Reason: Message must be shorter than ${this.maximumMessageSize} bytes.`);
    }
    return this.enqueue(input);
  }

  /** Whole-request problems throw, as SQS answers them with an error; per-entry problems land in Failed. */
  sendMessageBatch(entries: SendMessageBatchEntry[]): SendMessageBatchResult {
    this.assertOpen();
    if (entries.length === 0) throw new SqsError('EmptyBatchRequest', 'There should be at least one SendMessageBatchRequestEntry in the request.', 'AWS.SimpleQueueService.EmptyBatchRequest');
    if (entries.length > 10) {
      throw new SqsError('TooManyEntriesInBatchRequest', `Maximum number of entries per request are 10. You have sent ${entries.length}.`, 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest');
    }
    const bad = entries.find((e) => typeof e.Id !== 'string' || !BATCH_ID.test(e.Id));
    if (bad) throw new SqsError('InvalidBatchEntryId', 'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.', 'AWS.SimpleQueueService.InvalidBatchEntryId');
    const ids = new Set(entries.map((e) => e.Id));
    if (ids.size !== entries.length) throw new SqsError('BatchEntryIdsNotDistinct', 'Two or more batch entries in the request have the same Id.', 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct');

    const checked = entries.map((entry) => {
      try {
        return { entry, size: this.checkMessage(entry) };
      } catch (err) {
        if (err instanceof SqsError) return { entry, error: err };
        throw err;
      }
    });
    const total = checked.reduce((sum, c) => sum + (c.size ?? 0), 0);
    if (total > this.maximumMessageSize) {
      throw new SqsError('BatchRequestTooLong', `Batch requests cannot be longer than ${this.maximumMessageSize} bytes. You have sent ${total} bytes.`, 'AWS.SimpleQueueService.BatchRequestTooLong');
    }
    const out: SendMessageBatchResult = { Successful: [], Failed: [] };
    for (const c of checked) {
      if (c.error) out.Failed.push({ Id: c.entry.Id, SenderFault: true, Code: c.error.code, Message: c.error.message });
      else out.Successful.push({ Id: c.entry.Id, ...this.enqueue(c.entry) });
    }
    return out;
  }

  /** Starts the event source mapping; one per queue, as the project configures it. */
  attach(options: ConsumerOptions): void {
    this.assertOpen();
    if (this.consumer) throw new Error(`queue ${this.name} already has a consumer`);
    const batchSize = options.batchSize ?? 10;
    const maxConcurrency = options.maxConcurrency ?? 2;
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) throw new Error('batchSize must be an integer from 1 to 10000');
    if (!Number.isInteger(maxConcurrency) || maxConcurrency < 2 || maxConcurrency > 1000) throw new Error('maxConcurrency must be an integer from 2 to 1000 (Lambda MaximumConcurrency)');
    this.consumer = { handler: options.handler, batchSize, maxConcurrency, maxBatchingWindowMs: options.maxBatchingWindowMs ?? 0 };
    this.paused = false;
    this.wake(0);
  }

  detach(): void {
    this.consumer = undefined;
    this.clearWake();
  }

  /** Stops polling, as if the consumer crashed: messages wait (and in-flight ones reappear) until resume. */
  pause(): void {
    this.paused = true;
    this.clearWake();
  }

  resume(): void {
    this.paused = false;
    this.wake(0);
  }

  /** Like StartMessageMoveTask with the DLQ as source: this queue's dead letters come back as fresh messages. */
  redriveDeadLetters(): { moved: number } {
    this.assertOpen();
    const dlq = this.redrivePolicy?.deadLetterQueue;
    if (!dlq) return { moved: 0 };
    let moved = 0;
    const now = Date.now();
    for (const m of [...dlq.messages.values()]) {
      if (m.sourceArn !== this.arn) continue;
      dlq.messages.delete(m.messageId);
      // A receive count carried back would send the message straight back to the DLQ.
      this.messages.set(m.messageId, { ...m, receiveCount: 0, firstReceiveTimestamp: undefined, receiptHandle: undefined, visibleAt: now, sourceArn: undefined });
      moved++;
    }
    dlq.checkIdle();
    if (moved > 0) this.wake(0);
    return { moved };
  }

  stats(now = Date.now()): QueueStats {
    let visible = 0;
    let inFlight = 0;
    let delayed = 0;
    for (const m of this.messages.values()) {
      if (m.visibleAt <= now) visible++;
      else if (m.receiptHandle) inFlight++;
      else delayed++;
    }
    const dlq = this.redrivePolicy?.deadLetterQueue;
    const deadLetters = dlq ? [...dlq.messages.values()].filter((m) => m.sourceArn === this.arn).length : 0;
    return { visible, inFlight, delayed, deadLetters, sent: this.counters.sent, deleted: this.counters.deleted };
  }

  /** Bodies waiting in this queue's dead-letter queue (for inspection and tests). */
  deadLetters(): Array<{ messageId: string; body: string; receiveCount: number }> {
    const dlq = this.redrivePolicy?.deadLetterQueue;
    if (!dlq) return [];
    return [...dlq.messages.values()].filter((m) => m.sourceArn === this.arn).map((m) => ({ messageId: m.messageId, body: m.body, receiveCount: m.receiveCount }));
  }

  /**
   * Resolves when no message is visible, delayed or in flight and no
   * invocation runs. A paused or detached queue with messages stays busy.
   */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  close(): void {
    this.closed = true;
    this.consumer = undefined;
    this.clearWake();
    for (const w of this.waiters.splice(0)) w();
  }

  // ── internals ──────────────────────────────────────────────────────────

  private assertOpen() {
    if (this.closed) throw new SqsError('QueueDoesNotExist', 'The specified queue does not exist.', 'AWS.SimpleQueueService.NonExistentQueue');
  }

  /** Validates one message; returns the bytes it counts for (body plus attribute names, types and values). */
  private checkMessage(input: SendMessageInput): number {
    if (typeof input.MessageBody !== 'string' || input.MessageBody.length === 0) {
      throw new SqsError('MissingParameter', 'The request must contain the parameter MessageBody.');
    }
    if (INVALID_CHAR.test(input.MessageBody)) {
      throw new SqsError('InvalidMessageContents', 'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF');
    }
    const delay = input.DelaySeconds ?? 0;
    if (!Number.isInteger(delay) || delay < 0 || delay > 900) {
      throw new SqsError('InvalidParameterValue', `Value ${delay} for parameter DelaySeconds is invalid. Reason: must be between 0 and 900, if provided.`);
    }
    let size = Buffer.byteLength(input.MessageBody);
    const attrs = Object.entries(input.MessageAttributes ?? {});
    if (attrs.length > 10) throw new SqsError('InvalidParameterValue', `Number of message attributes [${attrs.length}] exceeds the allowed maximum [10].`);
    for (const [name, a] of attrs) {
      if (!/^[A-Za-z0-9_.-]{1,256}$/.test(name) || /^(aws\.|amazon\.)/i.test(name) || name.startsWith('.') || name.endsWith('.') || name.includes('..')) {
        throw new SqsError('InvalidParameterValue', `Message attribute name '${name}' is invalid.`);
      }
      const kind = a.DataType?.split('.')[0];
      if (kind !== 'String' && kind !== 'Number' && kind !== 'Binary') {
        throw new SqsError('InvalidParameterValue', `The type of message (user) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`);
      }
      const value = kind === 'Binary' ? a.BinaryValue : a.StringValue;
      if (value === undefined || value.length === 0) throw new SqsError('InvalidParameterValue', `Message (user) attribute '${name}' must contain a non-empty value of type '${kind}'.`);
      if (kind === 'Number' && !Number.isFinite(Number(a.StringValue))) throw new SqsError('InvalidParameterValue', `Can't cast the value of message (user) attribute '${name}' to a number.`);
      size += Buffer.byteLength(name) + Buffer.byteLength(a.DataType) + (typeof value === 'string' ? Buffer.byteLength(value) : value.byteLength);
    }
    return size;
  }

  private enqueue(input: SendMessageInput): SendMessageResult {
    const now = Date.now();
    const attributes = input.MessageAttributes ?? {};
    const hasAttributes = Object.keys(attributes).length > 0;
    const message: StoredMessage = {
      messageId: randomUUID(),
      body: input.MessageBody,
      md5OfBody: md5(input.MessageBody),
      attributes,
      md5OfAttributes: hasAttributes ? md5OfMessageAttributes(attributes) : undefined,
      sentTimestamp: now,
      firstReceiveTimestamp: undefined,
      receiveCount: 0,
      visibleAt: now + (input.DelaySeconds ?? 0) * 1000,
      receiptHandle: undefined,
      sourceArn: undefined,
    };
    this.messages.set(message.messageId, message);
    this.counters.sent++;
    // Never delivers inside the send: the producer must not depend on the consumer.
    this.wake(message.visibleAt - now);
    return {
      MessageId: message.messageId,
      MD5OfMessageBody: message.md5OfBody,
      ...(message.md5OfAttributes ? { MD5OfMessageAttributes: message.md5OfAttributes } : {}),
    };
  }

  private wake(delayMs: number) {
    if (!this.consumer || this.paused || this.closed) return;
    const at = Date.now() + Math.max(0, delayMs);
    if (this.wakeTimer && this.wakeTime <= at) return;
    this.clearWake();
    this.wakeTime = at;
    this.wakeTimer = setTimeout(() => {
      this.wakeTimer = undefined;
      this.wakeTime = Infinity;
      this.poll();
    }, Math.max(0, delayMs));
    this.wakeTimer.unref();
  }

  private clearWake() {
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.wakeTimer = undefined;
    this.wakeTime = Infinity;
  }

  /** One pass of the event source mapping's poller: fill free concurrency with batches. */
  private poll() {
    const consumer = this.consumer;
    if (!consumer || this.paused || this.closed) return;
    while (this.running < consumer.maxConcurrency) {
      const now = Date.now();
      const visible = this.visibleMessages(now);
      if (visible.length === 0) {
        this.windowStartedAt = undefined;
        break;
      }
      if (consumer.maxBatchingWindowMs > 0 && visible.length < consumer.batchSize) {
        this.windowStartedAt ??= now;
        const waitMs = this.windowStartedAt + consumer.maxBatchingWindowMs - now;
        if (waitMs > 0) {
          this.wake(waitMs);
          break;
        }
      }
      this.windowStartedAt = undefined;
      const batch = this.receive(visible.slice(0, consumer.batchSize), now);
      if (batch.length > 0) void this.invoke(consumer, batch);
    }
    // Wake again when the earliest hidden message becomes visible.
    const now = Date.now();
    let next = Infinity;
    for (const m of this.messages.values()) if (m.visibleAt > now && m.visibleAt < next) next = m.visibleAt;
    if (next !== Infinity) this.wake(next - now);
    this.checkIdle();
  }

  private visibleMessages(now: number): StoredMessage[] {
    const out: StoredMessage[] = [];
    for (const m of this.messages.values()) if (m.visibleAt <= now) out.push(m);
    return out;
  }

  /** ReceiveMessage: bumps receive counts and hides messages; one past maxReceiveCount goes to the DLQ instead. */
  private receive(candidates: StoredMessage[], now: number): StoredMessage[] {
    const batch: StoredMessage[] = [];
    const policy = this.redrivePolicy;
    for (const m of candidates) {
      if (policy && m.receiveCount >= policy.maxReceiveCount) {
        this.messages.delete(m.messageId);
        policy.deadLetterQueue.messages.set(m.messageId, { ...m, receiptHandle: undefined, visibleAt: now, sourceArn: this.arn });
        policy.deadLetterQueue.wake(0);
        this.opts.logger?.(`queue ${this.name}: message ${m.messageId} moved to ${policy.deadLetterQueue.name} after ${m.receiveCount} receives`);
        continue;
      }
      m.receiveCount++;
      m.firstReceiveTimestamp ??= now;
      m.receiptHandle = randomUUID();
      m.visibleAt = now + this.visibilityTimeoutSeconds * 1000;
      batch.push(m);
    }
    return batch;
  }

  private async invoke(consumer: Required<ConsumerOptions>, batch: StoredMessage[]) {
    this.running++;
    const handles = new Map(batch.map((m) => [m.messageId, m.receiptHandle!]));
    const event: SQSEvent = { Records: batch.map((m) => this.record(m)) };
    try {
      let result: unknown;
      try {
        result = await consumer.handler(event);
      } catch (err) {
        this.opts.logger?.(`queue ${this.name}: handler failed, ${batch.length} message(s) return after the visibility timeout: ${(err as Error).message}`);
        return;
      }
      const failed = failedIds(result, handles);
      if (failed === 'all') {
        this.opts.logger?.(`queue ${this.name}: invalid batch response, the whole batch counts as failed`);
        return;
      }
      for (const [id, handle] of handles) {
        if (failed.has(id)) continue;
        const m = this.messages.get(id);
        // A stale receipt handle (the message was received again meanwhile) deletes nothing.
        if (m && m.receiptHandle === handle) {
          this.messages.delete(id);
          this.counters.deleted++;
        }
      }
    } finally {
      this.running--;
      this.wake(0);
      this.checkIdle();
    }
  }

  private record(m: StoredMessage): SQSRecord {
    const messageAttributes: Record<string, SQSMessageAttribute> = {};
    for (const [name, a] of Object.entries(m.attributes)) {
      messageAttributes[name] = {
        ...(a.StringValue !== undefined ? { stringValue: a.StringValue } : {}),
        ...(a.BinaryValue !== undefined ? { binaryValue: Buffer.from(a.BinaryValue).toString('base64') } : {}),
        stringListValues: [],
        binaryListValues: [],
        dataType: a.DataType,
      };
    }
    return {
      messageId: m.messageId,
      receiptHandle: m.receiptHandle!,
      body: m.body,
      attributes: {
        ApproximateReceiveCount: String(m.receiveCount),
        SentTimestamp: String(m.sentTimestamp),
        SenderId: this.accountId,
        ApproximateFirstReceiveTimestamp: String(m.firstReceiveTimestamp ?? m.sentTimestamp),
      },
      messageAttributes,
      md5OfBody: m.md5OfBody,
      ...(m.md5OfAttributes ? { md5OfMessageAttributes: m.md5OfAttributes } : {}),
      eventSource: 'aws:sqs',
      eventSourceARN: this.arn,
      awsRegion: this.region,
    };
  }

  private isIdle(): boolean {
    return this.messages.size === 0 && this.running === 0;
  }

  private checkIdle() {
    if (this.waiters.length > 0 && this.isIdle()) for (const w of this.waiters.splice(0)) w();
  }
}

/**
 * Lambda's reading of a partial batch response: nothing, null, an empty or
 * null list mean success; a list of known message ids fails those; a
 * malformed list or an unknown id fails the whole batch.
 */
function failedIds(result: unknown, batch: Map<string, string>): Set<string> | 'all' {
  if (result === undefined || result === null || typeof result !== 'object') return new Set();
  const list = (result as { batchItemFailures?: unknown }).batchItemFailures;
  if (list === undefined || list === null) return new Set();
  if (!Array.isArray(list)) return 'all';
  const ids = new Set<string>();
  for (const item of list as unknown[]) {
    const id = typeof item === 'object' && item !== null ? (item as { itemIdentifier?: unknown }).itemIdentifier : undefined;
    if (typeof id !== 'string' || id === '' || !batch.has(id)) return 'all';
    ids.add(id);
  }
  return ids;
}

function md5(data: string | Uint8Array): string {
  return createHash('md5').update(data).digest('hex');
}

/** SQS's MD5OfMessageAttributes: names sorted, each part length-prefixed, a transport byte per value. */
export function md5OfMessageAttributes(attributes: Record<string, MessageAttributeValue>): string {
  const chunks: Buffer[] = [];
  const lengthPrefixed = (b: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(b.length);
    chunks.push(len, b);
  };
  for (const name of Object.keys(attributes).sort()) {
    const a = attributes[name]!;
    lengthPrefixed(Buffer.from(name, 'utf8'));
    lengthPrefixed(Buffer.from(a.DataType, 'utf8'));
    if (a.DataType.startsWith('Binary')) {
      chunks.push(Buffer.from([2]));
      lengthPrefixed(Buffer.from(a.BinaryValue ?? new Uint8Array()));
    } else {
      chunks.push(Buffer.from([1]));
      lengthPrefixed(Buffer.from(a.StringValue ?? '', 'utf8'));
    }
  }
  return md5(Buffer.concat(chunks));
}
