import { describe, expect, it } from 'vitest';
import { answerSchema, surveyDefinition } from '../../functions/surveys/schema.js';
import { issuesToFieldCodes } from '../../functions/shared/validation.js';
import { needsSurvey } from '../fixtures/surveys.js';

const codes = (r: { success: boolean; error?: { issues: Parameters<typeof issuesToFieldCodes>[0] } }) => (r.success ? {} : issuesToFieldCodes(r.error!.issues));

describe('survey definitions', () => {
  it('accepts the needs survey', () => {
    expect(codes(surveyDefinition.safeParse(needsSurvey()))).toEqual({});
  });

  it('refuses a survey with no questions', () => {
    expect(codes(surveyDefinition.safeParse(needsSurvey({ questions: [] })))).toEqual({ questions: 'choose_one' });
  });

  it('refuses a choice question with no options', () => {
    const bad = needsSurvey({ questions: [{ kind: 'single', id: 'q', text: { fi: 'Kysymys' }, options: [] }] });
    expect(codes(surveyDefinition.safeParse(bad))).toEqual({ 'questions.0.options': 'choose_one' });
  });

  it('refuses repeated question ids and a close before the opening', () => {
    const q = { kind: 'text', id: 'same', text: { fi: 'K' } };
    expect(codes(surveyDefinition.safeParse(needsSurvey({ questions: [q, q] })))).toEqual({ 'questions.1.id': 'invalid' });
    expect(codes(surveyDefinition.safeParse(needsSurvey({ opensAt: '2027-01-02T00:00:00Z', closesAt: '2027-01-01T00:00:00Z' })))).toEqual({ closesAt: 'before_start' });
  });
});

describe('the answer schema built from a definition', () => {
  const schema = answerSchema(surveyDefinition.parse(needsSurvey()));

  it('accepts answers that fit the definition', () => {
    expect(schema.safeParse({ role: 'ngo', wishes: { chosen: ['training'], other: 'Työnohjaus' }, need: 3, free: 'x' }).success).toBe(true);
  });

  it('refuses an option not in the question, a scale outside 1–5 and an unknown question', () => {
    expect(codes(schema.safeParse({ role: 'astronaut', wishes: { chosen: ['training'] }, need: 6, extra: 1 }))).toMatchObject({ role: 'invalid_choice', need: 'invalid_choice' });
  });

  it('requires the required questions and a choice in a required multiple choice', () => {
    expect(codes(schema.safeParse({ wishes: { chosen: [] } }))).toMatchObject({ role: 'required', 'wishes.chosen': 'choose_one', need: 'required' });
  });

  it('allows leaving an optional free-text question out', () => {
    expect(schema.safeParse({ role: 'ngo', wishes: { chosen: ['visits'] }, need: 1 }).success).toBe(true);
  });
});
