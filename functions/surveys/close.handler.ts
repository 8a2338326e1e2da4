import { clock, publisher } from '../listings/runtime.js';
import { eventHandler } from '../shared/consumer.js';
import { OneTimeSchedules } from '../shared/one-time-schedules.js';
import { logger } from '../shared/powertools.js';
import { surveyStore } from './runtime.js';

const schedules = new OneTimeSchedules();
const store = surveyStore();
const events = publisher();

/**
 * Closing at the close time: Survey.Opened sets a one-time schedule at
 * closesAt, which puts Survey.CloseDue on the bus; that closes the survey
 * (if still open) and announces Survey.Closed. Closing by hand removes it.
 */
export const handler = eventHandler(['Survey.Opened', 'Survey.CloseDue', 'Survey.Closed'], async (d, meta) => {
  const name = `survey-close-${d.surveyId}`;
  if (meta.type === 'Survey.Closed') return schedules.delete(name);
  const s = await store.get(d.surveyId);
  if (!s) throw new Error(`Survey ${d.surveyId} not found`);
  if (meta.type === 'Survey.Opened') {
    await schedules.put(name, new Date(s.closesAt), 'Survey.CloseDue', { version: 1, surveyId: s.id });
    return;
  }
  const at = clock.now().toISOString();
  if (await store.setStatus(s.id, ['open'], 'closed', { closedAt: at })) {
    await events.publish('Survey.Closed', { version: 1, surveyId: s.id, network: s.network });
    logger.info('Survey closed at its close time', { surveyId: s.id });
  }
});
