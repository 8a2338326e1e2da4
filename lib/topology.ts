/**
 * THE wiring table. Every Lambda function, the HTTP routes it answers, the
 * event patterns that invoke it and what it may touch. The CDK stack builds
 * routes, rules, environment and IAM grants from this table; `local/` builds
 * the local HTTP server, bus rules and scheduler from the same table. Nothing
 * here is duplicated anywhere else.
 */
import { EVENT_SOURCE, type EventType } from '../functions/shared/events.js';
import type { OperatorConfig } from './config.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteSpec {
  readonly method: HttpMethod;
  /** API Gateway v2 route path, e.g. `/api/listings/{id}` */
  readonly path: string;
}

/** An EventBridge event pattern (the subset of the JSON pattern language we use is anything the spec allows). */
export type EventPattern = Record<string, unknown>;

export interface RuleSpec {
  /** Stable rule id, unique across the topology (becomes the CDK id and the local rule name). */
  readonly id: string;
  readonly pattern: EventPattern;
  /**
   * Which bus the rule listens on. AWS services (SES) publish only to the
   * account's default bus. Offline there is one bus for both.
   * @default 'verkosto'
   */
  readonly bus?: 'verkosto' | 'default';
}

/** An SQS queue with its consumer (a Lambda event source mapping with partial batch responses). */
export interface QueueSpec {
  readonly id: string;
  /** Function id of the consumer. */
  readonly consumer: string;
  /** @default 5 */
  readonly batchSize?: number;
  /** Concurrent consumer invocations (MaximumConcurrency, at least 2). @default 2 */
  readonly maxConcurrency?: number;
  /** @default 120 */
  readonly visibilityTimeoutSeconds?: number;
  /** Receives before a message goes to the queue's dead-letter queue. @default 5 */
  readonly maxReceiveCount?: number;
}

/** What a function may touch. Each entry becomes both an env var and an IAM grant. */
export interface AccessSpec {
  readonly table?: 'read' | 'write' | 'readwrite';
  /** PutEvents on the bus */
  readonly publish?: boolean;
  /** SES SendEmail from the configured identity through the configuration set */
  readonly sendMail?: boolean;
  /** Operator network config (coordinators, names) as env */
  readonly networks?: boolean;
  /** The public site URL (to build links) as env */
  readonly siteUrl?: boolean;
  /** The operator's rate limits (config `limits`) as env; without it a function counts against the defaults */
  readonly limits?: boolean;
  /** Read the token signing keys (Secrets Manager in AWS, a key file offline) */
  readonly tokens?: boolean;
  /** SendMessage(Batch) to this queue of the topology, URL as env */
  readonly queue?: string;
  /** The configured send rate and the sender's concurrency as env (digest sender) */
  readonly sendRate?: boolean;
  /** Create, move and delete one-time schedules (meeting-reminder-*, survey-close-*) that put events on the bus */
  readonly reminders?: boolean;
  /** The directory snapshots (bucket name as env): `read` them at a cold start, or `write` them (and read the last one) */
  readonly snapshots?: 'read' | 'write';
}

/** A recurring invocation by EventBridge Scheduler (offline: the local scheduler). */
export interface ScheduleSpec {
  readonly id: string;
  /** EventBridge Scheduler expression, e.g. `cron(15 3 * * ? *)` */
  readonly expression: string;
  /** @default 'Europe/Helsinki' */
  readonly timezone?: string;
  /**
   * The JSON the function is invoked with; Scheduler's context attributes
   * (e.g. `<aws.scheduler.scheduled-time>`) are filled in per run.
   * @default {}
   */
  readonly input?: Readonly<Record<string, string>>;
}

export interface FunctionSpec {
  /** PascalCase id: CDK construct id and local name. */
  readonly id: string;
  /** Handler file relative to the repo root; exports `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly routes?: readonly RouteSpec[];
  readonly rules?: readonly RuleSpec[];
  readonly schedules?: readonly ScheduleSpec[];
  readonly access: AccessSpec;
  /** @default 10 */
  readonly timeoutSeconds?: number;
  /** @default 256 */
  readonly memoryMb?: number;
}

/** Pattern matching verkosto events of the given detail types. */
export function on(...types: EventType[]): EventPattern {
  return { source: [EVENT_SOURCE], 'detail-type': types };
}

