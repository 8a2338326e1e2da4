/**
 * The worker side of bench/lib/services.ts: dynalite and aws-ses-v2-local,
 * with a meter in front of the mail service that keeps, for every SendEmail,
 * to whom it went, its network tag and when it arrived.
 */
import type { Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { startDynamo } from '../../local/dynamo.js';
import { startSes } from '../../local/stack.js';
import { SEND_EMAIL } from './harness.js';
import { startMeter } from './meter.js';
import type { ServicesReply, ServicesRequest } from './services.js';

if (!parentPort) throw new Error('services-worker.ts runs as a worker thread (bench/lib/services.ts)');
const port = parentPort;

const dynamo = await startDynamo(0);
const ses: Server = await startSes({ host: '127.0.0.1', port: 0 });
const sesAddress = ses.address();
const sesUrl = `http://127.0.0.1:${typeof sesAddress === 'object' && sesAddress ? sesAddress.port : 0}`;
const meter = await startMeter(sesUrl, { answerDelayMs: (workerData as { sesLatencyMs?: number } | undefined)?.sesLatencyMs ?? 0 });
// Three arrays rather than an object a mail: 100,000 mails stay a few MB.
let to: string[] = [];
let network: string[] = [];
let at: number[] = [];
meter.onRequest = (op, body, arrived) => {
  if (op !== SEND_EMAIL) return;
  const mail = JSON.parse(body.toString('utf8')) as { Destination: { ToAddresses: string[] }; EmailTags?: Array<{ Name: string; Value: string }> };
  to.push(mail.Destination.ToAddresses[0]!);
  network.push(mail.EmailTags?.find((t) => t.Name === 'network')?.Value ?? '');
  at.push(arrived);
};

port.on('message', (msg: ServicesRequest) => {
  void (async () => {
    let reply: ServicesReply;
    if (msg.kind === 'mails') {
      reply = { kind: 'mails', id: msg.id, to, network, at, cpu: process.threadCpuUsage(), elu: performance.eventLoopUtilization() };
      to = [];
      network = [];
      at = [];
    } else {
      await meter.close();
      ses.closeAllConnections();
      await new Promise<void>((r) => ses.close(() => r()));
      await dynamo.close();
      reply = { kind: 'closed', id: msg.id };
    }
    port.postMessage(reply);
    if (msg.kind === 'close') port.close();
  })();
});
port.postMessage({ kind: 'ready', dynamo: dynamo.url, mail: meter.url, ses: sesUrl } satisfies ServicesReply);
