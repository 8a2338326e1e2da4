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

/** An ephemeral free port (for tests that run side by side). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}
