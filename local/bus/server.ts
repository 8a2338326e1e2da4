import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { LocalEventBus, PutEventsEntry } from './bus.js';

/**
 * The EventBridge wire API (AWS JSON 1.1, `X-Amz-Target: AWSEvents.<Op>`) for
 * the SDK client the handlers use, plus a small admin API for dead letters.
 */
export async function startBusServer(bus: LocalEventBus, port: number, host = '127.0.0.1'): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    handle(bus, req, res).catch((err: unknown) => awsError(res, 500, 'InternalException', (err as Error).message));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new Error(`port ${port} is in use; set VERKOSTO_BUS_PORT to another port`) : err),
    );
    server.listen(port, host, () => resolve());
  });
  const addr = server.address();
  const actual = typeof addr === 'object' && addr ? addr.port : port;
  return {
    url: `http://${host}:${actual}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown, type = 'application/x-amz-json-1.1') {
  res.writeHead(status, { 'content-type': type, 'x-amzn-requestid': crypto.randomUUID() });
  res.end(JSON.stringify(body));
}

function awsError(res: ServerResponse, status: number, type: string, message: string) {
  if (!res.headersSent) send(res, status, { __type: type, message });
}

async function handle(bus: LocalEventBus, req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/_local/dead-letters' && req.method === 'GET') return send(res, 200, { deadLetters: bus.deadLetters() }, 'application/json');
  if (url.pathname === '/_local/dead-letters/redrive' && req.method === 'POST') return send(res, 200, await bus.redrive(), 'application/json');

  const target = req.headers['x-amz-target'];
  const body = await readBody(req);
  if (req.method !== 'POST' || typeof target !== 'string') return awsError(res, 400, 'UnknownOperationException', 'Missing X-Amz-Target');
  let input: { Entries?: PutEventsEntry[] };
  try {
    input = JSON.parse(body || '{}') as { Entries?: PutEventsEntry[] };
  } catch {
    return awsError(res, 400, 'SerializationException', 'Request body is not valid JSON');
  }
  switch (target) {
    case 'AWSEvents.PutEvents': {
      const entries = input.Entries ?? [];
      if (!Array.isArray(entries) || entries.length === 0 || entries.length > 10) {
        return awsError(res, 400, 'ValidationException', 'Entries must hold 1 to 10 entries');
      }
      return send(res, 200, bus.putEvents(entries));
    }
    default:
      return awsError(res, 400, 'UnknownOperationException', `${target} is not supported by the local bus`);
  }
}
