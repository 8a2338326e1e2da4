import { expect } from 'vitest';
import type { TestStack } from './stack.js';

export interface SignedIn {
  cookie: string;
  csrf: string;
  /** fetch with the session cookie and, for writes, the CSRF header */
  api(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
}

/** The sign-in link from the newest sign-in mail to `email` in the local mailbox. */
export async function signInLink(stack: TestStack, email: string): Promise<string> {
  // The link is mailed after the form's answer (SendSignInLink).
  await stack.settle();
  const mails = (await stack.mailTo(email)).filter((m) => m.subject.includes('Verkosto'));
  const text = mails.at(-1)?.body.text ?? '';
  const link = /https?:\/\/\S+\/api\/auth\/callback\?token=\S+/.exec(text)?.[0];
  if (!link) throw new Error(`no sign-in link mailed to ${email}`);
  return link;
}

/** Signs in the way a coordinator does: ask for a link, follow it from the mailbox. */
export async function signIn(stack: TestStack, email: string): Promise<SignedIn> {
  const res = await stack.api('/api/auth/login', { method: 'POST', json: { email } });
  expect(res.status).toBe(202);
  const link = await signInLink(stack, email);
  const callback = await fetch(link, { redirect: 'manual' });
  expect(callback.status).toBe(303);
  const cookies = callback.headers.getSetCookie();
  const session = cookies.find((c) => c.startsWith('verkosto_session='))!.split(';')[0]!;
  const csrfPair = cookies.find((c) => c.startsWith('verkosto_csrf='))!.split(';')[0]!;
  const cookie = `${session}; ${csrfPair}`;
  const csrf = csrfPair.split('=')[1]!;
  return {
    cookie,
    csrf,
    api: (path, init = {}) => {
      const { json, ...rest } = init;
      const method = (rest.method ?? 'GET').toUpperCase();
      return fetch(`${stack.urls.site}${path}`, {
        ...rest,
        headers: {
          cookie,
          ...(method !== 'GET' ? { 'x-csrf-token': csrf } : {}),
          ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(rest.headers ?? {}),
        },
        ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
      });
    },
  };
}
