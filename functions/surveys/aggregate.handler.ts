import { onceStore } from '../listings/runtime.js';
import { eventHandler } from '../shared/consumer.js';
import { once } from '../shared/once.js';
import { logger } from '../shared/powertools.js';
import { surveyStore } from './runtime.js';
import { aggregate } from './surveys.js';

const store = surveyStore();
const onceDone = onceStore();

/** Keeps the running counts; a redelivered response is added once (claimed by its id). */
export const handler = eventHandler(['Survey.ResponseSubmitted'], async (d) => {
  const s = await store.get(d.surveyId);
  if (!s) throw new Error(`Survey ${d.surveyId} not found`);
  const result = await once(onceDone, `agg#${d.surveyId}#${d.responseId}`, () => aggregate(s, d.responseId, store));
  logger.info('Survey response aggregated', { surveyId: d.surveyId, result });
});
