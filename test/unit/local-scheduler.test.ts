import { createServer } from 'node:net';
import { CreateScheduleCommand, DeleteScheduleCommand, GetScheduleCommand, SchedulerClient, UpdateScheduleCommand, type CreateScheduleCommandInput } from '@aws-sdk/client-scheduler';
import { afterEach, describe, expect, it } from 'vitest';
import {
  LocalScheduler,
  ManualClock,
  nextFireTime,
  SchedulerError,
  toPutEventsEntry,
  type Invocation,
  type Schedule,
  type ScheduleDefinition,
  type ScheduleTarget,
} from '../../local/scheduler/scheduler.js';
import { startSchedulerServer } from '../../local/scheduler/server.js';

const HKI = 'Europe/Helsinki';
const iso = (d: Date | undefined) => d?.toISOString();
const utc = (s: string) => new Date(s).getTime();

/** Successive fire times, each strictly after the one before. */
function series(expression: string, timezone: string, after: string, n: number): string[] {
  const out: string[] = [];
  let t: Date | undefined = new Date(after);
  for (let i = 0; i < n && t; i++) {
    t = nextFireTime(expression, timezone, t);
    if (t) out.push(t.toISOString());
  }
  return out;
}

describe('nextFireTime: EventBridge Scheduler expressions, evaluated in the schedule’s time zone', () => {
  it('fires cron(0 8 ? * MON *) every Monday at 08:00 Helsinki time, whichever UTC offset is in force', () => {
    expect(series('cron(0 8 ? * MON *)', HKI, '2026-03-18T00:00:00Z', 3)).toEqual([
      '2026-03-23T06:00:00.000Z', // EET, UTC+2
      '2026-03-30T05:00:00.000Z', // EEST, UTC+3, after the last Sunday of March
      '2026-04-06T05:00:00.000Z',
    ]);
    expect(series('cron(0 8 ? * MON *)', HKI, '2026-10-20T00:00:00Z', 2)).toEqual(['2026-10-26T06:00:00.000Z', '2026-11-02T06:00:00.000Z']);
  });

  it('skips a wall time that does not exist when clocks go forward (last Sunday of March, 03:00 → 04:00)', () => {
    expect(series('cron(30 3 * * ? *)', HKI, '2026-03-27T12:00:00Z', 2)).toEqual([
      '2026-03-28T01:30:00.000Z',
      // 2026-03-29 03:30 never happens in Helsinki: no invocation that day.
      '2026-03-30T00:30:00.000Z',
    ]);
  });

  it('fires only once for a wall time that happens twice when clocks go back (last Sunday of October, 04:00 → 03:00)', () => {
    expect(series('cron(30 3 * * ? *)', HKI, '2026-10-24T12:00:00Z', 2)).toEqual([
      '2026-10-25T00:30:00.000Z', // the first 03:30 (EEST); the second, at 01:30Z, is not repeated
      '2026-10-26T01:30:00.000Z',
    ]);
    expect(series('cron(0 * * * ? *)', HKI, '2026-10-24T23:30:00Z', 3)).toEqual(['2026-10-25T00:00:00.000Z', '2026-10-25T02:00:00.000Z', '2026-10-25T03:00:00.000Z']);
  });

  it('finds month ends: L is the last day (28, 29, 30 or 31), and day 31 skips shorter months', () => {
    expect(series('cron(0 12 L * ? *)', 'UTC', '2028-01-31T12:00:00Z', 3)).toEqual(['2028-02-29T12:00:00.000Z', '2028-03-31T12:00:00.000Z', '2028-04-30T12:00:00.000Z']);
    expect(series('cron(0 12 31 * ? *)', 'UTC', '2026-01-31T12:00:00Z', 2)).toEqual(['2026-03-31T12:00:00.000Z', '2026-05-31T12:00:00.000Z']);
  });

  it('fires a monthly schedule on the first day of each month at the local hour', () => {
    expect(series('cron(0 9 1 * ? *)', HKI, '2026-02-15T00:00:00Z', 3)).toEqual([
      '2026-03-01T07:00:00.000Z',
      '2026-04-01T06:00:00.000Z',
      '2026-05-01T06:00:00.000Z',
    ]);
  });

  it('understands lists, ranges, steps, month and weekday names, W and #', () => {
    expect(series('cron(0/20 9-10 ? * MON-FRI 2026)', 'UTC', '2026-08-07T09:30:00Z', 4)).toEqual([
      '2026-08-07T09:40:00.000Z',
      '2026-08-07T10:00:00.000Z',
      '2026-08-07T10:20:00.000Z',
      '2026-08-07T10:40:00.000Z',
    ]);
    expect(iso(nextFireTime('cron(0 10 15W AUG ? *)', 'UTC', utc('2026-08-01T00:00:00Z')))).toBe('2026-08-14T10:00:00.000Z'); // the 15th is a Saturday
    expect(iso(nextFireTime('cron(0 10 ? * 2#1 *)', 'UTC', utc('2026-08-01T00:00:00Z')))).toBe('2026-08-03T10:00:00.000Z'); // first Monday
    expect(iso(nextFireTime('cron(0 10 ? * 6L *)', 'UTC', utc('2026-08-01T00:00:00Z')))).toBe('2026-08-28T10:00:00.000Z'); // last Friday
    expect(nextFireTime('cron(0 10 1 1 ? 2020)', 'UTC', utc('2026-01-01T00:00:00Z'))).toBeUndefined();
  });

  it('returns the instant of an at() in the past, so a one-time schedule created late fires at once', () => {
    const now = utc('2026-05-01T12:00:00Z');

    const due = nextFireTime('at(2026-05-01T10:00:00)', HKI, now);

    expect(iso(due)).toBe('2026-05-01T07:00:00.000Z');
    expect(due!.getTime()).toBeLessThanOrEqual(now);
  });

  it('counts rate(1 day) in 24-hour steps from StartDate, so the wall-clock hour moves with DST as AWS documents', () => {
    const startDate = utc('2026-03-27T06:00:00Z');

    const times = [0, 1, 2].reduce<string[]>((acc) => {
      const prev = acc.length ? utc(acc.at(-1)!) : startDate - 1;
      return [...acc, nextFireTime('rate(1 day)', HKI, prev, { startDate })!.toISOString()];
    }, []);

    expect(times).toEqual(['2026-03-27T06:00:00.000Z', '2026-03-28T06:00:00.000Z', '2026-03-29T06:00:00.000Z']);
  });

  it('stops a recurring schedule at EndDate', () => {
    const endDate = utc('2026-01-01T12:30:00Z');

    expect(iso(nextFireTime('rate(1 hour)', 'UTC', utc('2026-01-01T11:00:00Z'), { startDate: utc('2026-01-01T10:00:00Z'), endDate }))).toBe('2026-01-01T12:00:00.000Z');
    expect(nextFireTime('rate(1 hour)', 'UTC', utc('2026-01-01T12:00:00Z'), { startDate: utc('2026-01-01T10:00:00Z'), endDate })).toBeUndefined();
  });

  it.each([
    ['cron(0 8 * * * *)', 'a value in both day fields'],
    ['cron(0 8 ? * ? *)', '? in both day fields'],
    ['cron(0 8 ? * MON)', 'five fields'],
    ['cron(60 8 * * ? *)', 'minute 60'],
    ['cron(0 8 ? * 1#1,3#2 *)', 'two # expressions'],
    ['rate(0 minutes)', 'a zero rate'],
    ['rate(5 weeks)', 'an unknown unit'],
    ['at(2026-02-30T10:00:00)', 'a date that does not exist'],
    ['every monday', 'no expression at all'],
  ])('refuses %s (%s) with a ValidationException', (expression) => {
    expect(() => nextFireTime(expression, 'UTC', 0)).toThrow(SchedulerError);
    expect(() => nextFireTime(expression, 'UTC', 0)).toThrow(expect.objectContaining({ code: 'ValidationException' }));
  });

  it('refuses a time zone that is not an IANA name', () => {
    expect(() => nextFireTime('cron(0 8 * * ? *)', 'Mars/Olympus_Mons', 0)).toThrow(expect.objectContaining({ code: 'ValidationException' }));
  });
});

