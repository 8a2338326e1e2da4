import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aListing } from '../fixtures/listings.js';
import { signIn } from '../support/coordinator.js';
import { approve, submit } from '../support/listings.js';
import { startTestStack, type TestStack } from '../support/stack.js';
import { digestsPerAddress, header, storeConfirmedReaders } from '../support/subscriptions.js';
import { freePort } from '../../local/ports.js';
import { startSes } from '../../local/stack.js';

describe('a digest sender whose mail service takes mails but loses some answers', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ queueVisibilitySeconds: 3 });
  });
  afterAll(async () => stack?.close());

  it('does not send a digest twice when SES took the mail but its answer was lost', async () => {
    // Arrange: 60 subscribers, one new listing; SES behind a proxy that
    // passes the 4th, 31st and 48th mail on and then drops the connection instead of giving SES's answer.
    const network = 'kemi-perhekeskus';
    const coordinator = await signIn(stack, 'koordinaattori@kemi.example.fi');
    const people = Array.from({ length: 60 }, (_, i) => `vastaus-hukassa-${i}@example.fi`);
    await storeConfirmedReaders(network, people);
    await approve(coordinator, stack, await submit(stack, aListing({ title: { fi: 'Vastaus katosi matkalla' } })));
    await stack.mailService.stop();
    const lossy = await answerLosingSes(stack.urls.mail, (n) => [3, 30, 47].includes(n));
    const queue = stack.queues.get('DigestBatches')!;

    try {
      // Act
      await coordinator.api(`/api/coordinator/networks/${network}/digests`, { method: 'POST' });
      await stack.bus.idle();
      await stack.settle();

      // Assert: everyone once (the lost answers' mails did go), none twice; those are counted as not known to be sent.
      const perPerson = await digestsPerAddress(stack);
      const history = (await (await coordinator.api(`/api/coordinator/networks/${network}/digests`)).json()) as { digests: Array<{ status: string; sent: number; failed: number }> };
      expect(lossy.dropped()).toBeGreaterThan(0);
      expect([...perPerson.entries()].filter(([, n]) => n > 1)).toEqual([]);
      expect(people.filter((p) => !perPerson.has(p))).toEqual([]);
      expect(history.digests[0]).toMatchObject({ status: 'sent', sent: 60 - lossy.dropped(), failed: lossy.dropped() });
      expect(queue.stats().deadLetters).toBe(0);
    } finally {
      await lossy.close();
    }
  });
});

/**
 * Takes the local SES's port: the stack's SES stops, a fresh one starts on
 * another port, and a proxy on the old port passes every request on. For
 * the SendEmail calls `drop` picks (numbered from 0), it drops the caller's
 * connection once SES has answered: SES sent the mail, the sender cannot know.
 */
async function answerLosingSes(mailUrl: string, drop: (n: number) => boolean) {
  const port = Number(new URL(mailUrl).port);
  const sesPort = await freePort();
  const ses: Server = await startSes({ host: '127.0.0.1', port: sesPort });
  let sends = 0;
  let dropped = 0;
  const proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const sending = req.method === 'POST' && req.url === '/v2/email/outbound-emails';
      const n = sending ? sends++ : -1;
      void fetch(`http://127.0.0.1:${sesPort}${req.url}`, { method: req.method!, headers: forwarded(req.headers), ...(chunks.length ? { body: Buffer.concat(chunks) } : {}) }).then(async (answer) => {
        const body = Buffer.from(await answer.arrayBuffer());
        if (sending && answer.ok && drop(n)) {
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
