import * as z from '../shared/zod.js';
import { optionalLine, singleLine } from '../shared/validation.js';

/**
 * The listing, modelled on lahella.fi and Open Referral HSDS 3. Error
 * messages are stable codes (see functions/shared/validation.ts) that the API
 * turns into Finnish, Swedish or English field messages.
 */

export const THEMES = [
  'family-support', 'parenting', 'peer-support', 'carers', 'mental-health', 'substance-use',
  'immigrants-integration', 'children-youth', 'older-people', 'disability', 'employment',
  'housing', 'debt-money', 'health', 'leisure', 'crisis-help',
] as const;

export const TARGET_GROUPS = [
  'families-with-children', 'babies-toddlers', 'children', 'youth', 'adults', 'older-people',
  'carers', 'immigrants', 'people-with-disabilities', 'professionals',
] as const;

/** ISO 639 codes, plus `fse` (Finnish sign language) and `se` (Northern Sámi). */
export const SERVED_LANGUAGES = ['fi', 'sv', 'en', 'se', 'ar', 'so', 'uk', 'ru', 'et', 'fa', 'ku', 'fse'] as const;

export const ORGANISATION_KINDS = ['municipal', 'wellbeing-county', 'association', 'parish', 'project', 'company'] as const;
export const LISTING_KINDS = ['service', 'group', 'event'] as const;
export const ACCESSIBILITY = ['wheelchair', 'induction-loop', 'accessible-toilet', 'parking', 'not-known'] as const;
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const text = (max: number) => z.string().check(z.trim(), z.minLength(1, 'required'), z.maxLength(max, 'too_long'));
const optionalText = (max: number) =>
  z.pipe(z.transform((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v)), z.optional(z.string().check(z.trim(), z.maxLength(max, 'too_long'))));

/** Finnish required, Swedish and English optional (Language Act: Finnish first). */
export const localised = (max: number) =>
  z.object({ fi: text(max), sv: optionalText(max), en: optionalText(max) });
/** A localised one-line text (a title): no line breaks or control characters in any language. */
export const localisedLine = (max: number) => z.object({ fi: singleLine(max), sv: optionalLine(max), en: optionalLine(max) });

/** Missing (or left empty in the form) is 'required'; anything else wrong gets the field's own code. */
const missingOr = (code: string) => (issue: { input?: unknown }) => (issue.input === undefined || issue.input === null || issue.input === '' ? 'required' : code);

/** The `type` of a channel or schedule: missing or empty is 'required', an unknown one 'invalid_choice'. */
const typeChoice = (issue: { input?: unknown }) => {
  const t = typeof issue.input === 'object' && issue.input !== null ? (issue.input as { type?: unknown }).type : issue.input;
  return t === undefined || t === null || t === '' ? 'required' : 'invalid_choice';
};
/** One of a fixed list: missing is 'required', anything else 'invalid_choice'. */
const choice = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: missingOr('invalid_choice') });
/** A yes/no the form must answer: missing is 'required', anything but true/false is 'invalid'. */
const yesNo = () => z.boolean({ error: (issue) => (issue.input === undefined ? 'required' : 'invalid') });

/**
 * The listing's field schemas, built with the listing schema on its first
 * parse (see listingInput): built at import they cost every function that
 * bundles this module for its lists or the event catalog (issue 16).
 */
function fieldSchemas() {
  /** A calendar date that exists: 2026-02-30 is refused, not rolled over into March. */
  const isoDate = z.string({ error: missingOr('invalid_date') }).check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'invalid_date'), z.refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d, 'invalid_date'));
  const clock = z.string({ error: missingOr('invalid_time') }).check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'invalid_time'));
  const phone = z.string({ error: missingOr('invalid_phone') }).check(z.trim(), z.regex(/^\+?[0-9 ()-]{5,20}$/, 'invalid_phone'));
  const httpsUrl = z.url({ protocol: /^https?$/, error: missingOr('invalid_url') }).check(z.maxLength(500, 'too_long'));
  const email = z.email({ error: missingOr('invalid_email') }).check(z.maxLength(254, 'too_long'));
  /** An age in years. */
  const age = z.number({ error: missingOr('invalid') }).check(z.int('invalid'), z.gte(0, 'invalid'), z.lte(120, 'invalid'));

  const channel = z.discriminatedUnion('type', [
    z.object({
      type: z.literal('place'),
      address: singleLine(200),
      postcode: z.string({ error: missingOr('invalid_postcode') }).check(z.regex(/^\d{5}$/, 'invalid_postcode')),
      municipality: singleLine(80),
    }),
    z.object({ type: z.literal('online'), url: httpsUrl }),
    z.object({ type: z.literal('phone'), phone }),
  ], { error: typeChoice });

  const schedule = z.discriminatedUnion('type', [
    z.object({ type: z.literal('none') }),
    z.object({ type: z.literal('once'), date: isoDate, startTime: clock, endTime: z.optional(clock) }),
    z.object({
      type: z.literal('recurring'),
      frequency: choice(['weekly', 'monthly']),
      weekdays: z.array(z.enum(WEEKDAYS, 'invalid_choice')).check(z.minLength(1, 'choose_one')),
      /** monthly only: which week of the month (1–4, or -1 for the last); the first by default */
      weekOfMonth: z.optional(z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(-1)], 'invalid_choice')),
      startTime: clock,
      endTime: clock,
      until: z.optional(isoDate),
    }),
  ], { error: typeChoice });
  return { isoDate, phone, httpsUrl, email, age, channel, schedule };
}

