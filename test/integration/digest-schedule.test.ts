import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/stack.js';

describe("the network's digest schedule", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => stack?.close());

  it('requests the digest when the local scheduler reaches the configured time (Monday 08:00 Helsinki)', async () => {
    const next = stack.scheduler.nextInvocation('Digest-kemi-perhekeskus');
    expect(next).toBeDefined();
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Helsinki', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(next!)).toBe('Mon 08:00');

    await stack.scheduler.tick(next!.getTime());
    await stack.settle();

    const requested = stack.archive.filter((e) => e['detail-type'] === 'Digest.Requested');
    expect(requested.map((e) => e.detail)).toEqual([{ version: 1, network: 'kemi-perhekeskus', trigger: 'schedule' }]);
    expect(stack.archive.some((e) => e['detail-type'] === 'Digest.Sent')).toBe(true);
  });
});
