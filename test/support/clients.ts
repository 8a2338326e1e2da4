import { request } from 'node:http';

export interface ClientResponse {
  status: number;
  json(): unknown;
  text: string;
}

/**
 * A request from another machine: offline the client is the socket address,
 * so each loopback address (127.0.0.n) is a different viewer, as CloudFront's
 * viewer address is in AWS.
 */
export function fromClient(siteUrl: string, client: number, path: string, init: { method?: string; json?: unknown; headers?: Record<string, string> } = {}): Promise<ClientResponse> {
  const url = new URL(path, siteUrl);
  const body = init.json === undefined ? undefined : JSON.stringify(init.json);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: init.method ?? 'GET',
        localAddress: `127.0.0.${client}`,
        headers: { ...(body ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {}), ...init.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, text, json: () => JSON.parse(text) as unknown });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** How many fixed windows of `seconds` the span from `start` to `end` touches (a burst may straddle a boundary). */
export const windowsTouched = (start: number, end: number, seconds: number) => Math.floor(end / 1000 / seconds) - Math.floor(start / 1000 / seconds) + 1;