const listingFunctions: FunctionSpec[] = [
  {
    id: 'SubmitListing',
    entry: 'functions/listings/submit.handler.ts',
    description: 'Validates a listing from the public form and publishes Listing.Submitted',
    routes: [{ method: 'POST', path: '/api/listings' }],
    access: { table: 'readwrite', publish: true, networks: true, limits: true },
  },
  {
    id: 'StorePendingListing',
    entry: 'functions/listings/store-pending.handler.ts',
    description: 'Stores a submitted listing as pending moderation (idempotent)',
    rules: [{ id: 'ListingSubmittedToStore', pattern: on('Listing.Submitted') }],
    access: { table: 'readwrite' },
  },
  {
    id: 'NotifyCoordinators',
    entry: 'functions/listings/notify-coordinators.handler.ts',
    description: "Emails the network's coordinators that a listing waits for moderation",
    rules: [{ id: 'ListingSubmittedToCoordinators', pattern: on('Listing.Submitted', 'Listing.Updated') }],
    access: { table: 'readwrite', sendMail: true, networks: true, siteUrl: true, limits: true },
  },
  {
    id: 'MailSubmitter',
    entry: 'functions/listings/mail-submitter.handler.ts',
    description: 'Mails the submitter a receipt with the edit link, the moderation outcome, and a new link after a revocation',
    rules: [{ id: 'ListingOutcomesToSubmitter', pattern: on('Listing.Submitted', 'Listing.Approved', 'Listing.Rejected', 'Listing.EditLinkRevoked') }],
    access: { table: 'readwrite', sendMail: true, tokens: true, siteUrl: true },
  },
  {
    id: 'ApplyListingEvents',
    entry: 'functions/listings/project.handler.ts',
    description: 'Applies approvals, rejections, edits, withdrawals, expiries and extensions to the listing and its directory card',
    rules: [{ id: 'ListingLifecycle', pattern: on('Listing.Approved', 'Listing.Rejected', 'Listing.Updated', 'Listing.Withdrawn', 'Listing.Expired', 'Listing.Extended', 'Listing.EditLinkRevoked') }],
    access: { table: 'readwrite' },
  },
  {
    id: 'ReadDirectory',
    entry: 'functions/listings/read.handler.ts',
    description: 'The public directory, listing pages and calendar files',
    routes: [
      { method: 'GET', path: '/api/listings' },
      { method: 'GET', path: '/api/listings/{id}' },
      { method: 'GET', path: '/api/listings/{id}/calendar.ics' },
    ],
    access: { table: 'read', siteUrl: true, snapshots: 'read' },
  },
  {
    id: 'ServeHsds',
    entry: 'functions/listings/hsds.handler.ts',
    description: 'The Open Referral HSDS 3.0.1 API over published listings of every network',
    routes: [
      { method: 'GET', path: '/api/hsds' },
      { method: 'GET', path: '/api/hsds/services' },
      { method: 'GET', path: '/api/hsds/services/{id}' },
      { method: 'GET', path: '/api/hsds/service_at_locations' },
      { method: 'GET', path: '/api/hsds/service_at_locations/{id}' },
      { method: 'GET', path: '/api/hsds/organizations' },
      { method: 'GET', path: '/api/hsds/organizations/{id}' },
      { method: 'GET', path: '/api/hsds/taxonomies' },
      { method: 'GET', path: '/api/hsds/taxonomies/{id}' },
      { method: 'GET', path: '/api/hsds/taxonomy_terms' },
      { method: 'GET', path: '/api/hsds/taxonomy_terms/{id}' },
    ],
    access: { table: 'read', siteUrl: true, networks: true, snapshots: 'read' },
  },
  {
    id: 'BuildDirectorySnapshots',
    entry: 'functions/listings/snapshot.handler.ts',
    description: "Every 5 minutes: writes the directory snapshot of each network whose directory moved, which a cold directory function loads instead of indexing every card",
    schedules: [{ id: 'DirectorySnapshotsEvery5Minutes', expression: 'cron(*/5 * * * ? *)' }],
    access: { table: 'readwrite', networks: true, snapshots: 'write' },
    // A 50,000-listing network's full build is ~8 s of one vCPU (1,769 MB gives one), and its index is a few hundred MB of heap.
    timeoutSeconds: 300,
    memoryMb: 2048,
  },
  {
    id: 'ServeHsdsOpenApi',
    entry: 'functions/listings/hsds-openapi.handler.ts',
    description: "The HSDS API's OpenAPI 3.1 document, generated from the HSDS schema files and the query schemas",
    routes: [{ method: 'GET', path: '/api/hsds/openapi.json' }],
    access: { siteUrl: true },
  },
  {
    id: 'EditListing',
    entry: 'functions/listings/edit.handler.ts',
    description: "The submitter's edit, withdraw and still-valid routes, opened by the personal link",
    routes: [
      { method: 'GET', path: '/api/listings/{id}/edit' },
      { method: 'PUT', path: '/api/listings/{id}' },
      { method: 'DELETE', path: '/api/listings/{id}' },
      { method: 'POST', path: '/api/listings/{id}/extend' },
    ],
    access: { table: 'readwrite', publish: true, tokens: true },
  },
  {
    id: 'ModerateListings',
    entry: 'functions/listings/moderate.handler.ts',
    description: 'Coordinators list, read, approve and reject listings, and revoke edit links',
    routes: [
      { method: 'GET', path: '/api/coordinator/networks/{network}/listings' },
      { method: 'GET', path: '/api/coordinator/listings/{id}' },
      { method: 'POST', path: '/api/coordinator/listings/{id}/approve' },
      { method: 'POST', path: '/api/coordinator/listings/{id}/reject' },
      { method: 'POST', path: '/api/coordinator/listings/{id}/revoke-edit-link' },
    ],
    access: { table: 'readwrite', publish: true, tokens: true, networks: true, siteUrl: true },
  },
  {
    id: 'ExpireListings',
    entry: 'functions/listings/expire.handler.ts',
    description: 'Daily: expires listings past their last day (every one missed runs left too) and asks submitters of those ending within two weeks',
    schedules: [{ id: 'DailyListingExpiry', expression: 'cron(15 3 * * ? *)' }],
    access: { table: 'readwrite', publish: true, sendMail: true, tokens: true, siteUrl: true, networks: true },
    timeoutSeconds: 120,
  },
  {
    id: 'ListNetworks',
    entry: 'functions/networks/list.handler.ts',
    description: 'Lists the networks this deployment hosts',
    routes: [{ method: 'GET', path: '/api/networks' }],
    access: { networks: true },
  },
];

