import { monotonicFactory } from 'ulid';
import * as z from '../shared/zod.js';
import { bearer } from '../listings/listings.js';
import { clock, mailer, publisher, siteUrl } from '../listings/runtime.js';
import { documentClient } from '../shared/dynamo.js';
import { ENV, parseEnv } from '../shared/env.js';
import { invalid, notFound } from '../shared/errors.js';
import { httpHandler, type HttpResult } from '../shared/http.js';
import { limit } from '../shared/limits.js';
import { DynamoRateLimiter, enforceLimits } from '../shared/rate-limit.js';
import { loadTokens } from '../shared/token-keys.js';
import { optionalLine } from '../shared/validation.js';
import { surveyStore } from './runtime.js';
import { answerByLink, answerPublicly, confirmPublicAnswer, publicResults, respondentView } from './surveys.js';

const store = surveyStore();
const ulid = monotonicFactory();
const deps = { store, publisher: publisher(), tokens: await loadTokens(), clock, ids: { next: () => ulid() }, mailer: mailer(), siteUrl: siteUrl() };
const answerLimit = limit('surveyAnswers');
const limiter = new DynamoRateLimiter(documentClient(), parseEnv({ [ENV.tableName]: z.string().check(z.minLength(1)) })[ENV.tableName]);

const body = z.lazy(() => z.object({ answers: z.record(z.string(), z.unknown()), email: z.optional(z.email('invalid_email').check(z.maxLength(254))), name: optionalLine(120) }));
const confirmBody = z.lazy(() => z.object({ token: z.string().check(z.minLength(10), z.maxLength(16_000)) }));

/**
 * GET  /api/surveys/{id}                       the survey in the reader's language
 * POST /api/surveys/{id}/responses             Bearer personal link, or {answers, email} by the public link
 * POST /api/surveys/{id}/responses/confirm     {token} from the confirmation mail (public link answers)
 * GET  /api/surveys/{id}/results               once published with at least five answers (no free text)
 */
export const handler = httpHandler({ maxBodyBytes: 64 * 1024 }, async (req): Promise<HttpResult> => {
  const route = req.event.routeKey;
  const s = await store.get(req.params.id ?? '');
  if (!s || s.status === 'draft') throw notFound();
  const json = () => {
    try {
      return req.event.body ? (JSON.parse(req.event.body) as unknown) : undefined;
    } catch {
      throw invalid('Request body is not valid JSON', undefined, 'invalid_json');
    }
  };
  if (route === 'GET /api/surveys/{id}') return { status: 200, body: respondentView(s, req.lang) };
  if (route === 'GET /api/surveys/{id}/results') {
    return { status: 200, body: publicResults(s, await store.aggregates(s.id), req.lang) };
  }
  if (route === 'POST /api/surveys/{id}/responses/confirm') {
    const c = confirmBody.safeParse(json());
    if (!c.success) throw invalid('A token is required', { token: 'required' });
    return { status: 201, body: { responseId: await confirmPublicAnswer(s.id, c.data.token, deps) } };
  }
  const b = body.safeParse(json());
  if (!b.success) throw invalid('Some fields need attention', { answers: 'required' });
  if (req.headers.authorization) return { status: 201, body: { responseId: await answerByLink(s.id, bearer(req.headers), b.data.answers, deps) } };
  if (!b.data.email) throw invalid('Your email address is needed to confirm the answer', { email: 'required' });
  await enforceLimits(limiter, 'survey', answerLimit, { client: req.client, address: b.data.email });
  await answerPublicly(s.id, b.data.email, b.data.name, b.data.answers, req.lang, deps);
  return { status: 202, body: { pending: true } };
});
