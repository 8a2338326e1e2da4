import { z } from 'zod';
import { listingSnapshot } from '../listings/schema.js';

/**
 * The event catalog: every event on the bus, its version and its schema.
 * Producers validate before PutEvents, consumers parse on receipt, the local
 * bus and the tests build fixtures from the same schemas, and
 * `docs/events.md` is rendered from this module.
 *
 * Source is always `verkosto`; detail-type is `<Entity>.<PastTense>`.
 * Every detail carries `version`; a breaking change adds a new version and
 * consumers accept both until producers have moved.
 */
export const EVENT_SOURCE = 'verkosto';

const base = z.object({ version: z.literal(1) });

export const catalog = {
  'Listing.Submitted': {
    version: 1,
    description: 'An organisation submitted a new listing; it waits for moderation.',
    producer: 'SubmitListing',
    schema: base.extend({ listing: listingSnapshot }),
  },
} as const;

export type EventType = keyof typeof catalog;
export type EventDetail<T extends EventType> = z.infer<(typeof catalog)[T]['schema']>;
export const eventTypes = Object.keys(catalog) as EventType[];

export function isEventType(value: string): value is EventType {
  return Object.hasOwn(catalog, value);
}

/** Parses an event detail against its catalog schema; throws with the type named. */
export function parseDetail<T extends EventType>(type: T, detail: unknown): EventDetail<T> {
  const result = catalog[type].schema.safeParse(detail);
  if (!result.success) {
    throw new Error(`Event ${type} does not match catalog v${catalog[type].version}: ${result.error.issues.map((i) => i.path.join('.') + ' ' + i.message).join('; ')}`);
  }
  return result.data as EventDetail<T>;
}
