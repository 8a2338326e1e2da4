import { createServer } from 'node:net';

/** Default ports, so the README, the tests and every newcomer agree. */
export const DEFAULT_PORTS = {
  http: { env: 'VERKOSTO_PORT', port: 3000 },
  mail: { env: 'VERKOSTO_MAIL_PORT', port: 8005 },
  dynamo: { env: 'VERKOSTO_DYNAMO_PORT', port: 4567 },
  bus: { env: 'VERKOSTO_BUS_PORT', port: 4010 },
  queue: { env: 'VERKOSTO_QUEUE_PORT', port: 4020 },
  scheduler: { env: 'VERKOSTO_SCHEDULER_PORT', port: 4030 },
  objects: { env: 'VERKOSTO_OBJECTS_PORT', port: 4040 },
} as const;
export type ServiceName = keyof typeof DEFAULT_PORTS;
export type Ports = Record<ServiceName, number>;

export function portsFromEnv(env: NodeJS.ProcessEnv = process.env): Ports {
  const out = {} as Ports;
  for (const [name, d] of Object.entries(DEFAULT_PORTS) as Array<[ServiceName, (typeof DEFAULT_PORTS)[ServiceName]]>) {
    const raw = env[d.env];
    const port = raw === undefined || raw === '' ? d.port : Number(raw);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${d.env} must be a port number, got "${raw}"`);
    out[name] = port;
  }
  return out;
}

/** Fails early with a message naming the variable that moves the service elsewhere. */
export async function assertPortFree(port: number, envName: string, host = '127.0.0.1'): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => {
      reject(new Error(err.code === 'EADDRINUSE' ? `port ${port} is in use; stop what uses it or set ${envName} to another port` : `cannot listen on port ${port}: ${err.message}`));
    });
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/** Ports this process has handed out: a stack binds them only later, so a probe alone would hand one out twice. */
const handedOut = new Set<number>();

/**
 * A free port for a stack that runs beside others (tests, benchmarks).
 *
 * Picked below Linux's ephemeral range (32768–60999) on purpose: the fault
 * tests stop a service and start it again on the same port, and a port from
 * the ephemeral range can meanwhile become the source port of some other
 * test's outgoing connection, which makes the restart fail with EADDRINUSE.
 *
 * A probe says only that the port is free now; the stack binds it seconds
 * later, after its other services. So a port is never handed out twice by one
 * process, and parallel test workers draw from disjoint slices of the range
 * (by vitest's pool id), or two workers' stacks could pick the same port in
 * that gap (seen in CI: "port 25087 is in use").
 */
export async function freePort(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { from, size } = portSlice(env);
  for (let attempt = 0; attempt < 400; attempt++) {
    const port = from + Math.floor(Math.random() * size);
    if (handedOut.has(port)) continue;
    if (await isFree(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`no free port found between ${from} and ${from + size}`);
}

const RANGE_FROM = 20000;
const RANGE_SIZE = 12000;
const SLICES = 8;

/** The slice of 20000–32000 this process draws from: its own per vitest worker, the whole range otherwise. */
export function portSlice(env: NodeJS.ProcessEnv = process.env): { from: number; size: number } {
  const pool = Number(env.VITEST_POOL_ID);
  if (!Number.isInteger(pool) || pool < 1) return { from: RANGE_FROM, size: RANGE_SIZE };
  const size = RANGE_SIZE / SLICES;
  return { from: RANGE_FROM + ((pool - 1) % SLICES) * size, size };
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}
