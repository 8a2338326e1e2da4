import * as z from './zod.js';

/**
 * One network of the operator config (lib/config.ts holds the rest): its
 * own module because the functions validate the networks file with it at
 * cold start and must not build the operator config schema to do so.
 */

/** Languages the pages and emails are written in. Finnish is always first. */
export const UI_LANGUAGES = ['fi', 'sv', 'en'] as const;
export const uiLanguage = z.enum(UI_LANGUAGES);
export type UiLanguage = z.infer<typeof uiLanguage>;

const localisedName = z.object({
  fi: z.string().check(z.minLength(1, 'Finnish name is required')),
  sv: z.optional(z.string().check(z.minLength(1))),
  en: z.optional(z.string().check(z.minLength(1))),
});

/** A digest schedule: EventBridge Scheduler cron fields, always in Helsinki time. */
const digestSchedule = z.object({
  frequency: z.enum(['weekly', 'monthly']),
  /** ISO weekday 1 = Monday … 7 = Sunday (weekly digests) */
  weekday: z._default(z.number().check(z.int(), z.gte(1), z.lte(7)), 1),
  /** day of month 1–28 (monthly digests), so every month has it */
  dayOfMonth: z._default(z.number().check(z.int(), z.gte(1), z.lte(28)), 1),
  time: z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time must be HH:MM (24 h)')),
  timeZone: z._default(z.literal('Europe/Helsinki'), 'Europe/Helsinki'),
});

export const networkId = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,40}$/, 'network id: lower-case letters, digits and dashes, 2–41 characters'));

export const networkConfig = z.object({
  id: networkId,
  name: localisedName,
  municipalities: z._default(z.array(z.string().check(z.minLength(1))), []),
  languages: z.array(uiLanguage).check(z.minLength(1), z.refine((l) => l.includes('fi'), 'Finnish must be one of the languages')),
  coordinators: z.array(z.email()).check(z.minLength(1, 'at least one coordinator email')),
  digest: digestSchedule,
  /** A newly scheduled meeting: mailed to subscribers who chose meetings at once, or only in the next digest. */
  meetingAnnouncements: z._default(z.enum(['email', 'digest']), 'digest'),
});
export type NetworkConfig = z.infer<typeof networkConfig>;
