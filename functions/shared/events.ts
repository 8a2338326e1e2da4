import * as z from './zod.js';
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

/**
 * The parts every entry's schema is built from, built with the first entry
 * a function uses: a function that publishes or consumes nothing on a
 * request never builds them (they were ~0.5 ms of every cold start).
 */
function kept<T>(build: () => T): () => T {
  let built: T | undefined;
  return () => (built ??= build());
}

const base = /* @__PURE__ */ kept(() => z.object({ version: z.literal(1) }));

/**
 * An id, a date or a code: never whitespace or an address. The fields of
 * archived events are refs, so no producer can put a name or an email
 * address into the archive (producers validate before PutEvents).
 */
const ref = /* @__PURE__ */ kept(() => z.string().check(z.minLength(1), z.regex(/^[^\s@]+$/, 'an id, a date or a code (no spaces, no @)')));

/**
 * Carried by every event a coordinator causes; the audit recorder stores it
 * (rule: `detail.audit.actor` exists), so the trail is complete by design.
 */
export const auditStamp = /* @__PURE__ */ kept(() =>
  z.object({
    actor: z.email(),
    network: z.string().check(z.minLength(1)),
    target: z.object({ kind: z.enum(['listing', 'coordinator', 'meeting', 'survey', 'digest', 'subscription']), id: z.string().check(z.minLength(1)) }),
    at: z.iso.datetime(),
  }),
);
export type AuditStamp = z.infer<ReturnType<typeof auditStamp>>;

/**
 * An entry's schema, built on its first use and then kept on the entry: a
 * function publishes or consumes one or two event types, and building all
 * of them cost every cold start that bundles the catalog ~8 ms (issue 16).
 */
function once<T>(entry: object, build: () => T): T {
  const schema = build();
  Object.defineProperty(entry, 'schema', { value: schema, enumerable: true });
  return schema;
}

