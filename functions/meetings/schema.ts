import * as z from 'zod';
import { localised, localisedLine } from '../listings/schema.js';
import { optionalLine, singleLine } from '../shared/validation.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'invalid_date').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'invalid_date');
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'invalid_time');
const optionalText = (max: number) => z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().max(max, 'too_long').optional());
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** What a coordinator writes about a meeting. Times are Helsinki wall-clock. */
export const meetingFields = z
  .object({
    title: localisedLine(160),
    description: localised(4000),
    agenda: optionalText(4000),
    presenters: z.array(singleLine(160)).max(10, 'too_many').default([]),
    startTime: clock,
    endTime: clock,
    place: z.object({ name: singleLine(160), address: singleLine(200) }).optional(),
    online: z.object({ url: z.url({ protocol: /^https$/, error: 'invalid_url' }).max(500), withheldUntilConfirmed: z.boolean().default(true) }).optional(),
    capacity: z.number().int().min(1).max(10_000).optional(),
    /** hours before the start when RSVPs close; default: at the start */
    rsvpClosesHoursBefore: z.number().int().min(0).max(24 * 60).default(0),
    languages: z.array(z.enum(['fi', 'sv', 'en'])).min(1, 'choose_one').default(['fi']),
  })
  .superRefine((m, ctx) => {
    if (m.endTime <= m.startTime) ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'before_start' });
    if (!m.place && !m.online) ctx.addIssue({ code: 'custom', path: ['place'], message: 'required' });
  });

/** One meeting, a list of dates, or "monthly on the first Wednesday until June". */
export const scheduleMeetings = z.object({
  meeting: meetingFields,
  dates: z.array(isoDate).min(1, 'choose_one').max(52, 'too_many').optional(),
  rule: z
    .object({ weekday: z.enum(WEEKDAYS, 'invalid_choice'), nth: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(-1)]), from: isoDate, until: isoDate })
    .refine((r) => r.until >= r.from, { message: 'before_start', path: ['until'] })
    .optional(),
}).refine((s) => Boolean(s.dates) !== Boolean(s.rule), { message: 'choose_one', path: ['dates'] });
export type ScheduleMeetings = z.infer<typeof scheduleMeetings>;
export type MeetingFields = z.infer<typeof meetingFields>;

export const meetingChange = z.object({
  changes: z.object({
    title: localisedLine(160).optional(),
    description: localised(4000).optional(),
    agenda: optionalText(4000),
    date: isoDate.optional(),
    startTime: clock.optional(),
    endTime: clock.optional(),
    place: z.object({ name: singleLine(160), address: singleLine(200) }).optional(),
    online: z.object({ url: z.url({ protocol: /^https$/, error: 'invalid_url' }).max(500), withheldUntilConfirmed: z.boolean().default(true) }).optional(),
  }),
  /** this meeting, or this and the later meetings of its series */
  scope: z.enum(['one', 'rest']).default('one'),
});

export const cancelMeeting = z.object({ scope: z.enum(['one', 'rest']).default('one'), reason: optionalText(1000) });

export const rsvpInput = z.object({
  name: singleLine(120),
  email: z.email('invalid_email').max(254, 'too_long'),
  organisation: optionalLine(160),
  attendance: z.enum(['onsite', 'online'], 'invalid_choice'),
  lang: z.enum(['fi', 'sv', 'en']).default('fi'),
});
export type RsvpInput = z.infer<typeof rsvpInput>;

/** Presentation turns a coordinator opens on a meeting (or on it and the later ones of its series). */
export const openTurns = z.object({
  count: z.number({ error: 'turn_count' }).int('turn_count').min(1, 'turn_count').max(12, 'turn_count'),
  minutes: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.number({ error: 'turn_minutes' }).int('turn_minutes').min(5, 'turn_minutes').max(240, 'turn_minutes').optional()),
  scope: z.enum(['one', 'rest']).default('one'),
});
export type OpenTurns = z.infer<typeof openTurns>;

/** The public claim form. The presenter's name is shown only with their consent (showPresenter). */
export const TURN_LIMITS = { organisation: 160, presenter: 120, topic: 200 } as const;
export const turnClaim = z.object({
  organisation: singleLine(TURN_LIMITS.organisation),
  presenter: singleLine(TURN_LIMITS.presenter),
  showPresenter: z.boolean().default(false),
  topic: singleLine(TURN_LIMITS.topic),
  email: z.email('invalid_email').max(254, 'too_long'),
  lang: z.enum(['fi', 'sv', 'en']).default('fi'),
});
export type TurnClaimInput = z.infer<typeof turnClaim>;
