import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { OperatorConfig } from '../../lib/config.js';
import { freePort } from '../../local/ports.js';
import { LOCAL_TABLE, startLocalStack, type LocalStack } from '../../local/stack.js';
import { startMeter, type Meter } from './meter.js';
import { startServicesThread } from './services.js';

/** What one piece of work cost in the units AWS bills. */
export interface Usage {
  /** per function: invocations and summed duration (ms, in-process) */
  invocations: Record<string, { count: number; ms: number }>;
  dynamo: { readUnits: number; writeUnits: number; requests: Record<string, number> };
  /** events the bus accepted (PutEvents entries) */
  events: number;
  /** SendMessageBatch requests and the messages they carried */
  sqsSendRequests: number;
  sqsMessages: number;
  /** SES v2 SendEmail requests */
  emails: number;
}

export interface Bench {
  stack: LocalStack;
  dynamoMeter: Meter;
  mailMeter: Meter;
  /** a document client straight to dynalite (not metered): for seeding */
  seedClient: DynamoDBDocumentClient;
  table: string;
  resetUsage(): void;
  usage(): Usage;
  /** invocations started and not yet returned, of every function (a client that gave up does not end its invocation) */
  running(): number;
  /** each invocation's own time (ms) of function `id` since the last call, and forgets them */
  takeDurations(id: string): number[];
  /** waits until no invocation is running, or `limitMs` passed; true when none is */
  idle(limitMs: number): Promise<boolean>;
  close(): Promise<void>;
}

export const SEND_EMAIL = 'POST /v2/email/outbound-emails';

export interface BenchOptions {
  /** keep the local scheduler running (a scenario that fires schedules itself, with tick()) @default false */
  keepScheduler?: boolean;
  /**
   * Run the table and the mail service in a worker thread (bench/lib/services.ts),
   * as in AWS they are not in the function's process: the functions' heap then
   * holds only what theirs would, and the table's garbage is not collected on
   * the thread that answers requests. @default false
   */
  servicesThread?: boolean;
}

/**
 * The whole local stack on free ports, with a meter in front of DynamoDB and
 * SES and a counter on every function, bus and queue. The SDK resolves
 * AWS_ENDPOINT_URL_* at a client's first request, so pointing them at the
 * meters after the handlers are loaded (and before any of them has called
 * out) routes every handler call through the meters.
 */
export async function startBench(config?: OperatorConfig, opts: BenchOptions = {}): Promise<Bench> {
  const ports = { http: await freePort(), mail: await freePort(), dynamo: await freePort(), bus: await freePort(), queue: await freePort(), scheduler: await freePort(), objects: await freePort() };
  process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
  const services = opts.servicesThread ? await startServicesThread() : undefined;
  const stack = await startLocalStack({ ports, ...(config ? { config } : {}), ...(services ? { services: { dynamo: services.dynamo, mail: services.ses } } : {}) }).catch(async (err: unknown) => {
    await services?.close();
    throw err;
  });
  // Nothing runs on a schedule during a benchmark: the numbers are only what the benchmark asks for.
  // (A scenario that fires schedules itself, with tick(), keeps the scheduler.)
  if (!opts.keepScheduler) stack.scheduler.close();
  const dynamoMeter = await startMeter(stack.urls.dynamo, { dynamo: true });
  const mailMeter = await startMeter(services?.ses ?? `http://127.0.0.1:${ports.mail}`, { timesOf: [SEND_EMAIL] });
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamoMeter.url;
  process.env.AWS_ENDPOINT_URL_SESV2 = mailMeter.url;

  const calls = new Map<string, { count: number; ms: number }>();
  const durations = new Map<string, number[]>();
  let running = 0;
  for (const [id, fn] of stack.functions) {
    const invoke = fn.invoke.bind(fn);
    fn.invoke = async (event) => {
      const started = performance.now();
      running++;
      try {
        return await invoke(event);
      } finally {
        running--;
        const ms = performance.now() - started;
        const c = calls.get(id) ?? { count: 0, ms: 0 };
        c.count++;
        c.ms += ms;
        calls.set(id, c);
        const d = durations.get(id);
        if (d) d.push(ms);
        else durations.set(id, [ms]);
      }
    };
  }
  const sqs = { requests: 0, messages: 0 };
  for (const q of stack.queues.values()) {
    const send = q.sendMessageBatch.bind(q);
    q.sendMessageBatch = (entries) => {
      sqs.requests++;
      sqs.messages += entries.length;
      return send(entries);
    };
  }
  let archived = 0;
  const seedClient = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: stack.urls.dynamo }), { marshallOptions: { removeUndefinedValues: true } });
  return {
    stack,
    dynamoMeter,
    mailMeter,
    seedClient,
    table: LOCAL_TABLE,
    resetUsage() {
      calls.clear();
      sqs.requests = 0;
      sqs.messages = 0;
      archived = stack.archive.length;
      dynamoMeter.reset();
      mailMeter.reset();
    },
    running: () => running,
    takeDurations(id) {
      const d = durations.get(id) ?? [];
      durations.delete(id);
      return d;
    },
    async idle(limitMs) {
      const until = Date.now() + limitMs;
      while (running > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      return running === 0;
    },
    usage(): Usage {
      return {
        invocations: Object.fromEntries([...calls].map(([k, v]) => [k, { ...v }])),
        dynamo: { readUnits: dynamoMeter.readUnits, writeUnits: dynamoMeter.writeUnits, requests: Object.fromEntries(dynamoMeter.ops) },
        events: stack.archive.length - archived,
        sqsSendRequests: sqs.requests,
        sqsMessages: sqs.messages,
        emails: mailMeter.ops.get(SEND_EMAIL) ?? 0,
      };
    },
    async close() {
      await stack.close();
      await dynamoMeter.close();
      await mailMeter.close();
      await services?.close();
    },
  };
}

/** BatchWriteItem in chunks of 25, a few requests at a time, straight into dynalite. */
export async function batchPut(client: DynamoDBDocumentClient, table: string, items: Iterable<Record<string, unknown>>, parallel = 8): Promise<void> {
  const chunks: Array<Array<Record<string, unknown>>> = [];
  let chunk: Array<Record<string, unknown>> = [];
  for (const item of items) {
    chunk.push(item);
    if (chunk.length === 25) {
      chunks.push(chunk);
      chunk = [];
    }
  }
  if (chunk.length) chunks.push(chunk);
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) {
      let requests = chunks[next++]!.map((Item) => ({ PutRequest: { Item } }));
      while (requests.length) {
        const out = await client.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
        requests = (out.UnprocessedItems?.[table] ?? []) as typeof requests;
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

/** `--name value` from argv. */
export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}
