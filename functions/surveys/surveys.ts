import * as z from '../shared/zod.js';
import type { Session } from '../auth/auth.js';
import { mailText, renderEmail } from '../shared/email.js';
import { conflict, DomainError, invalid, notFound, unauthorized } from '../shared/errors.js';
import { localisedField, pick, type UiLanguage } from '../shared/i18n.js';
import type { Mailer } from '../shared/mailer.js';
import type { Publisher } from '../shared/publisher.js';
import type { Tokens } from '../shared/tokens.js';
import { issuesToFieldCodes } from '../shared/validation.js';
import { answerSchema, type Answers, type SurveyDefinition } from './schema.js';
import { personHash, type Aggregate, type DynamoSurveyStore, type SurveyRecord } from './store.js';

export interface SurveyDeps {
  store: DynamoSurveyStore;
  publisher: Publisher;
  tokens: Tokens;
  clock: { now(): Date };
  ids: { next(): string };
}

const stamp = (session: Session, network: string, id: string, at: string) => ({ actor: session.email, network, target: { kind: 'survey' as const, id }, at });

export async function createSurvey(network: string, def: SurveyDefinition, session: Session, deps: SurveyDeps): Promise<string> {
  const id = deps.ids.next();
  await deps.store.put({ ...def, id, network, status: 'draft', resultsPublic: false, responses: 0, createdBy: session.email });
  return id;
}

/**
 * A draft can be changed until it opens: the definition is validated as on
 * create and replaced whole; once it has opened people may have answered
 * it, so it stays as it was asked (409).
 */
export async function updateDraft(s: SurveyRecord, def: SurveyDefinition, deps: Pick<SurveyDeps, 'store'>): Promise<void> {
  if (s.status !== 'draft' || !(await deps.store.replaceDraft({ ...s, ...def }))) throw conflict('not_draft', 'Only a draft survey can be edited; this one has already opened');
}

/**
 * Small-number protection: results are published, and shown publicly, only
 * when at least this many people have answered, so that no one's answers
 * can be picked out of a handful (the rule statistics offices follow).
 */
export const MIN_PUBLISHED_RESPONSES = 5;

export async function publishResults(s: SurveyRecord, deps: Pick<SurveyDeps, 'store'>): Promise<void> {
  if (s.status === 'draft') throw conflict('not_open', 'A draft has no results to publish');
  if (s.responses < MIN_PUBLISHED_RESPONSES) throw conflict('too_few_responses', `Results can be published once at least ${MIN_PUBLISHED_RESPONSES} people have answered (now ${s.responses})`);
  // The count only grows, so it cannot fall under the limit between the check and the write.
  await deps.store.setStatus(s.id, ['open', 'closed'], s.status, { resultsPublic: true });
}

/** The survey as a respondent gets it, in the reader's language; the coordinator's preview is the same. */
export function respondentView(s: SurveyRecord, lang: UiLanguage) {
  return {
    id: s.id,
    network: s.network,
    status: s.status,
    ...localisedField('title', s.title, lang),
    ...localisedField('intro', s.intro, lang),
    anonymous: s.anonymous,
    opensAt: s.opensAt,
    closesAt: s.closesAt,
    resultsPublic: s.resultsPublic,
    questions: s.questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      required: q.required,
      ...localisedField('text', q.text, lang),
      ...('options' in q ? { options: q.options.map((o) => ({ id: o.id, ...localisedField('label', o.label, lang) })) } : {}),
      ...(q.kind === 'multiple' ? { other: q.other } : {}),
      ...(q.kind === 'scale' ? { ...localisedField('low', q.low, lang), ...localisedField('high', q.high, lang) } : {}),
    })),
  };
}

export async function openSurvey(s: SurveyRecord, session: Session, deps: SurveyDeps) {
  if (!(await deps.store.setStatus(s.id, ['draft'], 'open'))) throw conflict('not_draft', 'Only a draft survey can be opened');
  const at = deps.clock.now().toISOString();
  await deps.publisher.publish('Survey.Opened', { version: 1, surveyId: s.id, network: s.network, invite: s.invite, audit: stamp(session, s.network, s.id, at) });
}

