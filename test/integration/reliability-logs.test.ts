import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { aListing } from '../fixtures/listings.js';
import { signIn } from '../support/coordinator.js';
import { approve, submit } from '../support/listings.js';
import { startTestStack, type TestStack } from '../support/stack.js';
import { header, subscribeConfirmed } from '../support/subscriptions.js';

/**
 * Issue 9, "operations": no personal data in logs. A full run at INFO level —
 * submit, sign in, approve, subscribe, confirm, digest, unsubscribe — writes
 * none of the test people's addresses, names or phone numbers anywhere.
 */
const COORDINATOR = 'koordinaattori@kemi.example.fi';
const SUBMITTER = { name: 'Ritva Lokitesti', email: 'ritva.lokitesti@yhdistys.example.fi', phone: '045 918 2736' };
const SUBSCRIBER = 'tuomas.tilaaja@lukijat.example.fi';
const SECRETS = [COORDINATOR, SUBMITTER.name, SUBMITTER.email, SUBMITTER.phone, SUBMITTER.phone.replace(/\s/g, ''), SUBSCRIBER, 'ritva.lokitesti', 'tuomas.tilaaja'];

describe('logs of a full run', () => {
  let stack: TestStack;
  const written: string[] = [];
  const restore: Array<() => void> = [];
  let summary = 'logs: not run';
  beforeAll(async () => {
    process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
    process.env.POWERTOOLS_DEV = 'false';
    for (const stream of [process.stdout, process.stderr]) {
      const original = stream.write.bind(stream);
      stream.write = ((chunk: unknown, ...rest: unknown[]) => {
        written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
        return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write;
      restore.push(() => void (stream.write = original));
    }
    for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
      const spy = vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void written.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')));
      restore.push(() => spy.mockRestore());
    }
    stack = await startTestStack({ log: (line) => void written.push(line) });
  });
  afterAll(async () => {
    await stack?.close();
    for (const r of restore.splice(0)) r();
    console.log(summary);
  });

  it('never writes an address, a name or a phone number', async () => {
    // Arrange + Act: the whole flow.
    const coordinator = await signIn(stack, COORDINATOR);
    await subscribeConfirmed(stack, { email: SUBSCRIBER });
    const id = await submit(stack, aListing({ title: { fi: 'Lokitestin perhekahvila' }, contact: SUBMITTER }));
    await approve(coordinator, stack, id);
    expect((await coordinator.api('/api/coordinator/networks/kemi-perhekeskus/digests', { method: 'POST' })).status).toBe(202);
    await stack.settle();
    const digest = (await stack.mailTo(SUBSCRIBER)).find((m) => header(m, 'List-Unsubscribe'));
    const unsubscribe = /<(https?:\/\/[^>]+)>/.exec(header(digest ?? {}, 'List-Unsubscribe') ?? '')?.[1];
    expect(unsubscribe).toBeDefined();
    const oneClick = await fetch(unsubscribe!, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(oneClick.status).toBeLessThan(300);
    // A failure path logs too: a bad body and an unknown listing.
    await stack.api('/api/listings', { method: 'POST', json: { ...aListing({ contact: SUBMITTER }), kind: 'nope' } });
    await stack.settle();

    // Assert: the logs were captured (INFO lines from the handlers) and hold no personal data.
    const logs = written.join('\n');
    const infoLines = written.filter((l) => l.includes('"level":"INFO"'));
    const leaks = SECRETS.filter((s) => logs.toLowerCase().includes(s.toLowerCase()));
    const leakingLines = written.filter((l) => SECRETS.some((s) => l.toLowerCase().includes(s.toLowerCase()))).map((l) => l.slice(0, 300));
    summary = `logs: ${written.length} lines (${infoLines.length} INFO), ${leaks.length} kinds of personal data found`;
    expect(infoLines.length).toBeGreaterThan(5);
    expect(leakingLines).toEqual([]);
  });
});
