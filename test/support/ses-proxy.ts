import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { freePort } from '../../local/ports.js';
import { startSes } from '../../local/stack.js';

/**
 * Takes the local SES's port: the stack's SES stops, a fresh one starts on
 * another port, and a proxy on the old port passes every request on. For
 * the SendEmail calls `drop` picks (numbered from 0), it drops the caller's
 * connection once SES has answered: SES sent the mail, the sender cannot
 * know. `holdMs` holds every SendEmail's answer that long, as a real SES
 * across a network; `mostAtOnce` is the most SendEmails it had at once.
 * For the SendEmail calls `throttle` picks, it answers 429
 * TooManyRequestsException itself and SES never sees the mail.
 */
export async function sesBehindProxy(mailUrl: string, opts: { drop?: (n: number) => boolean; holdMs?: number; throttle?: (n: number) => boolean } = {}) {
  const port = Number(new URL(mailUrl).port);
  const sesPort = await freePort();
  const ses: Server = await startSes({ host: '127.0.0.1', port: sesPort });
  let sends = 0;
  let dropped = 0;
  let open = 0;
  let mostAtOnce = 0;
  const proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const sending = req.method === 'POST' && req.url === '/v2/email/outbound-emails';
      const n = sending ? sends++ : -1;
      if (sending && opts.throttle?.(n)) {
        res.writeHead(429, { 'content-type': 'application/json', 'x-amzn-errortype': 'TooManyRequestsException' });
        return void res.end(JSON.stringify({ message: 'Maximum sending rate exceeded.' }));
      }
      if (sending) mostAtOnce = Math.max(mostAtOnce, ++open);
      void fetch(`http://127.0.0.1:${sesPort}${req.url}`, { method: req.method!, headers: forwarded(req.headers), ...(chunks.length ? { body: Buffer.concat(chunks) } : {}) }).then(async (answer) => {
        const body = Buffer.from(await answer.arrayBuffer());
        if (sending && opts.holdMs) await new Promise((r) => setTimeout(r, opts.holdMs));
        if (sending) open--;
        if (sending && answer.ok && opts.drop?.(n)) {
          dropped++;
          req.socket.destroy();
          return;
        }
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
        res.end(body);
      });
    });
  });
  await new Promise<void>((r) => proxy.listen(port, '127.0.0.1', r));
  return {
    dropped: () => dropped,
    /** SendEmail requests it was sent, throttled ones included */
    sends: () => sends,
    mostAtOnce: () => mostAtOnce,
    close: async () => {
      proxy.closeAllConnections();
      await new Promise<void>((r) => proxy.close(() => r()));
      ses.closeAllConnections();
      await new Promise<void>((r) => ses.close(() => r()));
    },
  };
}

const HOP_BY_HOP = new Set(['host', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);
const forwarded = (headers: IncomingHttpHeaders) => Object.fromEntries(Object.entries(headers).filter(([k, v]) => !HOP_BY_HOP.has(k) && typeof v === 'string')) as Record<string, string>;
