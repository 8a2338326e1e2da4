import { createServer, request, Agent, type IncomingHttpHeaders } from 'node:http';

/**
 * A counting HTTP proxy in front of one local service. For DynamoDB it asks
 * every read and write for `ReturnConsumedCapacity: TOTAL` and sums the
 * capacity units dynalite reports, so read and write units are measured,
 * not estimated. Responses are passed through byte for byte.
 */
export interface Meter {
  url: string;
  /** requests by operation (DynamoDB: X-Amz-Target operation; others: method + path) */
  readonly ops: Map<string, number>;
  /** when each request of an operation arrived (ms since epoch), for operations listed in `timesOf` */
  readonly times: Map<string, number[]>;
  readUnits: number;
  writeUnits: number;
  /** told about every request with its body and when it arrived (before it is passed on) */
  onRequest?: (op: string, body: Buffer, arrived: number) => void;
  reset(): void;
  close(): Promise<void>;
}

const READS = new Set(['GetItem', 'Query', 'BatchGetItem', 'Scan']);
const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);

interface Capacity {
  CapacityUnits?: number;
}

function operation(method: string | undefined, url: string | undefined, headers: IncomingHttpHeaders): string {
  const target = headers['x-amz-target'];
  if (typeof target === 'string') return target.split('.').at(-1) ?? target;
  return `${method ?? 'GET'} ${(url ?? '/').split('?')[0]}`;
}

/**
 * `answerDelayMs` holds every answer that long before passing it on: the
 * service as slow as a real one across a network (SES answers a SendEmail
 * in tens of ms; the local one in one or two).
 */
export async function startMeter(target: string, opts: { dynamo?: boolean; timesOf?: readonly string[]; answerDelayMs?: number } = {}): Promise<Meter> {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const timed = new Set(opts.timesOf ?? []);
  const meter: Pick<Meter, 'ops' | 'times' | 'readUnits' | 'writeUnits' | 'onRequest'> = {
    ops: new Map<string, number>(),
    times: new Map<string, number[]>(),
    readUnits: 0,
    writeUnits: 0,
  };
  const server = createServer((req, res) => {
    // When the request reached the service (its headers), not when its body ended.
    const arrived = Date.now();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const op = operation(req.method, req.url, req.headers);
      meter.ops.set(op, (meter.ops.get(op) ?? 0) + 1);
      if (timed.has(op)) {
        const list = meter.times.get(op) ?? [];
        list.push(arrived);
        meter.times.set(op, list);
      }
      let body = Buffer.concat(chunks);
      meter.onRequest?.(op, body, arrived);
      const kind = opts.dynamo ? (READS.has(op) ? 'read' : WRITES.has(op) ? 'write' : undefined) : undefined;
      if (kind) {
        const input = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
        input.ReturnConsumedCapacity = 'TOTAL';
        body = Buffer.from(JSON.stringify(input));
      }
      const headers = { ...req.headers, host: upstream.host, 'content-length': String(body.length) };
      const out = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent }, (up) => {
        const parts: Buffer[] = [];
        up.on('data', (c: Buffer) => parts.push(c));
        up.on('end', () => {
          const payload = Buffer.concat(parts);
          if (kind && up.statusCode === 200) {
            const parsed = JSON.parse(payload.toString('utf8')) as { ConsumedCapacity?: Capacity | Capacity[] };
            const consumed = parsed.ConsumedCapacity;
            const units = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []).reduce((n, c) => n + (c.CapacityUnits ?? 0), 0);
            if (kind === 'read') meter.readUnits += units;
            else meter.writeUnits += units;
          }
          const answer = () => {
            res.writeHead(up.statusCode ?? 500, up.headers);
            res.end(payload);
          };
          if (opts.answerDelayMs) setTimeout(answer, opts.answerDelayMs);
          else answer();
        });
      });
      out.on('error', (err) => {
        res.writeHead(502);
        res.end(String(err));
      });
      out.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return Object.assign(meter, {
    url: `http://127.0.0.1:${port}`,
    reset() {
      meter.ops.clear();
      meter.times.clear();
      meter.readUnits = 0;
      meter.writeUnits = 0;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
        agent.destroy();
      }),
  });
}