/** Everything a coordinator route needs to authorise: session keys, membership table, networks, site origin. */
const COORDINATOR: AccessSpec = { table: 'read', tokens: true, networks: true, siteUrl: true };

const coordinatorFunctions: FunctionSpec[] = [
  {
    id: 'RequestSignIn',
    entry: 'functions/auth/login.handler.ts',
    description: 'Answers the sign-in form (always 202) and publishes SignIn.Requested, so every address takes the same path and time',
    routes: [{ method: 'POST', path: '/api/auth/login' }],
    access: { table: 'readwrite', publish: true, limits: true },
  },
  {
    id: 'SendSignInLink',
    entry: 'functions/auth/send-link.handler.ts',
    description: 'Mails a single-use sign-in link to an address that coordinates a network; nothing to any other',
    rules: [{ id: 'SignInRequestsToMailer', pattern: on('SignIn.Requested') }],
    access: { ...COORDINATOR, table: 'readwrite', sendMail: true },
  },
  {
    id: 'CompleteSignIn',
    entry: 'functions/auth/callback.handler.ts',
    description: 'Exchanges a sign-in link for a session cookie',
    routes: [{ method: 'GET', path: '/api/auth/callback' }],
    access: { ...COORDINATOR, table: 'readwrite' },
  },
  {
    id: 'SignOut',
    entry: 'functions/auth/logout.handler.ts',
    description: 'Ends the session',
    routes: [{ method: 'POST', path: '/api/auth/logout' }],
    access: { ...COORDINATOR, table: 'readwrite' },
  },
  {
    id: 'CurrentSession',
    entry: 'functions/auth/session.handler.ts',
    description: 'Who is signed in and which networks they coordinate',
    routes: [{ method: 'GET', path: '/api/auth/session' }],
    access: COORDINATOR,
  },
  {
    id: 'ManageCoordinators',
    entry: 'functions/coordinator/coordinators.handler.ts',
    description: "Lists, adds and removes a network's coordinators",
    routes: [
      { method: 'GET', path: '/api/coordinator/networks/{network}/coordinators' },
      { method: 'POST', path: '/api/coordinator/networks/{network}/coordinators' },
      { method: 'DELETE', path: '/api/coordinator/networks/{network}/coordinators/{email}' },
    ],
    access: { ...COORDINATOR, table: 'readwrite', publish: true },
  },
  {
    id: 'ReadAuditTrail',
    entry: 'functions/coordinator/audit.handler.ts',
    description: "Reads the network's audit trail",
    routes: [{ method: 'GET', path: '/api/coordinator/networks/{network}/audit' }],
    access: COORDINATOR,
  },
  {
    id: 'RecordAudit',
    entry: 'functions/coordinator/audit-recorder.handler.ts',
    description: 'Stores every event that carries an audit stamp',
    rules: [{ id: 'AuditStampedEvents', pattern: { source: [EVENT_SOURCE], detail: { audit: { actor: [{ exists: true }] } } } }],
    access: { table: 'write' },
  },
];

