import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import sesModule from 'aws-ses-v2-local';
import { loadConfig, type OperatorConfig } from '../lib/config.js';
import { functions as topology, queues as queueTopology, type FunctionSpec, type QueueSpec } from '../lib/topology.js';
import { ENV } from '../functions/shared/env.js';
import { LocalEventBus, type EventBridgeEvent } from './bus/bus.js';
import { LocalQueue } from './queue/queue.js';
import { startQueueServer } from './queue/server.js';
import { LocalScheduler, toPutEventsEntry } from './scheduler/scheduler.js';
import { startSchedulerServer } from './scheduler/server.js';
import { startBusServer } from './bus/server.js';
import { ensureTable, startDynamo } from './dynamo.js';
import { startHttpServer } from './http-server.js';
import { startObjectStore, type LocalObjectStore } from './objects/server.js';
import { loadFunction, type LocalFunction } from './lambda.js';
import { assertPortFree, DEFAULT_PORTS, type Ports } from './ports.js';

type SesServer = (typeof sesModule)['default'];
/** A CommonJS module: Node hands over `module.exports`, vite's interop hands over its `default`. */
export const startSes: SesServer = typeof sesModule === 'function' ? (sesModule as SesServer) : sesModule.default;

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const LOCAL_TABLE = 'verkosto';
export const LOCAL_BUS = 'verkosto';
/** The local bucket of directory snapshots (the stack's DirectorySnapshots bucket). */
export const LOCAL_SNAPSHOT_BUCKET = 'verkosto-snapshots';

export interface LocalStackOptions {
  ports: Ports;
  /** Where dynalite and the dead letters live; omit for an in-memory table (tests). */
  dataDir?: string;
  config?: OperatorConfig;
  topology?: readonly FunctionSpec[];
  queues?: readonly QueueSpec[];
  /** Queue visibility timeout override (seconds); tests make retries fast. */
  queueVisibilitySeconds?: number;
  /** Bus retry tuning; tests make it fast. */
  bus?: { maxAttempts?: number; baseDelayMs?: number };
  /**
   * The table and mail service already running elsewhere (their endpoints):
   * the storm bench runs them in a worker thread, as in AWS DynamoDB and SES
   * do not run on a function's CPU. Their stop/start fault switches are then
   * unavailable, and `ports.dynamo` / `ports.mail` are not used.
   * @default both started in this process
   */
  services?: { dynamo: string; mail: string };
  log?: (line: string) => void;
}

