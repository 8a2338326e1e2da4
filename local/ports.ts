import { createServer } from 'node:net';

/** Default ports, so the README, the tests and every newcomer agree. */
export const DEFAULT_PORTS = {
  http: { env: 'VERKOSTO_PORT', port: 3000 },
  mail: { env: 'VERKOSTO_MAIL_PORT', port: 8005 },
  dynamo: { env: 'VERKOSTO_DYNAMO_PORT', port: 4567 },
  bus: { env: 'VERKOSTO_BUS_PORT', port: 4010 },
  queue: { env: 'VERKOSTO_QUEUE_PORT', port: 4020 },
  scheduler: { env: 'VERKOSTO_SCHEDULER_PORT', port: 4030 },
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

/**
 * A free port for a stack that runs beside others (tests, benchmarks).
 *
 * Picked below Linux's ephemeral range (32768–60999) on purpose: the fault
 * tests stop a service and start it again on the same port, and a port from
 * the ephemeral range can meanwhile become the source port of some other
 * test's outgoing connection, which makes the restart fail with EADDRINUSE.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 12000);
    if (await isFree(port)) return port;
  }
  throw new Error('no free port found between 20000 and 32000');
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}