interface Fired {
  name: string;
  input: string | undefined;
  at: string;
}

function harness(start: string, options: { groups?: string[] } = {}) {
  const clock = new ManualClock(new Date(start));
  const fired: Fired[] = [];
  const scheduler = new LocalScheduler({
    clock,
    ...options,
    fire: async (schedule: Schedule, target: ScheduleTarget, invocation: Invocation) => {
      fired.push({ name: schedule.Name, input: target.Input, at: invocation.scheduledTime.toISOString() });
    },
  });
  /** Moves the clock in steps, ticking at each, as a real timer would wake. */
  const runUntil = async (end: string, stepMs = 15 * 60_000) => {
    while (clock.now() < utc(end)) {
      clock.advance(Math.min(stepMs, utc(end) - clock.now()));
      await scheduler.tick();
    }
  };
  return { clock, fired, scheduler, runUntil };
}

const target = { Arn: 'arn:aws:events:eu-north-1:000000000000:event-bus/verkosto', RoleArn: 'arn:aws:iam::000000000000:role/scheduler' };
const def = (over: Partial<ScheduleDefinition> & Pick<ScheduleDefinition, 'Name' | 'ScheduleExpression'>): ScheduleDefinition => ({
  FlexibleTimeWindow: { Mode: 'OFF' },
  Target: target,
  ...over,
});