const mailingListFunctions: FunctionSpec[] = [
  {
    id: 'RequestSubscription',
    entry: 'functions/subscriptions/subscribe.handler.ts',
    description: 'Double opt-in: stores the request and mails the confirmation link (always 202)',
    routes: [{ method: 'POST', path: '/api/subscriptions' }],
    access: { table: 'readwrite', sendMail: true, tokens: true, publish: true, networks: true, siteUrl: true, limits: true },
  },
  {
    id: 'SubscriptionLinks',
    entry: 'functions/subscriptions/links.handler.ts',
    description: 'Confirm, manage preferences and one-click unsubscribe by signed link',
    routes: [
      { method: 'POST', path: '/api/subscriptions/confirm' },
      { method: 'GET', path: '/api/subscriptions/me' },
      { method: 'PUT', path: '/api/subscriptions/me' },
      { method: 'GET', path: '/api/subscriptions/unsubscribe' },
      { method: 'POST', path: '/api/subscriptions/unsubscribe' },
    ],
    access: { table: 'readwrite', tokens: true, publish: true, networks: true },
  },
  {
    id: 'SuppressBouncedAddresses',
    entry: 'functions/subscriptions/suppress.handler.ts',
    description: 'SES bounces and complaints: a hard bounce or complaint stops all mail to the address',
    rules: [{ id: 'SesBouncesAndComplaints', bus: 'default', pattern: { source: ['aws.ses'], detail: { eventType: ['Bounce', 'Complaint'] } } }],
    access: { table: 'readwrite', tokens: true, publish: true },
  },
  {
    id: 'DigestClock',
    entry: 'functions/digests/clock.handler.ts',
    description: 'Every minute: requests the digest of each network whose digest time it is (one schedule for all networks)',
    schedules: [{ id: 'DigestClockEveryMinute', expression: 'cron(* * * * ? *)', input: { scheduledTime: '<aws.scheduler.scheduled-time>' } }],
    access: { table: 'readwrite', publish: true, networks: true },
    // Requesting 200 digests takes a second in AWS; the margin is for a slow bus. A retried tick resumes (claims).
    timeoutSeconds: 300,
  },
  {
    id: 'BuildDigest',
    entry: 'functions/digests/build.handler.ts',
    description: "Builds a network's digest from what is new, stores the recipients in batches and queues the first",
    rules: [{ id: 'DigestRequested', pattern: on('Digest.Requested') }],
    access: { table: 'readwrite', queue: 'DigestBatches', publish: true, siteUrl: true },
    timeoutSeconds: 300,
    memoryMb: 512,
  },
  {
    id: 'SendDigestBatch',
    entry: 'functions/digests/send.handler.ts',
    description: 'Sends one batch of digests through SES at the configured rate, exactly once per recipient',
    // The queue too: each batch puts the next batch of its digest on it.
    access: { table: 'readwrite', queue: 'DigestBatches', sendMail: true, tokens: true, publish: true, networks: true, siteUrl: true, sendRate: true },
    timeoutSeconds: 120,
  },
  {
    id: 'ManageDigests',
    entry: 'functions/digests/manage.handler.ts',
    description: 'Coordinators preview, test (to themselves), send now and read the history of digests, and the subscriber summary',
    routes: [
      { method: 'GET', path: '/api/coordinator/networks/{network}/digests/preview' },
      { method: 'POST', path: '/api/coordinator/networks/{network}/digests/test' },
      { method: 'POST', path: '/api/coordinator/networks/{network}/digests' },
      { method: 'GET', path: '/api/coordinator/networks/{network}/digests' },
      { method: 'GET', path: '/api/coordinator/networks/{network}/subscribers/summary' },
    ],
    // readwrite and sendMail for "send a test to me": its rate-limit counters, and the one mail to the coordinator.
    // (A function of its own would cost the dashboard, which is at CloudWatch's 50 free metrics, a graph.)
    access: { table: 'readwrite', publish: true, sendMail: true, tokens: true, networks: true, siteUrl: true, limits: true },
  },
  {
    id: 'DigestArchive',
    entry: 'functions/digests/archive.handler.ts',
    description: 'The public digest archive and "view in browser"',
    routes: [
      { method: 'GET', path: '/api/networks/{network}/digests' },
      { method: 'GET', path: '/api/networks/{network}/digests/{id}' },
    ],
    access: { table: 'read', networks: true },
  },
];

