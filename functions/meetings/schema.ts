import * as z from '../shared/zod.js';
import { localised, localisedLine } from '../listings/schema.js';
import { optionalLine, singleLine } from '../shared/validation.js';

const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'invalid_date'), z.refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'invalid_date'));
const clock = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'invalid_time'));
const optionalText = (max: number) => z.pipe(z.transform((v) => (v === '' ? undefined : v)), z.optional(z.string().check(z.trim(), z.maxLength(max, 'too_long'))));
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** What a coordinator writes about a meeting. Times are Helsinki wall-clock. */
export const meetingFields = /* @__PURE__ */ z.lazy(() => z
  .object({
    title: localisedLine(160),
    description: localised(4000),
    agenda: optionalText(4000),
    presenters: z._default(z.array(singleLine(160)).check(z.maxLength(10, 'too_many')), []),
    startTime: clock,
    endTime: clock,
    place: z.optional(z.object({ name: singleLine(160), address: singleLine(200) })),
    online: z.optional(z.object({ url: z.url({ protocol: /^https$/, error: 'invalid_url' }).check(z.maxLength(500)), withheldUntilConfirmed: z._default(z.boolean(), true) })),
    capacity: z.optional(z.number().check(z.int(), z.gte(1), z.lte(10_000))),
    /** hours before the start when RSVPs close; default: at the start */
    rsvpClosesHoursBefore: z._default(z.number().check(z.int(), z.gte(0), z.lte(24 * 60)), 0),
    languages: z._default(z.array(z.enum(['fi', 'sv', 'en'])).check(z.minLength(1, 'choose_one')), ['fi']),
  }).check(z.superRefine((m, ctx) => {
    if (m.endTime <= m.startTime) ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'before_start' });
    if (!m.place && !m.online) ctx.addIssue({ code: 'custom', path: ['place'], message: 'required' });
  })));

/** One meeting, a list of dates, or "monthly on the first Wednesday until June". */
export const scheduleMeetings = /* @__PURE__ */ z.lazy(() => z.object({
  meeting: meetingFields,
  dates: z.optional(z.array(isoDate).check(z.minLength(1, 'choose_one'), z.maxLength(52, 'too_many'))),
  rule: z.optional(z
    .object({ weekday: z.enum(WEEKDAYS, 'invalid_choice'), nth: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(-1)]), from: isoDate, until: isoDate }).check(z.refine((r) => r.until >= r.from, { message: 'before_start', path: ['until'] }))),
}).check(z.refine((s) => Boolean(s.dates) !== Boolean(s.rule), { message: 'choose_one', path: ['dates'] })));
export type ScheduleMeetings = z.infer<typeof scheduleMeetings>;
export type MeetingFields = z.infer<typeof meetingFields>;

export const meetingChange = /* @__PURE__ */ z.lazy(() => z.object({
  changes: z.object({
    title: z.optional(localisedLine(160)),
    description: z.optional(localised(4000)),
    agenda: optionalText(4000),
    date: z.optional(isoDate),
    startTime: z.optional(clock),
    endTime: z.optional(clock),
    place: z.optional(z.object({ name: singleLine(160), address: singleLine(200) })),
    online: z.optional(z.object({ url: z.url({ protocol: /^https$/, error: 'invalid_url' }).check(z.maxLength(500)), withheldUntilConfirmed: z._default(z.boolean(), true) })),
  }),
  /** this meeting, or this and the later meetings of its series */
  scope: z._default(z.enum(['one', 'rest']), 'one'),
}));

export const cancelMeeting = /* @__PURE__ */ z.lazy(() => z.object({ scope: z._default(z.enum(['one', 'rest']), 'one'), reason: optionalText(1000) }));

export const rsvpInput = /* @__PURE__ */ z.lazy(() => z.object({
  name: singleLine(120),
  email: z.email('invalid_email').check(z.maxLength(254, 'too_long')),
  organisation: optionalLine(160),
  attendance: z.enum(['onsite', 'online'], 'invalid_choice'),
  lang: z._default(z.enum(['fi', 'sv', 'en']), 'fi'),
}));
export type RsvpInput = z.infer<typeof rsvpInput>;

/** Presentation turns a coordinator opens on a meeting (or on it and the later ones of its series). */
export const openTurns = /* @__PURE__ */ z.lazy(() => z.object({
  count: z.number({ error: 'turn_count' }).check(z.int('turn_count'), z.gte(1, 'turn_count'), z.lte(12, 'turn_count')),
  minutes: z.pipe(z.transform((v) => (v === '' || v === null ? undefined : v)), z.optional(z.number({ error: 'turn_minutes' }).check(z.int('turn_minutes'), z.gte(5, 'turn_minutes'), z.lte(240, 'turn_minutes')))),
  scope: z._default(z.enum(['one', 'rest']), 'one'),
}));
export type OpenTurns = z.infer<typeof openTurns>;

/** The public claim form. The presenter's name is shown only with their consent (showPresenter). */
export const TURN_LIMITS = { organisation: 160, presenter: 120, topic: 200 } as const;
export const turnClaim = /* @__PURE__ */ z.lazy(() => z.object({
  organisation: singleLine(TURN_LIMITS.organisation),
  presenter: singleLine(TURN_LIMITS.presenter),
  showPresenter: z._default(z.boolean(), false),
  topic: singleLine(TURN_LIMITS.topic),
  email: z.email('invalid_email').check(z.maxLength(254, 'too_long')),
  lang: z._default(z.enum(['fi', 'sv', 'en']), 'fi'),
}));
export type TurnClaimInput = z.infer<typeof turnClaim>;