export interface LocalStack {
  urls: { site: string; mail: string; dynamo: string; bus: string; queue: string; scheduler: string; objects: string };
  config: OperatorConfig;
  bus: LocalEventBus;
  /** Stop and start the local mail service (fault tests). */
  mailService: { stop(): Promise<void>; start(): Promise<void> };
  /** Stop and start the local event bus's API (fault tests: PutEvents fails while it is away). */
  busService: { stop(): Promise<void>; start(): Promise<void> };
  /** Stop and start the local table (fault tests; needs a data folder to keep what was written). */
  tableService: { stop(): Promise<void>; start(): Promise<void> };
  queues: Map<string, LocalQueue>;
  scheduler: LocalScheduler;
  /** The local S3 (directory snapshots). */
  objects: LocalObjectStore;
  functions: Map<string, LocalFunction>;
  /** Every verkosto event the bus accepted (for tests; the deployed archive keeps only ARCHIVE_PATTERN's, which name nobody). */
  archive: EventBridgeEvent[];
  /** true when this start created the table (an empty data folder) */
  fresh: boolean;
  /** Resolves once every event published so far has been delivered (or dead-lettered). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts DynamoDB (dynalite), SES (aws-ses-v2-local), the local EventBridge
 * bus and the HTTP server, then loads every function of the topology in this
 * process. Handlers reach the local services only through the standard
 * AWS_ENDPOINT_URL_* variables: they have no "local mode".
 */
let started = false;

export async function startLocalStack(opts: LocalStackOptions): Promise<LocalStack> {
  // Handlers read their environment once, at import, as at a Lambda cold start;
  // a second stack in the same process would leave them pointing at the first.
  if (started) throw new Error('One local stack per process: handlers are already bound to another stack');
  started = true;
  const log = opts.log ?? (() => undefined);
  const config = opts.config ?? loadConfig(process.env.VERKOSTO_CONFIG ?? join(ROOT, 'config/verkosto.config.json'));
  const spec = opts.topology ?? topology;

  for (const [name, port] of Object.entries(opts.ports) as Array<[keyof Ports, number]>) {
    if (opts.services && (name === 'dynamo' || name === 'mail')) continue;
    await assertPortFree(port, DEFAULT_PORTS[name].env);
  }

  const closers: Array<() => Promise<void>> = [];
  const closeAll = async () => {
    for (const c of closers.reverse()) await c().catch(() => undefined);
  };
  try {
    if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
    const elsewhere = (what: string) => async () => {
      throw new Error(`the ${what} runs outside this stack (services option): it cannot be stopped or started here`);
    };
    const dynamo = opts.services
      ? { url: opts.services.dynamo, close: async () => undefined, stop: elsewhere('table'), start: elsewhere('table') }
      : await startDynamo(opts.ports.dynamo, opts.dataDir ? join(opts.dataDir, 'dynamodb') : undefined);
    closers.push(dynamo.close);

    let ses: Server | undefined = opts.services ? undefined : await startSes({ host: '127.0.0.1', port: opts.ports.mail });
    const stopMail = () =>
      new Promise<void>((r) => {
        if (!ses) return r();
        ses.closeAllConnections();
        ses.close(() => r());
        ses = undefined;
      });
    closers.push(stopMail);
    /** Fault injection: the mail service goes away and comes back on the same port (its mailbox survives). */
    const mailService = opts.services
      ? { stop: elsewhere('mail service'), start: elsewhere('mail service') }
      : {
          stop: stopMail,
          start: async () => {
            ses ??= await startSes({ host: '127.0.0.1', port: opts.ports.mail });
          },
        };
    const mailUrl = opts.services?.mail ?? `http://localhost:${opts.ports.mail}`;

    const bus = new LocalEventBus({
      name: LOCAL_BUS,
      ...opts.bus,
      ...(opts.dataDir ? { deadLetterFile: join(opts.dataDir, 'dead-letters.jsonl') } : {}),
      logger: log,
    });
    let busServer: Awaited<ReturnType<typeof startBusServer>> | undefined = await startBusServer(bus, opts.ports.bus);
    const busUrl = busServer.url;
    const busService = {
      stop: async () => {
        await busServer?.close();
        busServer = undefined;
      },
      start: async () => {
        busServer ??= await startBusServer(bus, opts.ports.bus);
      },
    };
    closers.push(async () => {
      await busService.stop();
      bus.close();
    });

    const queueSpecs = opts.queues ?? queueTopology;
    const queues = new Map<string, LocalQueue>();
    for (const q of queueSpecs) {
      const dlq = new LocalQueue({ name: `${q.id}-dlq` });
      queues.set(q.id, new LocalQueue({ name: q.id, visibilityTimeoutSeconds: opts.queueVisibilitySeconds ?? q.visibilityTimeoutSeconds ?? 120, redrivePolicy: { deadLetterQueue: dlq, maxReceiveCount: q.maxReceiveCount ?? 5 } }));
    }
    const queueServer = await startQueueServer([...queues.values()], opts.ports.queue);
    closers.push(async () => {
      await queueServer.close();
      for (const q of queues.values()) q.close();
    });

    const objects = await startObjectStore({ port: opts.ports.objects, buckets: [LOCAL_SNAPSHOT_BUCKET], ...(opts.dataDir ? { dataDir: join(opts.dataDir, 'objects') } : {}) });
    closers.push(objects.close);

    const functions = new Map<string, LocalFunction>();
    // Same schedules as the stack: the topology's, Lambda targets (the digest clock among them).
    const busArn = `arn:aws:events:${config.region}:000000000000:event-bus/${LOCAL_BUS}`;
    const scheduler = new LocalScheduler({
      logger: log,
      fire: async (schedule, target) => {
        const entry = toPutEventsEntry(schedule, target);
        if (entry) {
          const out = bus.putEvents([entry]);
          if (out.FailedEntryCount) throw new Error(`schedule ${schedule.Name}: ${JSON.stringify(out.Entries)}`);
          return;
        }
        const fn = functions.get(target.Arn.split(':function:')[1] ?? '');
        if (!fn) throw new Error(`no local target for ${target.Arn}`);
        await fn.invoke(JSON.parse(target.Input ?? '{}'));
      },
    });
    const schedulerServer = await startSchedulerServer(scheduler, opts.ports.scheduler);
    closers.push(async () => {
      await schedulerServer.close();
      scheduler.close();
    });
    const siteUrl = `http://localhost:${opts.ports.http}`;
    // The networks file the stack ships as a layer; a fresh one per start, since the config may have changed.
    const networksFile = join(mkdtempSync(join(tmpdir(), 'verkosto-networks-')), 'networks.json');
    writeFileSync(networksFile, JSON.stringify(config.networks));
    Object.assign(process.env, {
      AWS_REGION: config.region,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.url,
      AWS_ENDPOINT_URL_SESV2: opts.services?.mail ?? `http://127.0.0.1:${opts.ports.mail}`,
      AWS_ENDPOINT_URL_EVENTBRIDGE: busUrl,
      AWS_ENDPOINT_URL_SQS: queueServer.url,
      AWS_ENDPOINT_URL_SCHEDULER: schedulerServer.url,
      AWS_ENDPOINT_URL_S3: objects.url,
      [ENV.snapshotBucket]: LOCAL_SNAPSHOT_BUCKET,
      [ENV.eventBusArn]: busArn,
      [ENV.schedulerRoleArn]: 'arn:aws:iam::000000000000:role/local-scheduler',
      [ENV.tableName]: LOCAL_TABLE,
      [ENV.eventBusName]: LOCAL_BUS,
      [ENV.mailSender]: config.mail.sender,
      [ENV.mailConfigurationSet]: 'verkosto-local',
      [ENV.siteUrl]: siteUrl,
      [ENV.networksFile]: networksFile,
      [ENV.limits]: JSON.stringify(config.limits),
      // Offline signing keys: generated once, kept with the data so sessions survive restarts.
      [ENV.tokenKeyFile]: join(opts.dataDir ?? mkdtempSync(join(tmpdir(), 'verkosto-keys-')), 'token-keys.json'),
      [ENV.digestQueueUrl]: queues.get('DigestBatches')?.url ?? '',
      [ENV.sendRatePerSecond]: String(config.mail.sendRatePerSecond),
      // Offline every sender shares one process and so one pacer: it must pace for the whole rate.
      // (In AWS each concurrent instance has its own pacer and takes its share.)
      [ENV.senderConcurrency]: '1',
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    });

    const created = await ensureTable(new DynamoDBClient({ endpoint: dynamo.url }), LOCAL_TABLE);
    log(`table ${LOCAL_TABLE}: ${created}`);

    for (const f of spec) functions.set(f.id, await loadFunction(f, ROOT));

    const archive: EventBridgeEvent[] = [];
    bus.addRule({ id: 'Archive', pattern: { source: ['verkosto'] }, target: async (event) => void archive.push(event) });
    for (const f of spec) {
      for (const rule of f.rules ?? []) {
        const fn = functions.get(f.id)!;
        bus.addRule({ id: rule.id, pattern: rule.pattern, target: async (event) => void (await fn.invoke(event)) });
      }
    }

    const flexible = { Mode: 'OFF' as const };
    for (const f of spec) {
      for (const s of f.schedules ?? []) {
        scheduler.createSchedule({ Name: s.id, ScheduleExpression: s.expression, ScheduleExpressionTimezone: s.timezone ?? 'Europe/Helsinki', FlexibleTimeWindow: flexible, Target: { Arn: `arn:aws:lambda:${config.region}:000000000000:function:${f.id}`, RoleArn: 'local', Input: JSON.stringify(s.input ?? {}) } });
      }
    }
    for (const q of queueSpecs) {
      const consumer = functions.get(q.consumer)!;
      queues.get(q.id)!.attach({
        batchSize: q.batchSize ?? 5,
        maxConcurrency: q.maxConcurrency ?? 2,
        handler: async (event) => consumer.invoke(event),
      });
    }

    const http = await startHttpServer({
      port: opts.ports.http,
      siteDir: join(ROOT, 'web/dist'),
      routes: spec.flatMap((f) => (f.routes ?? []).map((r) => ({ method: r.method, path: r.path, fn: functions.get(f.id)! }))),
      log,
    });
    closers.push(http.close);

    return {
      urls: { site: siteUrl, mail: mailUrl, dynamo: dynamo.url, bus: busUrl, queue: queueServer.url, scheduler: schedulerServer.url, objects: objects.url },
      config,
      bus,
      mailService,
      busService,
      tableService: { stop: dynamo.stop, start: dynamo.start },
      queues,
      scheduler,
      objects,
      functions,
      archive,
      fresh: created === 'created',
      // Events start queue work and queue work publishes events: wait until both are quiet.
      settle: async () => {
        for (let quiet = 0; quiet < 2; ) {
          await bus.idle();
          await Promise.all([...queues.values()].map((q) => q.idle()));
          const busy = [...queues.values()].some((q) => q.stats().visible + q.stats().inFlight > 0);
          quiet = busy ? 0 : quiet + 1;
          if (quiet < 2) await new Promise((r) => setTimeout(r, 5));
        }
      },
      close: closeAll,
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}