/**
 * The Finnish business ID's check digit (Y-tunnuksen tarkistusnumero, as the
 * Finnish Tax Administration defines it): the seven digits weighted 7, 9, 10,
 * 5, 8, 4, 2; remainder 0 gives check digit 0, remainder 1 is never issued,
 * otherwise the check digit is 11 minus the remainder. Catches a typo in one
 * digit and most swapped neighbours.
 */
export function businessIdChecks(id: string): boolean {
  const m = /^(\d{7})-(\d)$/.exec(id);
  if (!m) return false;
  const sum = [...m[1]!].reduce((acc, d, i) => acc + Number(d) * [7, 9, 10, 5, 8, 4, 2][i]!, 0);
  const rest = sum % 11;
  if (rest === 1) return false;
  return (rest === 0 ? 0 : 11 - rest) === Number(m[2]);
}

const buildListingInput = () => {
  const { isoDate, phone, httpsUrl, email, age, channel, schedule } = fieldSchemas();
  return z.object({
    network: z.string().check(z.minLength(1, 'required'), z.maxLength(41, 'too_long')),
    organisation: z.object({
      name: singleLine(160),
      kind: choice(ORGANISATION_KINDS),
      businessId: z.pipe(z.transform((v) => (v === '' ? undefined : v)), z.optional(z.string().check(z.trim(), z.regex(/^\d{7}-\d$/, 'invalid_business_id'), z.refine((id) => !/^\d{7}-\d$/.test(id) || businessIdChecks(id), 'business_id_check')))),
    }),
    contact: z.object({
      name: singleLine(120),
      email,
      phone: z.pipe(z.transform((v) => (v === '' ? undefined : v)), z.optional(phone)),
      website: z.pipe(z.transform((v) => (v === '' ? undefined : v)), z.optional(httpsUrl)),
    }),
    title: localisedLine(120),
    summary: localised(300),
    description: localised(5000),
    kind: choice(LISTING_KINDS),
    themes: z.array(z.enum(THEMES, 'invalid_choice')).check(z.minLength(1, 'choose_one'), z.maxLength(5, 'too_many')),
    targetGroups: z.array(z.enum(TARGET_GROUPS, 'invalid_choice')).check(z.minLength(1, 'choose_one')),
    ageRange: z.optional(z.object({ min: z.optional(age), max: z.optional(age) }).check(z.refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, { message: 'invalid_range', path: ['max'] }))),
    languages: z.array(z.enum(SERVED_LANGUAGES, 'invalid_choice')).check(z.minLength(1, 'choose_one')),
    channels: z.array(channel).check(z.minLength(1, 'choose_one'), z.maxLength(5, 'too_many')),
    accessibility: z._default(z.array(z.enum(ACCESSIBILITY, 'invalid_choice')), ['not-known']),
    schedule: z._default(schedule, { type: 'none' }),
    cost: z.object({ free: yesNo(), note: optionalLine(200) }),
    registration: z.object({
      required: yesNo(),
      url: z.pipe(z.transform((v) => (v === '' ? undefined : v)), z.optional(httpsUrl)),
      email: z.pipe(z.transform((v) => (v === '' ? undefined : v)), z.optional(email)),
    }),
    validFrom: z.optional(isoDate),
    validUntil: z.optional(isoDate),
  }).check(z.superRefine((l, ctx) => {
    if (l.validFrom && l.validUntil && l.validUntil < l.validFrom) {
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'before_start' });
    }
    if (l.schedule.type === 'once' && l.schedule.endTime && l.schedule.endTime <= l.schedule.startTime) {
      ctx.addIssue({ code: 'custom', path: ['schedule', 'endTime'], message: 'before_start' });
    }
    if (l.schedule.type === 'recurring' && l.schedule.endTime <= l.schedule.startTime) {
      ctx.addIssue({ code: 'custom', path: ['schedule', 'endTime'], message: 'before_start' });
    }
  }));
};

// Built on first parse (z.lazy). Most functions bundle this module for its lists
// (themes, kinds) or for the event catalog and never parse a listing; building
// the schema at import cost each of them about 5 ms of CPU at every cold start.
export const listingInput = /* @__PURE__ */ z.lazy(buildListingInput);

export type ListingInput = z.infer<typeof listingInput>;

export const LISTING_STATUSES = ['pending', 'published', 'rejected', 'withdrawn', 'expired'] as const;

/** The listing as events carry it: the input plus identity, revision and timestamps. */
const buildListingSnapshot = () => z.object({
  id: z.string().check(z.minLength(1)),
  /** 1 for the submission, +1 for every edit; projections apply revisions in order */
  revision: z._default(z.number().check(z.int(), z.gte(1)), 1),
  submittedAt: z.iso.datetime(),
  /** language the submitter used, for their emails */
  lang: z._default(z.enum(['fi', 'sv', 'en']), 'fi'),
  data: listingInput,
});
export const listingSnapshot = /* @__PURE__ */ z.lazy(buildListingSnapshot);
export type ListingSnapshot = z.infer<typeof listingSnapshot>;
