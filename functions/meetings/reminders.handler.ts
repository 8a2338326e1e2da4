import { CreateScheduleCommand, DeleteScheduleCommand, ResourceNotFoundException, SchedulerClient, UpdateScheduleCommand } from '@aws-sdk/client-scheduler';
import { z } from 'zod';
import { clock } from '../listings/runtime.js';
import { eventHandler } from '../shared/consumer.js';
import { ENV, parseEnv } from '../shared/env.js';
import { logger } from '../shared/powertools.js';
import { reminderAt } from './meetings.js';
import { meetingStore } from './runtime.js';

const env = parseEnv({ [ENV.eventBusArn]: z.string().min(1), [ENV.schedulerRoleArn]: z.string().min(1) });
const scheduler = new SchedulerClient({});
const store = meetingStore();

const nameOf = (meetingId: string) => `meeting-reminder-${meetingId}`.slice(0, 64);
/** EventBridge Scheduler's at(): local time without offset, in the schedule's time zone (we use UTC). */
const at = (d: Date) => `at(${d.toISOString().slice(0, 19)})`;

/**
 * One one-time EventBridge Scheduler schedule per meeting puts
 * Meeting.ReminderDue on the bus a day before: created when the meeting is
 * scheduled, moved when it changes, deleted when it is cancelled.
 */
export const handler = eventHandler(['Meeting.Scheduled', 'Meeting.Updated', 'Meeting.Cancelled'], async (d, meta) => {
  const m = await store.get(d.meetingId);
  if (!m) throw new Error(`Meeting ${d.meetingId} not found`);
  const Name = nameOf(m.id);
  if (meta.type === 'Meeting.Cancelled' || m.status === 'cancelled') {
    await scheduler.send(new DeleteScheduleCommand({ Name })).catch((err: unknown) => {
      if (!(err instanceof ResourceNotFoundException)) throw err;
    });
    logger.info('Reminder deleted', { meetingId: m.id });
    return;
  }
  const when = reminderAt(m, clock.now());
  if (!when) return;
  const definition = {
    Name,
    ScheduleExpression: at(when),
    ScheduleExpressionTimezone: 'UTC',
    FlexibleTimeWindow: { Mode: 'OFF' as const },
    ActionAfterCompletion: 'DELETE' as const,
    Target: {
      Arn: env[ENV.eventBusArn],
      RoleArn: env[ENV.schedulerRoleArn],
      Input: JSON.stringify({ version: 1, meetingId: m.id, sequence: m.sequence }),
      EventBridgeParameters: { DetailType: 'Meeting.ReminderDue', Source: 'verkosto' },
    },
  };
  // Create, or move the existing one: whichever exists decides, so a redelivery is harmless.
  try {
    await scheduler.send(new UpdateScheduleCommand(definition));
  } catch (err) {
    if (!(err instanceof ResourceNotFoundException)) throw err;
    await scheduler.send(new CreateScheduleCommand(definition));
  }
  logger.info('Reminder scheduled', { meetingId: m.id, at: when.toISOString() });
});