export const catalog = {
  'Listing.Submitted': {
    version: 1,
    personalData: "the listing: its contact person's name, email and phone, and free text",
    description: 'An organisation submitted a new listing; it waits for moderation.',
    producer: 'SubmitListing',
    get schema() { return once(this, () => z.extend(base(), { listing: listingSnapshot })); },
  },
  'Listing.Approved': {
    version: 1,
    personalData: 'the audit stamp names the coordinator by email',
    description: 'A coordinator approved the newest revision of a listing; it is published.',
    producer: 'ModerateListings',
    get schema() { return once(this, () => z.extend(base(), { listingId: z.string(), network: z.string(), revision: z.number().check(z.int(), z.gte(1)), audit: auditStamp() })); },
  },
  'Listing.Rejected': {
    version: 1,
    personalData: 'the audit stamp names the coordinator by email; the reason is free text',
    description: 'A coordinator rejected the newest revision of a listing, with a reason mailed to the submitter.',
    producer: 'ModerateListings',
    get schema() { return once(this, () => z.extend(base(), { listingId: z.string(), network: z.string(), revision: z.number().check(z.int(), z.gte(1)), reason: z.string().check(z.minLength(1), z.maxLength(2000)), audit: auditStamp() })); },
  },
  'Listing.Updated': {
    version: 1,
    personalData: "the listing: its contact person's name, email and phone, and free text",
    description: 'The submitter edited a listing. Changes of what it is, who it is for, where or when wait for moderation (publishNow false); contact, cost, registration, accessibility and validity apply at once.',
    producer: 'EditListing',
    get schema() { return once(this, () => z.extend(base(), { listing: listingSnapshot, publishNow: z.boolean() })); },
  },
  'Listing.Withdrawn': {
    version: 1,
    description: 'The submitter withdrew a listing; it leaves the directory at once.',
    producer: 'EditListing',
    get schema() { return once(this, () => z.extend(base(), { listingId: ref(), network: ref(), at: z.iso.datetime() })); },
  },
  'Listing.Expired': {
    version: 1,
    description: 'A published listing passed its last day (its valid-until, or the end of its dates) and left the directory.',
    producer: 'ExpireListings',
    get schema() { return once(this, () => z.extend(base(), { listingId: ref(), network: ref(), lastDay: ref() })); },
  },
  'Listing.Extended': {
    version: 1,
    description: 'The submitter confirmed by the one-click link that a listing is still valid.',
    producer: 'EditListing',
    get schema() { return once(this, () => z.extend(base(), { listingId: ref(), network: ref(), from: z.optional(ref()), to: ref() })); },
  },
  'Listing.EditLinkRevoked': {
    version: 1,
    personalData: 'the audit stamp names the coordinator by email',
    description: "A coordinator revoked a listing's edit links (say, a forwarded receipt); the submitter is mailed a new one.",
    producer: 'ModerateListings',
    get schema() { return once(this, () => z.extend(base(), { listingId: z.string(), network: z.string(), editVersion: z.number().check(z.int(), z.gte(2)), audit: auditStamp() })); },
  },
  'Subscription.Requested': {
    version: 1,
    description: 'Someone asked to join mailing lists; a confirmation link was mailed (double opt-in). No address in the event.',
    producer: 'RequestSubscription',
    get schema() { return once(this, () => z.extend(base(), { requestId: ref(), networks: z.array(ref()), resent: z.boolean() })); },
  },
  'Subscription.Confirmed': {
    version: 1,
    description: 'A subscription was confirmed from the emailed link.',
    producer: 'SubscriptionLinks',
    get schema() { return once(this, () => z.extend(base(), { subscriberId: ref(), networks: z.array(ref()) })); },
  },
  'Subscription.Changed': {
    version: 1,
    description: 'A subscriber changed what, how often or in which language they receive.',
    producer: 'SubscriptionLinks',
    get schema() { return once(this, () => z.extend(base(), { subscriberId: ref(), networks: z.array(ref()) })); },
  },
  'Subscription.Ended': {
    version: 1,
    description: 'A subscriber left (unsubscribe, hard bounce or complaint); their address was erased.',
    producer: 'SubscriptionLinks, SuppressBouncedAddresses',
    get schema() { return once(this, () => z.extend(base(), { subscriberId: ref(), reason: z.enum(['unsubscribed', 'bounce', 'complaint']) })); },
  },
  'Email.Bounced': {
    version: 1,
    description: 'SES reported a bounce for an address (hashed); a permanent bounce stops all mail to it.',
    producer: 'SuppressBouncedAddresses',
    get schema() { return once(this, () => z.extend(base(), { subscriberId: ref(), bounceType: ref() })); },
  },
  'Email.Complained': {
    version: 1,
    description: 'SES reported a spam complaint for an address (hashed); all mail to it stops.',
    producer: 'SuppressBouncedAddresses',
    get schema() { return once(this, () => z.extend(base(), { subscriberId: ref() })); },
  },
  'Digest.Requested': {
    version: 1,
    personalData: "a coordinator's request carries the audit stamp, which names them by email",
    description: "A network's digest is due (its schedule) or a coordinator asked to send it now.",
    producer: 'DigestClock (every minute, for the networks due), ManageDigests',
    get schema() { return once(this, () => z.extend(base(), { network: z.string(), trigger: z.enum(['schedule', 'coordinator']), audit: z.optional(auditStamp()) })); },
  },
  'Digest.Sent': {
    version: 1,
    description: 'Every recipient batch of a digest has been handled; the figures of the send.',
    producer: 'SendDigestBatch',
    get schema() { return once(this, () => z.extend(base(), {
      network: ref(),
      digestId: ref(),
      recipients: z.number().check(z.int()),
      sent: z.number().check(z.int()),
      skipped: z.number().check(z.int()),
      failed: z.number().check(z.int()),
      durationMs: z.number().check(z.int()),
    })); },
  },
  'Meeting.Scheduled': {
    version: 1,
    personalData: 'the audit stamp names the coordinator by email',
    description: 'A coordinator scheduled a network meeting (one of a series or alone).',
    producer: 'ManageMeetings',
    get schema() { return once(this, () => z.extend(base(), { meetingId: z.string(), network: z.string(), seriesId: z.string(), audit: auditStamp() })); },
  },
  'Meeting.Updated': {
    version: 1,
    personalData: 'the audit stamp names the coordinator by email',
    description: 'A meeting changed; attendees get an updated invite (same UID, SEQUENCE raised).',
    producer: 'ManageMeetings',
    get schema() { return once(this, () => z.extend(base(), { meetingId: z.string(), network: z.string(), sequence: z.number().check(z.int()), audit: auditStamp() })); },
  },
  'Meeting.Cancelled': {
    version: 1,
    personalData: 'the audit stamp names the coordinator by email; the reason is free text',
    description: 'A meeting was cancelled; attendees get METHOD:CANCEL and the reminder is deleted.',
    producer: 'ManageMeetings',
    get schema() { return once(this, () => z.extend(base(), { meetingId: z.string(), network: z.string(), sequence: z.number().check(z.int()), reason: z.optional(z.string()), audit: auditStamp() })); },
  },
  'Meeting.ReminderDue': {
    version: 1,
    description: "A meeting's one-time reminder schedule fired.",
    producer: 'EventBridge Scheduler (one schedule per meeting)',
    get schema() { return once(this, () => z.extend(base(), { meetingId: ref(), sequence: z.number().check(z.int()) })); },
  },
  'Rsvp.Submitted': {
    version: 1,
    description: 'Someone answered a meeting: a seat (confirmed) or a place on the waitlist. Seats found free as the answer joined the waitlist went to those first in line (promotedRsvpIds).',
    producer: 'MeetingsPublic',
    get schema() { return once(this, () => z.extend(base(), { meetingId: ref(), network: ref(), rsvpId: ref(), status: z.enum(['confirmed', 'waitlisted']), promotedRsvpIds: z.optional(z.array(ref())) })); },
  },
  'Rsvp.Cancelled': {
    version: 1,
    description: 'An answer was cancelled by its link (the canceller is mailed a METHOD:CANCEL confirmation); free seats went to those first on the waitlist (promotedRsvpIds; promotedRsvpId is the first, kept for older consumers).',
    producer: 'MeetingsPublic',
    get schema() { return once(this, () => z.extend(base(), { meetingId: ref(), network: ref(), rsvpId: ref(), promotedRsvpId: z.optional(ref()), promotedRsvpIds: z.optional(z.array(ref())) })); },
  },
  'PresentationSlots.Opened': {
    version: 1,
    personalData: 'the audit stamp names the coordinator by email',
    description: 'A coordinator opened presentation turns (slots) on a coming meeting, for member organisations to claim.',
    producer: 'ManageMeetings',
    get schema() { return once(this, () => z.extend(base(), { meetingId: z.string(), network: z.string(), slotIds: z.array(z.string()).check(z.minLength(1)), minutes: z.optional(z.number().check(z.int())), audit: auditStamp() })); },
  },
  'PresentationSlot.Claimed': {
    version: 1,
    description: 'Someone claimed a free presentation turn from the meeting page; it is held for them until they follow the emailed link (or the hold runs out). Ids only: who claimed it is in the claim item, not the event.',
    producer: 'MeetingsPublic',
    get schema() { return once(this, () => z.extend(base(), { meetingId: ref(), network: ref(), slotId: ref(), claimId: ref() })); },
  },
  'PresentationSlot.Confirmed': {
    version: 1,
    description: 'A claim of a presentation turn was confirmed by its emailed link; the organisation and topic now show on the meeting page, in mails and in the digest.',
    producer: 'MeetingsPublic',
    get schema() { return once(this, () => z.extend(base(), { meetingId: ref(), network: ref(), slotId: ref(), claimId: ref() })); },
  },
  'PresentationSlot.Released': {
    version: 1,
    personalData: 'the audit stamp names the coordinator by email',
    description: 'A coordinator released a claimed (or held) presentation turn; it is free again and the claimant is mailed.',
    producer: 'ManageMeetings',
    get schema() { return once(this, () => z.extend(base(), { meetingId: z.string(), network: z.string(), slotId: z.string(), claimId: z.string(), audit: auditStamp() })); },
  },
  'PresentationSlot.Closed': {
    version: 1,
    personalData: 'the audit stamp names the coordinator by email',
    description: 'A coordinator closed an unclaimed presentation turn; it no longer shows.',
    producer: 'ManageMeetings',
    get schema() { return once(this, () => z.extend(base(), { meetingId: z.string(), network: z.string(), slotId: z.string(), audit: auditStamp() })); },
  },
  'Survey.Opened': {
    version: 1,
    personalData: 'the audit stamp names the coordinator by email',
    description: 'A coordinator opened a survey; subscribers who chose surveys get a personal link, or it goes into the next digest.',
    producer: 'ManageSurveys',
    get schema() { return once(this, () => z.extend(base(), { surveyId: z.string(), network: z.string(), invite: z.enum(['email', 'digest']), audit: auditStamp() })); },
  },
  'Survey.ResponseSubmitted': {
    version: 1,
    description: 'A response was stored (once per person); the aggregates add it once.',
    producer: 'SurveysPublic',
    get schema() { return once(this, () => z.extend(base(), { surveyId: ref(), network: ref(), responseId: ref() })); },
  },
  'Survey.CloseDue': {
    version: 1,
    description: "A survey's one-time close schedule fired at its closing time.",
    producer: 'EventBridge Scheduler (one schedule per open survey)',
    get schema() { return once(this, () => z.extend(base(), { surveyId: ref() })); },
  },
  'Survey.Closed': {
    version: 1,
    personalData: "a coordinator's close carries the audit stamp, which names them by email",
    description: 'A survey closed, by hand (with the coordinator in the audit stamp) or at its closing time; its results summary goes into the next digest.',
    producer: 'ManageSurveys, CloseSurveys',
    get schema() { return once(this, () => z.extend(base(), { surveyId: z.string(), network: z.string(), audit: z.optional(auditStamp()) })); },
  },
  'SignIn.Requested': {
    version: 1,
    personalData: 'the address someone typed at the sign-in form',
    description: 'Someone asked for a sign-in link at the sign-in form (already answered 202, limits counted). A link is mailed only if the address coordinates a network. Kept out of the event archive: it names an address anyone typed.',
    producer: 'RequestSignIn',
    get schema() { return once(this, () => z.extend(base(), { email: z.email(), lang: z.enum(['fi', 'sv', 'en']) })); },
  },
  'Coordinator.Added': {
    version: 1,
    personalData: "the coordinator's email, and the audit stamp",
    description: 'A coordinator added another coordinator to their network.',
    producer: 'ManageCoordinators',
    get schema() { return once(this, () => z.extend(base(), { network: z.string(), email: z.email(), audit: auditStamp() })); },
  },
  'Coordinator.Removed': {
    version: 1,
    personalData: "the coordinator's email, and the audit stamp",
    description: 'A coordinator removed a coordinator from their network.',
    producer: 'ManageCoordinators',
    get schema() { return once(this, () => z.extend(base(), { network: z.string(), email: z.email(), audit: auditStamp() })); },
  },
} as const;

