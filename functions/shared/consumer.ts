import middy from '@middy/core';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import { parseDetail, type EventDetail, type EventType } from './events.js';
import { logger, powertools } from './powertools.js';

export interface EventMeta<T extends EventType> {
  /** EventBridge event id: the same across redeliveries, so it keys idempotency. */
  id: string;
  type: T;
  time: string;
}

/**
 * The one event consumer shape: the detail is parsed with the catalog schema
 * of its detail-type; any error is rethrown so Lambda's async retries and the
 * DLQ (or the local bus's retries and dead letters) keep the event.
 */
export function eventHandler<T extends EventType>(types: readonly T[], fn: (detail: EventDetail<T>, meta: EventMeta<T>) => Promise<void>) {
  return middy<EventBridgeEvent<string, unknown>, void, Error, Context>()
    .use(powertools())
    .handler(async (event) => {
      const type = event['detail-type'] as T;
      if (!types.includes(type)) throw new Error(`Unexpected detail-type ${event['detail-type']}`);
      const detail = parseDetail(type, event.detail);
      logger.appendKeys({ eventId: event.id, detailType: type });
      await fn(detail, { id: event.id, type, time: event.time });
    });
}
