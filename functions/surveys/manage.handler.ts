import { monotonicFactory } from 'ulid';
import type * as z from '../shared/zod.js';
import { coordinatorAuth } from '../auth/runtime.js';
import { clock, publisher } from '../listings/runtime.js';
import { invalid, notFound } from '../shared/errors.js';
import { httpHandler, type HttpRequest, type HttpResult } from '../shared/http.js';
import { issuesToFieldCodes } from '../shared/validation.js';
import { surveyStore } from './runtime.js';
import { surveyDefinition } from './schema.js';
import { closeSurvey, createSurvey, openSurvey, publishResults, respondentView, responsesCsv, results, updateDraft } from './surveys.js';

const auth = await coordinatorAuth();
const store = surveyStore();
const ulid = monotonicFactory();
const deps = { store, publisher: publisher(), tokens: auth.deps.tokens, clock, ids: { next: () => ulid() } };

async function surveyNetwork(req: HttpRequest<unknown>): Promise<string> {
  const s = await store.get(req.params.id ?? '');
  if (!s) throw notFound();
  return s.network;
}

function parse<S extends z.ZodMiniType>(schema: S, text: string | undefined): z.output<S> {
  let raw: unknown;
  try {
    raw = text ? JSON.parse(text) : undefined;
  } catch {
    throw invalid('Request body is not valid JSON', undefined, 'invalid_json');
  }
  const out = schema.safeParse(raw);
  if (!out.success) throw invalid('Some fields need attention', issuesToFieldCodes(out.error.issues));
  return out.data;
}

/**
 * POST /api/coordinator/networks/{network}/surveys          a definition → a draft
 * GET  /api/coordinator/networks/{network}/surveys          the network's surveys
 * GET  /api/coordinator/surveys/{id}?lang                  the definition (for editing a draft) and, as
 *                                                          `preview`, the survey as respondents will get it
 * PUT  /api/coordinator/surveys/{id}                       a new definition for a draft (409 once opened)
 * POST /api/coordinator/surveys/{id}/open | /close | /publish (publish: 409 under five answers)
 * GET  /api/coordinator/surveys/{id}/results                counts, shares, means, free text
 * GET  /api/coordinator/surveys/{id}/responses.csv          one row per response (UTF-8 with BOM)
 */
export const handler = httpHandler(
  { maxBodyBytes: 64 * 1024, authorize: auth.require((req) => (req.params.network !== undefined ? req.params.network : surveyNetwork(req))) },
  async (req, session): Promise<HttpResult> => {
    const route = req.event.routeKey;
    if (route === 'POST /api/coordinator/networks/{network}/surveys') {
      const id = await createSurvey(req.params.network!, parse(surveyDefinition, req.event.body), session, deps);
      return { status: 201, body: { id } };
    }
    if (route === 'GET /api/coordinator/networks/{network}/surveys') {
      return { status: 200, body: { surveys: (await store.byNetwork(req.params.network!)).map((s) => ({ id: s.id, title: s.title, status: s.status, opensAt: s.opensAt, closesAt: s.closesAt, responses: s.responses, anonymous: s.anonymous, resultsPublic: s.resultsPublic })) } };
    }
    const s = (await store.get(req.params.id!))!;
    if (route === 'GET /api/coordinator/surveys/{id}') {
      const { title, intro, questions, opensAt, closesAt, anonymous, invite } = s;
      return { status: 200, body: { id: s.id, status: s.status, title, intro, questions, opensAt, closesAt, anonymous, invite, preview: respondentView(s, req.lang) } };
    }
    if (route === 'PUT /api/coordinator/surveys/{id}') {
      await updateDraft(s, parse(surveyDefinition, req.event.body), deps);
      return { status: 200, body: { id: s.id } };
    }
    if (route.endsWith('/open')) {
      await openSurvey(s, session, deps);
      return { status: 202, body: { id: s.id } };
    }
    if (route.endsWith('/close')) {
      await closeSurvey(s, session, deps);
      return { status: 202, body: { id: s.id } };
    }
    if (route.endsWith('/publish')) {
      await publishResults(s, deps);
      return { status: 200, body: { id: s.id, resultsPublic: true } };
    }
    if (route.endsWith('.csv')) {
      return { status: 200, body: responsesCsv(s, await store.responses(s.id)), headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="survey-${s.id}.csv"`, 'cache-control': 'no-store' } };
    }
    return { status: 200, body: results(s, await store.aggregates(s.id), req.lang, await store.texts(s.id)) };
  },
);