export async function closeSurvey(s: SurveyRecord, session: Session, deps: SurveyDeps) {
  const at = deps.clock.now().toISOString();
  if (!(await deps.store.setStatus(s.id, ['open'], 'closed', { closedAt: at }))) throw conflict('not_open', 'Only an open survey can be closed');
  await deps.publisher.publish('Survey.Closed', { version: 1, surveyId: s.id, network: s.network, audit: stamp(session, s.network, s.id, at) });
}

/** Answers open between opensAt and closesAt of an opened survey. */
function assertAnswerable(s: SurveyRecord, now: Date) {
  if (s.status !== 'open' || now.toISOString() < s.opensAt) throw new DomainError('forbidden', 'not_open', 'This survey is not open');
  if (now.toISOString() >= s.closesAt) throw new DomainError('gone', 'closed', 'This survey has closed');
}

export function parseAnswers(s: SurveyRecord, raw: unknown): Answers {
  const out = answerSchema(s).safeParse(raw);
  if (!out.success) throw invalid('Some answers need attention', Object.fromEntries(Object.entries(issuesToFieldCodes(out.error.issues)).map(([k, v]) => [`answers.${k}`, v])));
  return out.data as Answers;
}

const personal = z.object({ surveyId: z.string(), sub: z.string(), lang: z._default(z.enum(['fi', 'sv', 'en']), 'fi'), email: z.optional(z.email()) });
const confirmClaims = z.object({ surveyId: z.string(), email: z.email(), answers: z.record(z.string(), z.unknown()), name: z.optional(z.string()) });

/**
 * One response per person. The person is hashed into a "done" marker of its
 * own (no response id, no time), claimed with a conditional write before the
 * answer is stored: the personal link works once, and in an anonymous survey
 * nothing joins the marker to the answers. Marker and answer succeed or fail
 * together: when storing or publishing fails, the answer is removed and the
 * marker released, so the same link can send it again.
 */
export async function recordResponse(s: SurveyRecord, person: { key: string; email?: string; name?: string }, answers: Answers, deps: SurveyDeps): Promise<string> {
  const marker = personHash(s.id, person.key);
  if (!(await deps.store.claimPerson(s.id, marker))) throw conflict('already_answered', 'You have already answered this survey');
  const responseId = deps.ids.next();
  try {
    await deps.store.putResponse(s.id, responseId, answers, s.anonymous || !person.email ? undefined : { email: person.email, ...(person.name ? { name: person.name } : {}) });
    await deps.publisher.publish('Survey.ResponseSubmitted', { version: 1, surveyId: s.id, network: s.network, responseId });
  } catch (err) {
    await deps.store.deleteResponse(s.id, responseId);
    await deps.store.releasePerson(s.id, marker);
    throw err;
  }
  return responseId;
}

export async function answerByLink(surveyId: string, token: string, raw: unknown, deps: SurveyDeps): Promise<string> {
  let c: z.infer<typeof personal>;
  try {
    c = (await deps.tokens.verify('survey', token, personal, deps.clock.now())).claims;
  } catch {
    throw unauthorized('The survey link is not valid or has expired');
  }
  if (c.surveyId !== surveyId) throw unauthorized('This link is for another survey');
  const s = await deps.store.get(surveyId);
  if (!s) throw notFound();
  assertAnswerable(s, deps.clock.now());
  // A named survey keeps who answered; the address came signed in the personal link.
  return recordResponse(s, { key: `sub:${c.sub}`, ...(c.email ? { email: c.email } : {}) }, parseAnswers(s, raw), deps);
}

