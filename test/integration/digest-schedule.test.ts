import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, helsinkiDate, helsinkiToUtc, isoWeekday } from '../../functions/shared/time.js';
import { startTestStack, type TestStack } from '../support/stack.js';

/** The next Monday (isoWeekday 0) after today, 08:00 Helsinki: when the demo network's weekly digest is due. */
function nextMondayAtEight(): Date {
  let date = addDays(helsinkiDate(new Date()), 1);
  while (isoWeekday(date) !== 0) date = addDays(date, 1);
  return helsinkiToUtc(date, '08:00');
}

describe('the digest clock (one schedule for every network)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => stack?.close());

  it('runs every minute and is handed the minute it was scheduled for', async () => {
    const next = stack.scheduler.nextInvocation('DigestClockEveryMinute');
    expect(next).toBeDefined();
    expect(next!.getTime() % 60_000).toBe(0);
    expect(JSON.parse(stack.scheduler.getSchedule('DigestClockEveryMinute').Target.Input!)).toEqual({ scheduledTime: '<aws.scheduler.scheduled-time>' });
  });

  it("requests a network's digest at its configured time (Monday 08:00 Helsinki) once, however often that minute's tick runs", async () => {
    const clock = stack.functions.get('DigestClock')!;
    const at = nextMondayAtEight();

    const first = await clock.invoke({ scheduledTime: at.toISOString() });
    const retried = await clock.invoke({ scheduledTime: at.toISOString() });
    await stack.settle();

    expect(first).toEqual({ due: 1, requested: 1 });
    expect(retried).toEqual({ due: 1, requested: 0 });
    const requested = stack.archive.filter((e) => e['detail-type'] === 'Digest.Requested');
    expect(requested.map((e) => e.detail)).toEqual([{ version: 1, network: 'kemi-perhekeskus', trigger: 'schedule' }]);
    expect(stack.archive.some((e) => e['detail-type'] === 'Digest.Sent')).toBe(true);
  });

  it('requests nothing in a minute when no network is due', async () => {
    const out = await stack.functions.get('DigestClock')!.invoke({ scheduledTime: new Date(nextMondayAtEight().getTime() + 60_000).toISOString() });

    expect(out).toEqual({ due: 0, requested: 0 });
  });
});