const meetingFunctions: FunctionSpec[] = [
  {
    id: 'ManageMeetings',
    entry: 'functions/meetings/manage.handler.ts',
    description: 'Coordinators schedule, change and cancel meetings and series, read attendees (also as CSV), and open, close and release presentation turns',
    routes: [
      { method: 'POST', path: '/api/coordinator/networks/{network}/meetings' },
      { method: 'GET', path: '/api/coordinator/networks/{network}/meetings' },
      { method: 'PATCH', path: '/api/coordinator/meetings/{id}' },
      { method: 'POST', path: '/api/coordinator/meetings/{id}/cancel' },
      { method: 'GET', path: '/api/coordinator/meetings/{id}/attendees' },
      { method: 'GET', path: '/api/coordinator/meetings/{id}/attendees.csv' },
      { method: 'GET', path: '/api/coordinator/meetings/{id}/turns' },
      { method: 'POST', path: '/api/coordinator/meetings/{id}/turns' },
      { method: 'POST', path: '/api/coordinator/meetings/{id}/turns/{slot}/release' },
      { method: 'POST', path: '/api/coordinator/meetings/{id}/turns/{slot}/close' },
    ],
    access: { ...COORDINATOR, table: 'readwrite', publish: true },
  },
  {
    id: 'MeetingsPublic',
    entry: 'functions/meetings/public.handler.ts',
    description: 'Public meeting pages, calendar files and feeds, RSVPs with capacity and waitlist, claiming and confirming presentation turns',
    routes: [
      { method: 'GET', path: '/api/meetings' },
      { method: 'GET', path: '/api/meetings/{id}' },
      { method: 'GET', path: '/api/meetings/{id}/invite.ics' },
      { method: 'GET', path: '/api/networks/{network}/calendar.ics' },
      { method: 'POST', path: '/api/meetings/{id}/rsvps' },
      { method: 'GET', path: '/api/rsvps/me' },
      { method: 'POST', path: '/api/rsvps/cancel' },
      { method: 'POST', path: '/api/meetings/{id}/turns/{slot}/claim' },
      { method: 'POST', path: '/api/turns/confirm' },
    ],
    access: { table: 'readwrite', publish: true, tokens: true, networks: true, siteUrl: true, sendMail: true, limits: true },
  },
  {
    id: 'MeetingMail',
    entry: 'functions/meetings/mail.handler.ts',
    description: 'Invites (.ics REQUEST), waitlist notices, promotions, updated and cancelled invites, reminders; presentation-turn confirmation links and release notices',
    rules: [{ id: 'MeetingMailEvents', pattern: on('Rsvp.Submitted', 'Rsvp.Cancelled', 'Meeting.Updated', 'Meeting.Cancelled', 'Meeting.ReminderDue', 'PresentationSlot.Claimed', 'PresentationSlot.Released') }],
    access: { table: 'readwrite', sendMail: true, tokens: true, siteUrl: true },
  },
  {
    id: 'AnnounceMeetings',
    entry: 'functions/meetings/announce.handler.ts',
    description: 'Mails a new meeting to subscribers who chose meetings, in networks that announce by email',
    rules: [{ id: 'MeetingScheduledToSubscribers', pattern: on('Meeting.Scheduled') }],
    access: { table: 'readwrite', sendMail: true, tokens: true, networks: true, siteUrl: true },
    timeoutSeconds: 300,
  },
  {
    id: 'MeetingReminders',
    entry: 'functions/meetings/reminders.handler.ts',
    description: "Keeps each meeting's one-time reminder schedule in step with the meeting",
    rules: [{ id: 'MeetingLifecycleToReminders', pattern: on('Meeting.Scheduled', 'Meeting.Updated', 'Meeting.Cancelled') }],
    access: { table: 'read', reminders: true },
  },
];

