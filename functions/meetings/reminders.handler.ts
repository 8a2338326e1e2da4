import { clock } from '../listings/runtime.js';
import { eventHandler } from '../shared/consumer.js';
import { OneTimeSchedules } from '../shared/one-time-schedules.js';
import { logger } from '../shared/powertools.js';
import { reminderAt } from './meetings.js';
import { meetingStore } from './runtime.js';

const schedules = new OneTimeSchedules();
const store = meetingStore();

/**
 * One one-time schedule per meeting puts Meeting.ReminderDue on the bus a
 * day before: created when the meeting is scheduled, moved when it changes,
 * deleted when it is cancelled.
 */
export const handler = eventHandler(['Meeting.Scheduled', 'Meeting.Updated', 'Meeting.Cancelled'], async (d, meta) => {
  const m = await store.get(d.meetingId);
  if (!m) throw new Error(`Meeting ${d.meetingId} not found`);
  const name = `meeting-reminder-${m.id}`;
  if (meta.type === 'Meeting.Cancelled' || m.status === 'cancelled') {
    await schedules.delete(name);
    logger.info('Reminder deleted', { meetingId: m.id });
    return;
  }
  const when = reminderAt(m, clock.now());
  if (!when) return;
  await schedules.put(name, when, 'Meeting.ReminderDue', { version: 1, meetingId: m.id, sequence: m.sequence });
  logger.info('Reminder scheduled', { meetingId: m.id, at: when.toISOString() });
});
