/**
 * The local table and mail service in a worker thread of their own. In AWS,
 * DynamoDB and SES do not run on a function's CPU; in one process they took
 * more of it than the senders did (the reduced storm's profile: dynalite,
 * aws-ses-v2-local and the meters' HTTP about half of ~9 ms a mail), so the
 * send rate measured the emulators. In a worker they run beside the
 * functions on another core when one is free, still in this process (its
 * CPU and RSS figures cover both).
 */
import { Worker } from 'node:worker_threads';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { OperatorConfig } from '../../lib/config.js';
import { freePort } from '../../local/ports.js';
import { LOCAL_TABLE, startLocalStack, type LocalStack } from '../../local/stack.js';

export type ServicesRequest = { kind: 'mails'; id: number } | { kind: 'close'; id: number };
export type ServicesReply =
  | { kind: 'ready'; dynamo: string; mail: string; ses: string }
  | { kind: 'mails'; id: number; to: string[]; network: string[]; at: number[]; cpu: NodeJS.CpuUsage; elu: { idle: number; active: number; utilization: number } }
  | { kind: 'closed'; id: number };

export interface MailArrivals {
  to: string[];
  network: string[];
  /** ms since epoch, as each SendEmail reached the meter */
  at: number[];
}

export interface ServicesThread {
  /** dynalite's endpoint */
  dynamo: string;
  /** the mail meter's endpoint, in front of the local SES: what the functions call */
  mail: string;
  /** the local SES itself (for /clear-store) */
  ses: string;
  /** The mails that arrived since the last call, and the worker thread's own CPU (µs) and event loop use so far. */
  takeMails(): Promise<MailArrivals & { cpu: NodeJS.CpuUsage; elu: { idle: number; active: number; utilization: number } }>;
  close(): Promise<void>;
}

/** `sesLatencyMs`: how long the mail meter holds each answer (a real SES across a network). @default 0 */
export async function startServicesThread(opts: { sesLatencyMs?: number } = {}): Promise<ServicesThread> {
  // The worker inherits this process's --import tsx, so it loads TypeScript as the main thread does.
  const worker = new Worker(new URL('./services-worker.ts', import.meta.url), { workerData: { sesLatencyMs: opts.sesLatencyMs ?? 0 } });
  let next = 0;
  const waiting = new Map<number, (reply: ServicesReply) => void>();
  const ready = await new Promise<Extract<ServicesReply, { kind: 'ready' }>>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (reply: ServicesReply) => {
      if (reply.kind === 'ready') resolve(reply);
      else waiting.get(reply.id)?.(reply);
    });
  });
  const ask = <K extends ServicesRequest['kind']>(kind: K) =>
    new Promise<ServicesReply>((resolve) => {
      const id = next++;
      waiting.set(id, (reply) => {
        waiting.delete(id);
        resolve(reply);
      });
      worker.postMessage({ kind, id } satisfies ServicesRequest);
    });
  return {
    dynamo: ready.dynamo,
    mail: ready.mail,
    ses: ready.ses,
    takeMails: async () => {
      const reply = await ask('mails');
      if (reply.kind !== 'mails') throw new Error(`services thread answered ${reply.kind}`);
      return reply;
    },
    close: async () => {
      await ask('close');
      await worker.terminate();
    },
  };
}

export interface SplitBench {
  stack: LocalStack;
  services: ServicesThread;
  /** a document client straight to dynalite: for seeding */
  seedClient: DynamoDBDocumentClient;
  table: string;
  close(): Promise<void>;
}

/** The local stack with its table and mail service in a worker thread (startServicesThread); no schedules run. */
export async function startSplitBench(config: OperatorConfig, opts: { sesLatencyMs?: number } = {}): Promise<SplitBench> {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
  const services = await startServicesThread(opts);
  const ports = { http: await freePort(), mail: 0, dynamo: 0, bus: await freePort(), queue: await freePort(), scheduler: await freePort(), objects: await freePort() };
  const stack = await startLocalStack({ ports, config, services: { dynamo: services.dynamo, mail: services.mail } }).catch(async (err: unknown) => {
    await services.close();
    throw err;
  });
  stack.scheduler.close();
  return {
    stack,
    services,
    seedClient: DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: services.dynamo }), { marshallOptions: { removeUndefinedValues: true } }),
    table: LOCAL_TABLE,
    close: async () => {
      await stack.close();
      await services.close();
    },
  };
}