/** By the public link: the answers wait in a signed confirmation link mailed to the address given. */
export async function answerPublicly(surveyId: string, email: string, name: string | undefined, raw: unknown, lang: UiLanguage, deps: SurveyDeps & { mailer: Mailer; siteUrl: string }): Promise<void> {
  const s = await deps.store.get(surveyId);
  if (!s) throw notFound();
  assertAnswerable(s, deps.clock.now());
  const answers = parseAnswers(s, raw);
  const ttl = Math.min(48 * 3600, Math.max(60, Math.floor((Date.parse(s.closesAt) - deps.clock.now().getTime()) / 1000)));
  const token = await deps.tokens.sign('confirm', { surveyId, email, answers, ...(name ? { name } : {}) }, ttl, deps.clock.now());
  const link = `${deps.siteUrl}/${lang}/surveys/confirm/#token=${token}`;
  const t = {
    fi: { heading: 'Vahvista vastauksesi', text: 'Vastauksesi kyselyyn lasketaan mukaan, kun vahvistat sen.', action: 'Vahvista vastaus' },
    sv: { heading: 'Bekräfta ditt svar', text: 'Ditt svar räknas när du bekräftar det.', action: 'Bekräfta svaret' },
    en: { heading: 'Confirm your answer', text: 'Your answer counts once you confirm it.', action: 'Confirm answer' },
  }[lang];
  const mail = renderEmail({ lang, subject: `${t.heading}: ${pick(s.title, lang)}`, preheader: t.text, title: mailText(s.title, lang), blocks: [{ heading: t.heading, paragraphs: [t.text], action: { label: t.action, url: link } }], footer: ['Verkosto'] });
  await deps.mailer.send({ to: email, ...mail, tags: { kind: 'survey-confirm' } });
}

export async function confirmPublicAnswer(surveyId: string, token: string, deps: SurveyDeps): Promise<string> {
  let c: z.infer<typeof confirmClaims>;
  try {
    c = (await deps.tokens.verify('confirm', token, confirmClaims, deps.clock.now())).claims;
  } catch {
    throw unauthorized('The link is not valid or has expired');
  }
  if (c.surveyId !== surveyId) throw unauthorized('This link is for another survey');
  const s = await deps.store.get(surveyId);
  if (!s) throw notFound();
  assertAnswerable(s, deps.clock.now());
  return recordResponse(s, { key: `email:${c.email.toLowerCase()}`, email: c.email, ...(c.name ? { name: c.name } : {}) }, parseAnswers(s, c.answers), deps);
}

/** Adds one stored response to the running counts; the caller makes it once per response. */
export async function aggregate(s: SurveyRecord, responseId: string, store: DynamoSurveyStore) {
  const r = await store.getResponse(s.id, responseId);
  if (!r) throw new Error(`Response ${responseId} not stored`);
  for (const q of s.questions) {
    // Own keys only: an id like 'constructor' must not find Object's.
    const a = Object.hasOwn(r.answers, q.id) ? r.answers[q.id] : undefined;
    if (a === undefined) continue;
    if (q.kind === 'single') await store.addToAggregate(s.id, q.id, { counts: [String(a)] });
    else if (q.kind === 'multiple') {
      const m = a as { chosen: string[]; other?: string };
      await store.addToAggregate(s.id, q.id, { counts: m.chosen, other: Boolean(m.other) });
      if (m.other) await store.putText(s.id, q.id, responseId, m.other);
    } else if (q.kind === 'scale') await store.addToAggregate(s.id, q.id, { counts: [String(a)], sum: Number(a) });
    else {
      await store.addToAggregate(s.id, q.id, {});
      await store.putText(s.id, q.id, responseId, String(a));
    }
  }
  await store.countResponse(s.id);
}

/**
 * The published results for anyone: none until published with enough
 * answers (404 either way, with its own code), no free text, and a question
 * fewer than MIN_PUBLISHED_RESPONSES answered (an optional one) shows how
 * many answered but not what.
 */
export function publicResults(s: SurveyRecord, aggs: Aggregate[], lang: UiLanguage) {
  if (!s.resultsPublic) throw notFound('The results have not been published');
  if (s.responses < MIN_PUBLISHED_RESPONSES) throw new DomainError('not_found', 'too_few_responses', `Results are shown once at least ${MIN_PUBLISHED_RESPONSES} people have answered`);
  const r = results(s, aggs, lang);
  return { ...r, questions: r.questions.map((q, i) => (q.answered < MIN_PUBLISHED_RESPONSES && q.kind !== 'text' ? { id: q.id, kind: q.kind, ...localisedField('text', s.questions[i]!.text, lang), answered: q.answered, suppressed: true } : q)) };
}