const surveyFunctions: FunctionSpec[] = [
  {
    id: 'ManageSurveys',
    entry: 'functions/surveys/manage.handler.ts',
    description: 'Coordinators create, edit, preview, open, close and publish surveys, read results and export responses',
    routes: [
      { method: 'POST', path: '/api/coordinator/networks/{network}/surveys' },
      { method: 'GET', path: '/api/coordinator/networks/{network}/surveys' },
      { method: 'GET', path: '/api/coordinator/surveys/{id}' },
      { method: 'PUT', path: '/api/coordinator/surveys/{id}' },
      { method: 'POST', path: '/api/coordinator/surveys/{id}/open' },
      { method: 'POST', path: '/api/coordinator/surveys/{id}/close' },
      { method: 'POST', path: '/api/coordinator/surveys/{id}/publish' },
      { method: 'GET', path: '/api/coordinator/surveys/{id}/results' },
      { method: 'GET', path: '/api/coordinator/surveys/{id}/responses.csv' },
    ],
    access: { ...COORDINATOR, table: 'readwrite', publish: true },
  },
  {
    id: 'SurveysPublic',
    entry: 'functions/surveys/public.handler.ts',
    description: 'The survey, answers by personal or public link (once per person), published results',
    routes: [
      { method: 'GET', path: '/api/surveys/{id}' },
      { method: 'POST', path: '/api/surveys/{id}/responses' },
      { method: 'POST', path: '/api/surveys/{id}/responses/confirm' },
      { method: 'GET', path: '/api/surveys/{id}/results' },
    ],
    access: { table: 'readwrite', publish: true, tokens: true, sendMail: true, siteUrl: true, limits: true },
  },
  {
    id: 'SurveyAggregates',
    entry: 'functions/surveys/aggregate.handler.ts',
    description: 'Adds each response to the running counts once',
    rules: [{ id: 'SurveyResponses', pattern: on('Survey.ResponseSubmitted') }],
    access: { table: 'readwrite' },
  },
  {
    id: 'CloseSurveys',
    entry: 'functions/surveys/close.handler.ts',
    description: "Keeps each open survey's close schedule and closes it at its close time",
    rules: [{ id: 'SurveyCloseTimes', pattern: on('Survey.Opened', 'Survey.CloseDue', 'Survey.Closed') }],
    access: { table: 'readwrite', publish: true, reminders: true },
  },
  {
    id: 'SurveyInvites',
    entry: 'functions/surveys/invite.handler.ts',
    description: 'Mails a personal survey link to subscribers who chose surveys',
    rules: [{ id: 'SurveyOpened', pattern: on('Survey.Opened') }],
    access: { table: 'readwrite', sendMail: true, tokens: true, siteUrl: true },
    timeoutSeconds: 300,
  },
];

/** One section per feature; the order is only for reading. */
export const functions: readonly FunctionSpec[] = [...listingFunctions, ...coordinatorFunctions, ...mailingListFunctions, ...meetingFunctions, ...surveyFunctions];

export const queues: readonly QueueSpec[] = [
  { id: 'DigestBatches', consumer: 'SendDigestBatch', batchSize: 2, maxConcurrency: 2, visibilityTimeoutSeconds: 180, maxReceiveCount: 5 },
];

export const allRoutes = functions.flatMap((f) => (f.routes ?? []).map((r) => ({ ...r, functionId: f.id })));
export const allSchedules = functions.flatMap((f) => (f.schedules ?? []).map((s) => ({ ...s, functionId: f.id })));
export const allRules = functions.flatMap((f) => (f.rules ?? []).map((r) => ({ ...r, functionId: f.id })));
