import { QueryCommand } from '../../functions/shared/aws/dynamodb.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '../../functions/shared/dynamo.js';
import { LOCAL_TABLE } from '../../local/stack.js';
import { needsSurvey } from '../fixtures/surveys.js';
import { signIn, type SignedIn } from '../support/coordinator.js';
import { startTestStack, type TestStack } from '../support/stack.js';
import { subscribeConfirmed } from '../support/subscriptions.js';
import { answerFromInvites, personalToken } from '../support/surveys.js';

describe('a needs survey', () => {
  let stack: TestStack;
  let coordinator: SignedIn;
  let surveyId: string;
  const people = ['sosionomi1@example.fi', 'sosionomi2@example.fi', 'sosionomi3@example.fi'];
  const linkOf = (email: string) => personalToken(stack, surveyId, email);
  const answerWith = (token: string, answers: unknown) => stack.api(`/api/surveys/${surveyId}/responses`, { method: 'POST', json: { answers }, headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    stack = await startTestStack();
    coordinator = await signIn(stack, 'koordinaattori@kemi.example.fi');
    for (const email of people) await subscribeConfirmed(stack, { email, kinds: ['surveys'] });
  });
  afterAll(async () => stack?.close());

  it('invites every subscriber who chose surveys with a personal link when it opens', async () => {
    const created = await coordinator.api('/api/coordinator/networks/kemi-perhekeskus/surveys', { method: 'POST', json: needsSurvey() });
    surveyId = ((await created.json()) as { id: string }).id;
    const opened = await coordinator.api(`/api/coordinator/surveys/${surveyId}/open`, { method: 'POST' });
    await stack.settle();
    expect(opened.status).toBe(202);
    for (const p of people) expect(await linkOf(p)).toBeTruthy();
  });

  it('accepts an answer by the personal link once and refuses the same link again', async () => {
    const token = await linkOf(people[0]!);
    const answers = { role: 'ngo', wishes: { chosen: ['discussions', 'training'], other: 'Työnohjausta' }, need: 5, free: 'Kiitos!' };
    const first = await answerWith(token, answers);
    const again = await answerWith(token, answers);
    await stack.settle();
    expect(first.status).toBe(201);
    expect(again.status).toBe(409);
  });

  it('validates answers against the survey’s own definition', async () => {
    const token = await linkOf(people[1]!);
    const res = await answerWith(token, { role: 'astronaut', wishes: { chosen: [] }, need: 9, extra: 'x' });
    expect(res.status).toBe(400);
    const fields = ((await res.json()) as { error: { fields: Record<string, string> } }).error.fields;
    expect(Object.keys(fields)).toEqual(expect.arrayContaining(['answers.role', 'answers.need']));
  });

  it('counts the answers, and a duplicate ResponseSubmitted changes nothing', async () => {
    await answerWith(await linkOf(people[1]!), { role: 'ngo', wishes: { chosen: ['visits'] }, need: 3 });
    await answerWith(await linkOf(people[2]!), { role: 'municipal', wishes: { chosen: ['discussions'] }, need: 4 });
    await stack.settle();
    const before = (await (await coordinator.api(`/api/coordinator/surveys/${surveyId}/results`)).json()) as { responses: number; questions: Array<{ id: string; options?: Array<{ id: string; count: number }>; mean?: number; distribution?: number[]; texts?: string[] }> };
    const submitted = stack.archive.filter((e) => e['detail-type'] === 'Survey.ResponseSubmitted');
    for (const e of submitted) await stack.functions.get('SurveyAggregates')!.invoke(e);
    const after = await (await coordinator.api(`/api/coordinator/surveys/${surveyId}/results`)).json();

    expect(before.responses).toBe(3);
    const role = before.questions.find((q) => q.id === 'role')!;
    expect(role.options!.find((o) => o.id === 'ngo')!.count).toBe(2);
    const need = before.questions.find((q) => q.id === 'need')!;
    expect(need.mean).toBe(4);
    expect(need.distribution).toEqual([0, 0, 1, 1, 1]);
    expect(before.questions.find((q) => q.id === 'free')!.texts).toEqual(['Kiitos!']);
    expect(after).toEqual(before);
  });

  it('keeps no person in the responses of an anonymous survey', async () => {
    const out = await documentClient().send(new QueryCommand({ TableName: LOCAL_TABLE, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `SURVEY#${surveyId}` } }));
    const text = JSON.stringify(out.Items);
    for (const p of people) expect(text).not.toContain(p);
    expect(out.Items!.filter((i) => String(i.sk).startsWith('RESP#')).every((i) => i.person === undefined)).toBe(true);
  });

  it('exports the responses as CSV after closing, one row per response', async () => {
    const closed = await coordinator.api(`/api/coordinator/surveys/${surveyId}/close`, { method: 'POST' });
    await stack.settle();
    const csv = await (await coordinator.api(`/api/coordinator/surveys/${surveyId}/responses.csv`)).text();
    const rows = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(closed.status).toBe(202);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toBe('"Missä työskentelet?";"Mitä toivot verkostolta?";"Kuinka tarpeellisena pidät verkostoa?";"Muuta kerrottavaa"');
    expect(rows.slice(1).some((r) => r.includes('"Järjestö";"Yhteisiä keskusteluja, Koulutuksia, Työnohjausta";"5";"Kiitos!"'))).toBe(true);
    expect(stack.archive.some((e) => e['detail-type'] === 'Survey.Closed')).toBe(true);
  });

  it('refuses answers after closing, and refuses to publish the results of fewer than five answers', async () => {
    expect((await stack.api(`/api/surveys/${surveyId}/results`)).status).toBe(404);
    const publish = await coordinator.api(`/api/coordinator/surveys/${surveyId}/publish`, { method: 'POST' });
    const pub = await stack.api(`/api/surveys/${surveyId}/results`);
    const list = (await (await coordinator.api('/api/coordinator/networks/kemi-perhekeskus/surveys')).json()) as { surveys: Array<{ id: string; resultsPublic: boolean }> };
    expect(publish.status).toBe(409);
    expect(((await publish.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'too_few_responses', message: expect.stringContaining('at least 5') });
    expect(pub.status).toBe(404);
    expect(list.surveys.find((x) => x.id === surveyId)!.resultsPublic).toBe(false);
    const late = await stack.api(`/api/surveys/${surveyId}/responses`, { method: 'POST', json: { answers: { role: 'ngo', wishes: { chosen: ['training'] }, need: 2 }, email: 'myohassa@example.fi' } });
    expect(late.status).toBe(403);
  });

  it('binds an answer by the public link to a confirmed address, once', async () => {
    const created = await coordinator.api('/api/coordinator/networks/kemi-perhekeskus/surveys', { method: 'POST', json: needsSurvey({ anonymous: false, invite: 'digest' }) });
    const id = ((await created.json()) as { id: string }).id;
    await coordinator.api(`/api/coordinator/surveys/${id}/open`, { method: 'POST' });
    const answers = { role: 'school', wishes: { chosen: ['training'] }, need: 4 };
    const pending = await stack.api(`/api/surveys/${id}/responses`, { method: 'POST', json: { answers, email: 'julkinen@example.fi', name: 'Julkinen Vastaaja' } });
    const token = /surveys\/confirm\/#token=([\w.-]+)/.exec((await stack.mailTo('julkinen@example.fi'))[0]!.body.text ?? '')![1]!;
    const confirm = () => stack.api(`/api/surveys/${id}/responses/confirm`, { method: 'POST', json: { token } });
    const first = await confirm();
    const second = await confirm();
    await stack.settle();
    const csv = await (await coordinator.api(`/api/coordinator/surveys/${id}/responses.csv`)).text();
    expect(pending.status).toBe(202);
    expect(first.status).toBe(201);
    expect(second.status).toBe(409);
    expect(csv).toContain('"julkinen@example.fi";"Julkinen Vastaaja"');
  });

  it('closes by itself at its close time (a one-time schedule) and announces Survey.Closed', async () => {
    const created = await coordinator.api('/api/coordinator/networks/kemi-perhekeskus/surveys', { method: 'POST', json: needsSurvey({ invite: 'digest', closesAt: new Date(Date.now() + 3600_000).toISOString() }) });
    const id = ((await created.json()) as { id: string }).id;
    await coordinator.api(`/api/coordinator/surveys/${id}/open`, { method: 'POST' });
    await stack.settle();
    const due = stack.scheduler.nextInvocation(`survey-close-${id}`);

    await stack.scheduler.tick(due!.getTime() + 1000, { only: [`survey-close-${id}`] });
    await stack.settle();

    const list = (await (await coordinator.api('/api/coordinator/networks/kemi-perhekeskus/surveys')).json()) as { surveys: Array<{ id: string; status: string }> };
    expect(list.surveys.find((x) => x.id === id)?.status).toBe('closed');
    expect(stack.archive.filter((e) => e['detail-type'] === 'Survey.Closed' && (e.detail as { surveyId: string }).surveyId === id)).toHaveLength(1);
  });

  it('publishes results once five have answered, without free text, and hides what a question fewer than five answered got', async () => {
    const five = ['viisi1@example.fi', 'viisi2@example.fi', 'viisi3@example.fi', 'viisi4@example.fi', 'viisi5@example.fi'];
    for (const email of five) await subscribeConfirmed(stack, { email, kinds: ['surveys'] });
    const def = needsSurvey();
    const optionalScale = { ...def, questions: def.questions.map((q) => (q.id === 'need' ? { ...q, required: false } : q)) };
    const id = ((await (await coordinator.api('/api/coordinator/networks/kemi-perhekeskus/surveys', { method: 'POST', json: optionalScale })).json()) as { id: string }).id;
    await coordinator.api(`/api/coordinator/surveys/${id}/open`, { method: 'POST' });
    await stack.settle();
    await answerFromInvites(stack, id, five.slice(0, 4), (i) => ({ role: 'ngo', wishes: { chosen: ['training'] }, need: 4, free: `Vapaa ${i}` }));
    const withFour = await coordinator.api(`/api/coordinator/surveys/${id}/publish`, { method: 'POST' });
    await answerFromInvites(stack, id, five.slice(4), () => ({ role: 'school', wishes: { chosen: ['visits'] } }));

    const withFive = await coordinator.api(`/api/coordinator/surveys/${id}/publish`, { method: 'POST' });
    const pub = (await (await stack.api(`/api/surveys/${id}/results?lang=fi`)).json()) as { responses: number; questions: Array<{ id: string; answered: number; suppressed?: boolean; options?: Array<{ id: string; count: number }>; distribution?: number[]; mean?: number; texts?: unknown }> };

    expect(withFour.status).toBe(409);
    expect(withFive.status).toBe(200);
    expect(pub.responses).toBe(5);
    expect(pub.questions.find((q) => q.id === 'role')!.options!.find((o) => o.id === 'ngo')!.count).toBe(4);
    const need = pub.questions.find((q) => q.id === 'need')!;
    expect(need).toMatchObject({ answered: 4, suppressed: true });
    expect(need.distribution).toBeUndefined();
    expect(need.mean).toBeUndefined();
    expect(pub.questions.find((q) => q.id === 'free')!.texts).toBeUndefined();
  });

  it('shows the coordinator a draft exactly as respondents will get it, before it opens', async () => {
    const id = ((await (await coordinator.api('/api/coordinator/networks/kemi-perhekeskus/surveys', { method: 'POST', json: needsSurvey({ invite: 'digest' }) })).json()) as { id: string }).id;
    const publicWhileDraft = await stack.api(`/api/surveys/${id}?lang=sv`);
    const preview = await coordinator.api(`/api/coordinator/surveys/${id}?lang=sv`);
    const previewBody = ((await preview.json()) as { preview: Record<string, unknown> }).preview;
    await coordinator.api(`/api/coordinator/surveys/${id}/open`, { method: 'POST' });
    const asRespondents = (await (await stack.api(`/api/surveys/${id}?lang=sv`)).json()) as Record<string, unknown>;

    expect(publicWhileDraft.status).toBe(404);
    expect(preview.status).toBe(200);
    expect(previewBody).toMatchObject({ status: 'draft', title: 'Nätverksbehov hos yrkesfolk inom socialt arbete', introLang: 'fi' });
    expect({ ...previewBody, status: 'open' }).toEqual(asRespondents);
  });

  it('edits a draft with the same validation as on create, and refuses edits once it has opened', async () => {
    const id = ((await (await coordinator.api('/api/coordinator/networks/kemi-perhekeskus/surveys', { method: 'POST', json: needsSurvey({ invite: 'digest' }) })).json()) as { id: string }).id;
    const edited = needsSurvey({ invite: 'digest', title: { fi: 'Verkostoitumistarpeet 2027' }, questions: [{ kind: 'scale', id: 'need', text: { fi: 'Kuinka tarpeellisena pidät verkostoa?' }, low: { fi: 'Ei lainkaan' }, high: { fi: 'Erittäin' } }] });
    const definition = async () => (await (await coordinator.api(`/api/coordinator/surveys/${id}`)).json()) as { status: string; title: Record<string, string>; questions: Array<{ id: string }> };

    const invalid = { ...edited, questions: [], closesAt: '2020-01-01T00:00:00Z' };
    const bad = await coordinator.api(`/api/coordinator/surveys/${id}`, { method: 'PUT', json: invalid });
    const badFields = ((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields;
    const created = await coordinator.api('/api/coordinator/networks/kemi-perhekeskus/surveys', { method: 'POST', json: invalid });
    const createFields = ((await created.json()) as { error: { fields: Record<string, string> } }).error.fields;
    const afterBad = await definition();
    const ok = await coordinator.api(`/api/coordinator/surveys/${id}`, { method: 'PUT', json: edited });
    const afterOk = await definition();
    await coordinator.api(`/api/coordinator/surveys/${id}/open`, { method: 'POST' });
    const late = await coordinator.api(`/api/coordinator/surveys/${id}`, { method: 'PUT', json: needsSurvey({ title: { fi: 'Liian myöhään' } }) });
    const afterLate = await definition();

    expect(bad.status).toBe(400);
    expect(Object.keys(badFields).sort()).toEqual(['closesAt', 'questions']);
    expect(badFields).toEqual(createFields);
    expect(afterBad.title.fi).toBe('Sosiaalialan ammattilaisten verkostoitumistarpeet');
    expect(ok.status).toBe(200);
    expect(afterOk).toMatchObject({ status: 'draft', title: { fi: 'Verkostoitumistarpeet 2027' } });
    expect(afterOk.questions.map((q) => q.id)).toEqual(['need']);
    expect(late.status).toBe(409);
    expect(((await late.json()) as { error: { code: string } }).error.code).toBe('not_draft');
    expect(afterLate).toMatchObject({ status: 'open', title: { fi: 'Verkostoitumistarpeet 2027' } });
  });
});