export type EventType = keyof typeof catalog;
export type EventDetail<T extends EventType> = z.infer<(typeof catalog)[T]['schema']>;
export const eventTypes = Object.keys(catalog) as EventType[];

/** Why an event type is kept out of the archive: the personal data it carries; undefined when it carries none. */
export function personalDataOf(type: EventType): string | undefined {
  const entry = catalog[type];
  return 'personalData' in entry ? entry.personalData : undefined;
}

/**
 * The detail-types the bus's archive keeps for replay (lib/constructs/events.ts):
 * every type that carries no personal data. A new type is archived only once
 * its catalog entry says nothing personal is in it, and its fields are refs.
 */
export const ARCHIVED_EVENT_TYPES: readonly EventType[] = eventTypes.filter((t) => !personalDataOf(t));

/**
 * How long the bus archive (lib/constructs/events.ts) keeps events. A replay
 * follows a fault someone found, and what to replay is read from the
 * functions' logs, kept 30 days: an older event could not be chosen.
 */
export const ARCHIVE_RETENTION_DAYS = 30;

/** The archive's EventBridge pattern, as the template holds it. Named types, not "anything but": a new type stays out until the catalog says it carries nothing personal. */
export const ARCHIVE_PATTERN = { source: [EVENT_SOURCE], 'detail-type': [...ARCHIVED_EVENT_TYPES] };

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
