import middy from '@middy/core';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import * as z from '../shared/zod.js';
import { clock, publisher } from '../listings/runtime.js';
import { powertools } from '../shared/powertools.js';
import { loadTokens } from '../shared/token-keys.js';
import { subscriptionStore } from './runtime.js';
import { subscriberId } from './store.js';
import { endSubscription } from './subscriptions.js';

const events = publisher();
const deps = { store: subscriptionStore(), tokens: await loadTokens(), publisher: events, clock };

/** The SES event (configuration set → EventBridge) shape we read: only what decides suppression. */
const sesEvent = z.object({
  eventType: z.string(),
  bounce: z.optional(z.object({ bounceType: z.string(), bouncedRecipients: z.array(z.object({ emailAddress: z.string() })) })),
  complaint: z.optional(z.object({ complainedRecipients: z.array(z.object({ emailAddress: z.string() })) })),
});

/**
 * A hard bounce or a complaint stops all mail to the address at once: the
 * subscription is erased and a suppression (a hash, no address) remains.
 * Soft bounces are only recorded.
 */
export const handler = middy<EventBridgeEvent<string, unknown>, void, Error, Context>()
  .use(powertools())
  .handler(async (event) => {
    const d = sesEvent.parse(event.detail);
    if (d.eventType === 'Bounce' && d.bounce) {
      for (const r of d.bounce.bouncedRecipients) {
        const id = subscriberId(r.emailAddress);
        await events.publish('Email.Bounced', { version: 1, subscriberId: id, bounceType: d.bounce.bounceType });
        if (d.bounce.bounceType === 'Permanent') await endSubscription(id, 'bounce', deps);
      }
    } else if (d.eventType === 'Complaint' && d.complaint) {
      for (const r of d.complaint.complainedRecipients) {
        const id = subscriberId(r.emailAddress);
        await events.publish('Email.Complained', { version: 1, subscriberId: id });
        await endSubscription(id, 'complaint', deps);
      }
    }
  });