describe('the local scheduler', () => {
  const closers: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of closers.splice(0).reverse()) await c();
  });

  it('fires a Helsinki cron at the right UTC instants across the spring DST switch', async () => {
    const { fired, scheduler, runUntil } = harness('2026-03-26T12:00:00Z');
    scheduler.createSchedule(def({ Name: 'daily-digest', ScheduleExpression: 'cron(0 8 * * ? *)', ScheduleExpressionTimezone: HKI }));

    await runUntil('2026-03-31T12:00:00Z');

    expect(fired.map((f) => f.at)).toEqual([
      '2026-03-27T06:00:00.000Z',
      '2026-03-28T06:00:00.000Z',
      '2026-03-29T05:00:00.000Z',
      '2026-03-30T05:00:00.000Z',
      '2026-03-31T05:00:00.000Z',
    ]);
  });

  it('fires an at() in the past once, at the next tick, and keeps it (ActionAfterCompletion NONE) without a next invocation', async () => {
    const { fired, scheduler } = harness('2026-05-01T12:00:00Z');
    scheduler.createSchedule(def({ Name: 'late', ScheduleExpression: 'at(2026-05-01T10:00:00)', ScheduleExpressionTimezone: HKI }));

    const first = await scheduler.tick();
    const second = await scheduler.tick();

    expect([first, second]).toEqual([1, 0]);
    expect(fired).toEqual([expect.objectContaining({ name: 'late', at: '2026-05-01T07:00:00.000Z' })]);
    expect(scheduler.getSchedule('late').State).toBe('ENABLED');
    expect(scheduler.nextInvocation('late')).toBeUndefined();
  });

  it('fires only the named schedules when asked, and the others at the next tick', async () => {
    const { fired, scheduler, clock } = harness('2026-05-01T12:00:00Z');
    scheduler.createSchedule(def({ Name: 'reminder', ScheduleExpression: 'at(2026-05-03T10:00:00)', ScheduleExpressionTimezone: HKI }));
    scheduler.createSchedule(def({ Name: 'hourly', ScheduleExpression: 'rate(1 hour)' }));
    clock.set(utc('2026-05-03T08:00:00Z'));

    const chosen = await scheduler.tick(clock.now(), { only: ['reminder'] });
    const reminders = fired.map((f) => f.name);
    const rest = await scheduler.tick();

    expect(chosen).toBe(1);
    expect(reminders).toEqual(['reminder']);
    expect(rest).toBeGreaterThan(40);
    expect(fired.filter((f) => f.name === 'reminder')).toHaveLength(1);
  });

  it('does not fire a DISABLED schedule, and enabling it by UpdateSchedule starts it from now', async () => {
    const { fired, scheduler, clock, runUntil } = harness('2026-01-05T00:00:00Z');
    const d = def({ Name: 'weekly', ScheduleExpression: 'cron(0 8 ? * MON *)', ScheduleExpressionTimezone: HKI, State: 'DISABLED' });
    scheduler.createSchedule(d);

    await runUntil('2026-01-13T00:00:00Z', 60 * 60_000);
    const whileDisabled = fired.length;
    scheduler.updateSchedule({ ...d, State: 'ENABLED' });
    clock.set(utc('2026-01-19T06:00:00Z'));
    await scheduler.tick();

    expect(whileDisabled).toBe(0);
    expect(fired.map((f) => f.at)).toEqual(['2026-01-19T06:00:00.000Z']);
  });

  it('starts a rate schedule without StartDate at once, ends it at EndDate and then deletes it (ActionAfterCompletion DELETE)', async () => {
    const { fired, scheduler, runUntil } = harness('2026-01-01T10:00:00Z');
    scheduler.createSchedule(def({ Name: 'hourly', ScheduleExpression: 'rate(1 hour)', EndDate: new Date('2026-01-01T12:30:00Z'), ActionAfterCompletion: 'DELETE' }));

    await runUntil('2026-01-01T14:00:00Z');

    expect(fired.map((f) => f.at)).toEqual(['2026-01-01T10:00:00.000Z', '2026-01-01T11:00:00.000Z', '2026-01-01T12:00:00.000Z']);
    expect(() => scheduler.getSchedule('hourly')).toThrow(expect.objectContaining({ code: 'ResourceNotFoundException' }));
  });

  it('fills in the context attributes of the target input and builds the PutEvents entry of an event-bus target', async () => {
    const seen: Array<{ schedule: Schedule; target: ScheduleTarget }> = [];
    const s = new LocalScheduler({ clock: new ManualClock(utc('2026-01-01T07:00:00Z')), fire: async (schedule, t) => void seen.push({ schedule, target: t }) });
    closers.push(() => s.close());
    s.createSchedule(
      def({
        Name: 'digest-kemi',
        ScheduleExpression: 'at(2026-01-01T09:00:00)',
        ScheduleExpressionTimezone: HKI,
        Target: { ...target, Input: '{"network":"kemi","at":"<aws.scheduler.scheduled-time>","by":"<aws.scheduler.schedule-arn>"}', EventBridgeParameters: { DetailType: 'Digest.Requested', Source: 'verkosto' } },
      }),
    );

    await s.tick();
    const entry = toPutEventsEntry(seen[0]!.schedule, seen[0]!.target);

    expect(JSON.parse(seen[0]!.target.Input!)).toEqual({ network: 'kemi', at: '2026-01-01T07:00:00Z', by: 'arn:aws:scheduler:eu-north-1:000000000000:schedule/default/digest-kemi' });
    expect(entry).toEqual({
      EventBusName: target.Arn,
      Source: 'verkosto',
      DetailType: 'Digest.Requested',
      Detail: seen[0]!.target.Input,
      Resources: ['arn:aws:scheduler:eu-north-1:000000000000:schedule/default/digest-kemi'],
    });
  });

  it('keeps a failing target’s invocation for inspection and carries on with the schedule', async () => {
    const clock = new ManualClock(utc('2026-01-01T00:00:00Z'));
    const s = new LocalScheduler({ clock, fire: async () => Promise.reject(new Error('bus down')) });
    closers.push(() => s.close());
    s.createSchedule(def({ Name: 'hourly', ScheduleExpression: 'rate(1 hour)' }));

    await s.tick();

    expect(s.failures).toEqual([expect.objectContaining({ error: 'bus down', scheduledTime: new Date('2026-01-01T00:00:00Z') })]);
    expect(iso(s.nextInvocation('hourly'))).toBe('2026-01-01T01:00:00.000Z');
  });

  it('arms one real timer when no clock is injected, so a due schedule fires by itself', async () => {
    let fired!: (name: string) => void;
    const firedName = new Promise<string>((r) => (fired = r));
    const s = new LocalScheduler({ fire: async (schedule) => fired(schedule.Name) });
    closers.push(() => s.close());

    s.createSchedule(def({ Name: 'now', ScheduleExpression: 'at(2020-01-01T00:00:00)' }));

    await expect(firedName).resolves.toBe('now');
  });

  it('refuses a schedule in a group that does not exist', () => {
    const { scheduler } = harness('2026-01-01T00:00:00Z');

    expect(() => scheduler.createSchedule(def({ Name: 'x', GroupName: 'verkosto', ScheduleExpression: 'rate(1 day)' }))).toThrow(
      expect.objectContaining({ code: 'ResourceNotFoundException' }),
    );
  });
});

