import * as z from '../shared/zod.js';
import { localised, localisedLine } from '../listings/schema.js';

/** Ids become object keys in answers and aggregates: none may be an object built-in. */
const BUILT_INS = new Set(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString']);
/**
 * A question's schema. Built with the survey definition on its first parse:
 * the functions that bundle this module for answerSchema (answering,
 * aggregating, inviting) never parse a definition, and building these at
 * import was ~2 ms of their cold start (issue 16).
 */
function buildQuestion() {
  const id = z.string().check(z.regex(/^[a-z0-9-]{1,40}$/, 'invalid'), z.refine((v) => !BUILT_INS.has(v), 'invalid'));
  const option = z.object({ id, label: localised(200) });
  return z.discriminatedUnion(
    'kind',
    [
      z.object({ kind: z.literal('single'), id, text: localised(500), required: z._default(z.boolean(), true), options: z.array(option).check(z.minLength(2, 'choose_one'), z.maxLength(20, 'too_many')) }),
      z.object({ kind: z.literal('multiple'), id, text: localised(500), required: z._default(z.boolean(), true), options: z.array(option).check(z.minLength(2, 'choose_one'), z.maxLength(20, 'too_many')), other: z._default(z.boolean(), false) }),
      z.object({ kind: z.literal('scale'), id, text: localised(500), required: z._default(z.boolean(), true), low: localised(80), high: localised(80) }),
      z.object({ kind: z.literal('text'), id, text: localised(500), required: z._default(z.boolean(), false) }),
    ],
    { error: 'invalid_choice' },
  );
}
export type Question = z.infer<ReturnType<typeof buildQuestion>>;

/** A survey as the coordinator defines it; validated so that every answer schema built from it is sound. */
export const surveyDefinition = /* @__PURE__ */ z.lazy(() => z.object({
    title: localisedLine(160),
    intro: localised(2000),
    questions: z.array(buildQuestion()).check(z.minLength(1, 'choose_one'), z.maxLength(40, 'too_many')),
    opensAt: z.iso.datetime({ error: 'invalid_date' }),
    closesAt: z.iso.datetime({ error: 'invalid_date' }),
    anonymous: z._default(z.boolean(), true),
    /** personal links by email to subscribers who chose surveys, or an item in the next digest */
    invite: z._default(z.enum(['email', 'digest'], 'invalid_choice'), 'digest'),
  }).check(z.superRefine((s, ctx) => {
    if (s.closesAt <= s.opensAt) ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'before_start' });
    const ids = new Set<string>();
    s.questions.forEach((q, i) => {
      if (ids.has(q.id)) ctx.addIssue({ code: 'custom', path: ['questions', i, 'id'], message: 'invalid' });
      ids.add(q.id);
      if ('options' in q) {
        const o = new Set(q.options.map((x) => x.id));
        if (o.size !== q.options.length) ctx.addIssue({ code: 'custom', path: ['questions', i, 'options'], message: 'invalid' });
      }
    });
  })));
export type SurveyDefinition = z.infer<typeof surveyDefinition>;

/**
 * The answer schema of one survey, built from its definition: each question
 * answered with what its kind allows, options only from its own list,
 * required ones present, nothing else accepted.
 */
export function answerSchema(def: Pick<SurveyDefinition, 'questions'>) {
  const shape: Record<string, z.ZodMiniType> = {};
  for (const q of def.questions) {
    let s: z.ZodMiniType;
    const ids = ('options' in q ? q.options.map((o) => o.id) : []) as [string, ...string[]];
    switch (q.kind) {
      case 'single':
        s = z.enum(ids, { error: (i) => (i.input === undefined ? 'required' : 'invalid_choice') });
        break;
      case 'multiple':
        s = z.object({
          chosen: z.array(z.enum(ids, 'invalid_choice')).check(z.maxLength(ids.length), z.refine((a) => new Set(a).size === a.length, 'invalid')),
          other: q.other ? z.pipe(z.transform((v) => (v === '' ? undefined : v)), z.optional(z.string().check(z.trim(), z.maxLength(500, 'too_long')))) : z.undefined(),
        }).check(z.refine((a) => !q.required || a.chosen.length > 0 || Boolean(a.other), { message: 'choose_one', path: ['chosen'] }));
        break;
      case 'scale':
        s = z.number({ error: (i) => (i.input === undefined ? 'required' : 'invalid') }).check(z.int('invalid'), z.gte(1, 'invalid_choice'), z.lte(5, 'invalid_choice'));
        break;
      default:
        s = z.pipe(z.transform((v) => (v === '' ? undefined : v)), z.string().check(z.trim(), z.minLength(1, 'required'), z.maxLength(4000, 'too_long')));
    }
    shape[q.id] = q.required ? s : z.optional(s);
  }
  return z.strictObject(shape, { error: (i) => (i.code === 'unrecognized_keys' ? 'invalid' : undefined) });
}
export type Answers = Record<string, unknown>;
