import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalEventBus, type EventBridgeEvent } from '../../local/bus/bus.js';
import { startBusServer } from '../../local/bus/server.js';

const entry = (type: string, detail: object = { n: 1 }) => ({ Source: 'verkosto', DetailType: type, Detail: JSON.stringify(detail) });

describe('the local event bus', () => {
  let bus: LocalEventBus;
  afterEach(() => bus?.close());

  it('delivers asynchronously, and only to rules whose pattern matches', async () => {
    bus = new LocalEventBus({ name: 'test', baseDelayMs: 1 });
    const a: EventBridgeEvent[] = [];
    const b: EventBridgeEvent[] = [];
    bus.addRule({ id: 'A', pattern: { 'detail-type': ['Listing.Submitted'] }, target: async (e) => void a.push(e) });
    bus.addRule({ id: 'B', pattern: { 'detail-type': ['Meeting.Scheduled'] }, target: async (e) => void b.push(e) });

    const out = bus.putEvents([entry('Listing.Submitted')]);
    const deliveredDuringPut = a.length;
    await bus.idle();

    expect(out.FailedEntryCount).toBe(0);
    expect(deliveredDuringPut).toBe(0);
    expect(a.map((e) => e['detail-type'])).toEqual(['Listing.Submitted']);
    expect(a[0]!.detail).toEqual({ n: 1 });
    expect(b).toHaveLength(0);
  });

  it('retries a failing target until it succeeds, delivering once after success', async () => {
    bus = new LocalEventBus({ name: 'test', baseDelayMs: 1, maxAttempts: 4 });
    let calls = 0;
    const done: string[] = [];
    bus.addRule({
      id: 'Flaky',
      pattern: { source: ['verkosto'] },
      target: async (e) => {
        calls++;
        if (calls < 3) throw new Error('table unavailable');
        done.push(e.id);
      },
    });

    bus.putEvents([entry('X')]);
    await bus.idle();

    expect(calls).toBe(3);
    expect(done).toHaveLength(1);
    expect(bus.deadLetters()).toHaveLength(0);
    expect(bus.counters.retried).toBe(2);
  });

  it('keeps an event that keeps failing as a dead letter, and redrive delivers it', async () => {
    bus = new LocalEventBus({ name: 'test', baseDelayMs: 1, maxAttempts: 2 });
    let healthy = false;
    const done: string[] = [];
    bus.addRule({
      id: 'Broken',
      pattern: { source: ['verkosto'] },
      target: async (e) => {
        if (!healthy) throw new Error('bug');
        done.push(e.id);
      },
    });

    bus.putEvents([entry('X')]);
    await bus.idle();
    const letters = [...bus.deadLetters()];
    healthy = true;
    const result = await bus.redrive();

    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ ruleId: 'Broken', error: 'bug', attempts: 2 });
    expect(result).toEqual({ redriven: 1, failed: 0 });
    expect(done).toEqual([letters[0]!.event.id]);
    expect(bus.deadLetters()).toHaveLength(0);
  });

  it('gives each bad entry its own error code and counts the failures', () => {
    bus = new LocalEventBus({ name: 'test' });
    const out = bus.putEvents([entry('Good'), { Source: 'verkosto', DetailType: 'Bad', Detail: '[1,2]' }, { DetailType: 'NoSource', Detail: '{}' }]);
    expect(out.FailedEntryCount).toBe(2);
    expect(out.Entries[0]).toHaveProperty('EventId');
    expect(out.Entries[1]).toMatchObject({ ErrorCode: 'MalformedDetail' });
    expect(out.Entries[2]).toMatchObject({ ErrorCode: 'MalformedDetail' });
  });

  it('accepts PutEvents from the real AWS SDK client over HTTP', async () => {
    bus = new LocalEventBus({ name: 'verkosto', baseDelayMs: 1 });
    const got: EventBridgeEvent[] = [];
    bus.addRule({ id: 'All', pattern: { source: ['verkosto'], detail: { network: [{ prefix: 'kemi' }] } }, target: async (e) => void got.push(e) });
    const server = await startBusServer(bus, 0);
    try {
      const client = new EventBridgeClient({ endpoint: server.url, region: 'eu-north-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });

      const out = await client.send(new PutEventsCommand({ Entries: [{ ...entry('Listing.Submitted', { network: 'kemi-perhekeskus' }), EventBusName: 'verkosto' }] }));
      await bus.idle();

      expect(out.FailedEntryCount).toBe(0);
      expect(got).toHaveLength(1);
      expect(got[0]!.detail).toEqual({ network: 'kemi-perhekeskus' });
    } finally {
      await server.close();
    }
  });

  it('refuses an event for another bus', () => {
    bus = new LocalEventBus({ name: 'verkosto' });
    const out = bus.putEvents([{ ...entry('X'), EventBusName: 'somebody-elses-bus' }]);
    expect(out.Entries[0]).toMatchObject({ ErrorCode: 'ResourceNotFoundException' });
  });
});
