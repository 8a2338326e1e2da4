import * as z from '../shared/zod.js';
import { THEMES } from '../listings/schema.js';

export const DIGEST_KINDS = ['listings', 'meetings', 'surveys'] as const;
export const FREQUENCIES = ['weekly', 'monthly'] as const;

export const preferences = z.object({
  name: z.pipe(z.transform((v) => (v === '' ? undefined : v)), z.optional(z.string().check(z.trim(), z.maxLength(120, 'too_long')))),
  organisation: z.pipe(z.transform((v) => (v === '' ? undefined : v)), z.optional(z.string().check(z.trim(), z.maxLength(160, 'too_long')))),
  lang: z.enum(['fi', 'sv', 'en'], 'invalid_choice'),
  networks: z.array(z.string().check(z.minLength(1), z.maxLength(41))).check(z.minLength(1, 'choose_one'), z.maxLength(10, 'too_many')),
  kinds: z.array(z.enum(DIGEST_KINDS, 'invalid_choice')).check(z.minLength(1, 'choose_one')),
  /** empty = every theme */
  themes: z._default(z.array(z.enum(THEMES, 'invalid_choice')).check(z.maxLength(THEMES.length)), []),
  frequency: z.enum(FREQUENCIES, 'invalid_choice'),
});
export type Preferences = z.infer<typeof preferences>;

export const subscribeInput = z.extend(preferences, { email: z.email('invalid_email').check(z.maxLength(254, 'too_long')) });
export type SubscribeInput = z.infer<typeof subscribeInput>;
