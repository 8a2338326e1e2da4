import * as z from 'zod';
import { THEMES } from '../listings/schema.js';

export const DIGEST_KINDS = ['listings', 'meetings', 'surveys'] as const;
export const FREQUENCIES = ['weekly', 'monthly'] as const;

export const preferences = z.object({
  name: z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().max(120, 'too_long').optional()),
  organisation: z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().max(160, 'too_long').optional()),
  lang: z.enum(['fi', 'sv', 'en'], 'invalid_choice'),
  networks: z.array(z.string().min(1).max(41)).min(1, 'choose_one').max(10, 'too_many'),
  kinds: z.array(z.enum(DIGEST_KINDS, 'invalid_choice')).min(1, 'choose_one'),
  /** empty = every theme */
  themes: z.array(z.enum(THEMES, 'invalid_choice')).max(THEMES.length).default([]),
  frequency: z.enum(FREQUENCIES, 'invalid_choice'),
});
export type Preferences = z.infer<typeof preferences>;

export const subscribeInput = preferences.extend({ email: z.email('invalid_email').max(254, 'too_long') });
export type SubscribeInput = z.infer<typeof subscribeInput>;
