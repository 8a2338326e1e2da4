import * as z from './zod.js';
import { fieldMessages } from './i18n.js';

/**
 * Turns zod issues into `{ "path.to.field": code }`. Schemas name their
 * messages with stable codes ('required', 'invalid_email', …); issues zod
 * raises by itself are mapped to the nearest code so the page can always
 * show a translated message next to the right field.
 */
export function issuesToFieldCodes(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join('.') || '_';
    if (fields[path]) continue;
    fields[path] = codeOf(issue);
  }
  return fields;
}

function codeOf(issue: z.core.$ZodIssue): string {
  if (Object.hasOwn(fieldMessages, issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      // zod 4 leaves the input out of issues unless asked; its message says what it received.
      return issue.input === undefined && /received (undefined|null)/.test(issue.message) ? 'required' : issue.input === null ? 'required' : 'invalid';
    case 'too_small':
      return issue.origin === 'array' ? 'choose_one' : issue.origin === 'string' && Number(issue.minimum) <= 1 ? 'required' : 'too_short';
    case 'too_big':
      return issue.origin === 'array' ? 'too_many' : 'too_long';
    case 'invalid_value':
    case 'invalid_union':
      return 'invalid_choice';
    case 'invalid_format':
      return issue.format === 'email' ? 'invalid_email' : issue.format === 'url' ? 'invalid_url' : 'invalid';
    default:
      return 'invalid';
  }
}

/**
 * A one-line text (a name, a title, an address): no CR, LF or other control
 * character, which could end a mail header or an iCalendar line and start
 * another (the review's calendar injection through an RSVP name).
 */
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
export const singleLine = (max: number) => z.string().check(z.trim(), z.minLength(1, 'required'), z.maxLength(max, 'too_long'), z.refine((v) => !CONTROL_CHARACTERS.test(v), 'single_line'));
/** An optional one-line text; an empty string (a form's empty field) counts as absent. */
export const optionalLine = (max: number) =>
  z.pipe(z.transform((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v)), z.optional(z.string().check(z.trim(), z.maxLength(max, 'too_long'), z.refine((v) => !CONTROL_CHARACTERS.test(v), 'single_line'))));
