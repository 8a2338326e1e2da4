import { expect } from 'vitest';
import type { TestStack } from './stack.js';

/** The token of the personal link the invite mail of survey `surveyId` brought to `email`. */
export async function personalToken(stack: TestStack, surveyId: string, email: string): Promise<string> {
  const mail = (await stack.mailTo(email)).find((m) => (m.body.text ?? '').includes(`surveys/answer/?id=${surveyId}#token=`));
  const token = /#token=([\w.-]+)/.exec(mail?.body.text ?? '')?.[1];
  if (!token) throw new Error(`no invite to survey ${surveyId} mailed to ${email}`);
  return token;
}

/** Each person answers from the personal link in their mailbox, as the answer page sends it; the counts are settled after. */
export async function answerFromInvites(stack: TestStack, surveyId: string, emails: readonly string[], answers: (i: number) => Record<string, unknown>): Promise<void> {
  for (const [i, email] of emails.entries()) {
    const res = await stack.api(`/api/surveys/${surveyId}/responses`, { method: 'POST', json: { answers: answers(i) }, headers: { authorization: `Bearer ${await personalToken(stack, surveyId, email)}` } });
    expect(res.status, `answer of ${email}`).toBe(201);
  }
  await stack.settle();
}