describe('the local scheduler server (REST-JSON) with the real SchedulerClient', () => {
  const closers: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of closers.splice(0).reverse()) await c();
  });

  async function serve(start: string) {
    const h = harness(start);
    const server = await startSchedulerServer(h.scheduler, 0);
    closers.push(() => server.close(), () => h.scheduler.close());
    const client = new SchedulerClient({ region: 'eu-north-1', endpoint: server.url, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    return { ...h, client };
  }

  const create = (over: Partial<CreateScheduleCommandInput> & Pick<CreateScheduleCommandInput, 'Name' | 'ScheduleExpression'>): CreateScheduleCommandInput => ({
    FlexibleTimeWindow: { Mode: 'OFF' },
    Target: { ...target, Input: '{"n":1}', EventBridgeParameters: { DetailType: 'Meeting.ReminderDue', Source: 'verkosto' } },
    ScheduleExpressionTimezone: HKI,
    ...over,
  });

  it('fires an at() schedule created through the client once, and with ActionAfterCompletion DELETE it is gone', async () => {
    const { client, fired, runUntil } = await serve('2026-06-01T06:00:00Z');

    const { ScheduleArn } = await client.send(new CreateScheduleCommand(create({ Name: 'reminder-m1', ScheduleExpression: 'at(2026-06-01T10:00:00)', ActionAfterCompletion: 'DELETE' })));
    const before = await client.send(new GetScheduleCommand({ Name: 'reminder-m1' }));
    await runUntil('2026-06-01T09:00:00Z');
    const after = await client.send(new GetScheduleCommand({ Name: 'reminder-m1' })).catch((e: unknown) => e as Error & { $metadata?: { httpStatusCode?: number } });

    expect(ScheduleArn).toBe('arn:aws:scheduler:eu-north-1:000000000000:schedule/default/reminder-m1');
    expect(before).toMatchObject({ Name: 'reminder-m1', GroupName: 'default', State: 'ENABLED', ActionAfterCompletion: 'DELETE', ScheduleExpressionTimezone: HKI });
    expect(before.CreationDate).toEqual(new Date('2026-06-01T06:00:00Z'));
    expect(fired).toEqual([{ name: 'reminder-m1', input: '{"n":1}', at: '2026-06-01T07:00:00.000Z' }]);
    expect(after).toMatchObject({ name: 'ResourceNotFoundException' });
    expect(after.$metadata?.httpStatusCode).toBe(404);
  });

  it('never fires a schedule deleted before it is due', async () => {
    const { client, fired, runUntil } = await serve('2026-06-01T06:00:00Z');
    await client.send(new CreateScheduleCommand(create({ Name: 'reminder-m2', ScheduleExpression: 'at(2026-06-01T10:00:00)' })));

    await client.send(new DeleteScheduleCommand({ Name: 'reminder-m2' }));
    await runUntil('2026-06-02T00:00:00Z');
    const again = await client.send(new DeleteScheduleCommand({ Name: 'reminder-m2' })).catch((e: unknown) => e as Error);

    expect(fired).toEqual([]);
    expect(again).toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('moves the time with UpdateSchedule: nothing at the old time, one invocation at the new', async () => {
    const { client, fired, runUntil } = await serve('2026-06-01T06:00:00Z');
    const input = create({ Name: 'reminder-m3', ScheduleExpression: 'at(2026-06-01T10:00:00)' });
    await client.send(new CreateScheduleCommand(input));

    await client.send(new UpdateScheduleCommand({ ...input, ScheduleExpression: 'at(2026-06-01T12:00:00)' }));
    await runUntil('2026-06-01T08:30:00Z');
    const atOldTime = fired.length;
    await runUntil('2026-06-01T12:00:00Z');
    const got = await client.send(new GetScheduleCommand({ Name: 'reminder-m3' }));

    expect(atOldTime).toBe(0);
    expect(fired.map((f) => f.at)).toEqual(['2026-06-01T09:00:00.000Z']);
    expect(got.ScheduleExpression).toBe('at(2026-06-01T12:00:00)');
    expect(got.CreationDate).toEqual(new Date('2026-06-01T06:00:00Z'));
  });

  it('answers a second CreateSchedule of the same name with ConflictException (409) and a bad expression with ValidationException (400)', async () => {
    const { client } = await serve('2026-06-01T06:00:00Z');
    await client.send(new CreateScheduleCommand(create({ Name: 'digest', ScheduleExpression: 'cron(0 8 ? * MON *)' })));

    const conflict = await client.send(new CreateScheduleCommand(create({ Name: 'digest', ScheduleExpression: 'cron(0 8 ? * MON *)' }))).catch((e: unknown) => e as Error & { $metadata?: { httpStatusCode?: number } });
    const invalid = await client.send(new CreateScheduleCommand(create({ Name: 'bad', ScheduleExpression: 'cron(0 8 * * * *)' }))).catch((e: unknown) => e as Error & { $metadata?: { httpStatusCode?: number } });

    expect(conflict).toMatchObject({ name: 'ConflictException', $metadata: { httpStatusCode: 409 } });
    expect(invalid).toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
  });

  it('keeps StartDate and EndDate as timestamps over the wire', async () => {
    const { client, scheduler } = await serve('2026-06-01T06:00:00Z');

    await client.send(
      new CreateScheduleCommand(create({ Name: 'weekly', ScheduleExpression: 'cron(0 8 ? * MON *)', StartDate: new Date('2026-06-10T00:00:00Z'), EndDate: new Date('2026-12-31T00:00:00Z') })),
    );
    const got = await client.send(new GetScheduleCommand({ Name: 'weekly' }));

    expect(got.StartDate).toEqual(new Date('2026-06-10T00:00:00Z'));
    expect(got.EndDate).toEqual(new Date('2026-12-31T00:00:00Z'));
    expect(iso(scheduler.nextInvocation('weekly'))).toBe('2026-06-15T05:00:00.000Z');
  });

  it('refuses to start on a port that is taken, naming VERKOSTO_SCHEDULER_PORT', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    closers.push(() => new Promise<void>((r) => blocker.close(() => r())));
    const port = (blocker.address() as { port: number }).port;
    const { scheduler } = harness('2026-01-01T00:00:00Z');

    await expect(startSchedulerServer(scheduler, port)).rejects.toThrow(`port ${port} is in use; set VERKOSTO_SCHEDULER_PORT to another port`);
  });
});