/** Results from the aggregates: constant reads however many responses there are. Free text only for coordinators. */
export function results(s: SurveyRecord, aggs: Aggregate[], lang: UiLanguage, texts?: Array<{ questionId: string; text: string }>) {
  const byId = new Map(aggs.map((a) => [a.questionId, a]));
  return {
    id: s.id,
    ...localisedField('title', s.title, lang),
    status: s.status,
    responses: s.responses,
    questions: s.questions.map((q) => {
      const a = byId.get(q.id) ?? { questionId: q.id, n: 0, counts: {} };
      const base = { id: q.id, kind: q.kind, ...localisedField('text', q.text, lang), answered: a.n };
      if (q.kind === 'single' || q.kind === 'multiple') {
        return { ...base, options: q.options.map((o) => ({ id: o.id, ...localisedField('label', o.label, lang), count: a.counts?.[o.id] ?? 0, share: a.n ? (a.counts?.[o.id] ?? 0) / a.n : 0 })), ...(q.kind === 'multiple' && q.other ? { other: a.other ?? 0 } : {}), ...(texts && q.kind === 'multiple' ? { otherTexts: texts.filter((t) => t.questionId === q.id).map((t) => t.text) } : {}) };
      }
      if (q.kind === 'scale') {
        return { ...base, ...localisedField('low', q.low, lang), ...localisedField('high', q.high, lang), mean: a.n ? (a.sum ?? 0) / a.n : null, distribution: [1, 2, 3, 4, 5].map((v) => a.counts?.[String(v)] ?? 0) };
      }
      return { ...base, ...(texts ? { texts: texts.filter((t) => t.questionId === q.id).map((t) => t.text) } : {}) };
    }),
  };
}

const cell = (v: unknown) => `"${String(v ?? '').replace(/^([=+\-@\t\r])/, "'$1").replace(/"/g, '""')}"`;

/** One row per response, one column per question (UTF-8 with BOM for Excel). */
export function responsesCsv(s: SurveyRecord, rows: Array<{ responseId: string; answers: Answers; person?: { email: string; name?: string } }>): string {
  const named = !s.anonymous;
  const header = [...(named ? ['email', 'name'] : []), ...s.questions.map((q) => pick(q.text, 'fi'))];
  const value = (q: SurveyRecord['questions'][number], a: unknown) => {
    if (a === undefined) return '';
    if (q.kind === 'single') return pick(q.options.find((o) => o.id === a)?.label ?? { fi: String(a) }, 'fi');
    if (q.kind === 'multiple') {
      const m = a as { chosen: string[]; other?: string };
      return [...m.chosen.map((c) => pick(q.options.find((o) => o.id === c)?.label ?? { fi: c }, 'fi')), ...(m.other ? [m.other] : [])].join(', ');
    }
    return String(a);
  };
  const lines = [header.map(cell).join(';'), ...rows.map((r) => [...(named ? [r.person?.email, r.person?.name] : []), ...s.questions.map((q) => value(q, Object.hasOwn(r.answers, q.id) ? r.answers[q.id] : undefined))].map(cell).join(';'))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function surveyLink(s: SurveyRecord, subscriberId: string, lang: UiLanguage, deps: { tokens: Tokens; siteUrl: string; clock: { now(): Date } }, email?: string) {
  const ttl = Math.max(3600, Math.floor((Date.parse(s.closesAt) - deps.clock.now().getTime()) / 1000));
  // Only a named survey carries the address; an anonymous one must not be able to learn it.
  const token = await deps.tokens.sign('survey', { surveyId: s.id, sub: subscriberId, lang, ...(!s.anonymous && email ? { email } : {}) }, ttl, deps.clock.now());
  return `${deps.siteUrl}/${lang}/surveys/answer/?id=${encodeURIComponent(s.id)}#token=${token}`;
}
