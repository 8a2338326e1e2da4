import type { Bench } from './harness.js';

export interface Session {
  post(path: string, json: unknown): Promise<Response>;
}

interface StoredMail {
  destination: { to: string[] };
  body: { text?: string };
}

/** Signs in as a coordinator the way a person does: ask for a link, follow it from the local mailbox. */
export async function signIn(bench: Bench, email: string): Promise<Session> {
  const site = bench.stack.urls.site;
  const login = await fetch(`${site}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email }) });
  if (login.status !== 202) throw new Error(`sign-in request answered ${login.status}`);
  await bench.stack.settle();
  const mails = ((await (await fetch(`${bench.stack.urls.mail}/store`)).json()) as { emails: StoredMail[] }).emails;
  const text = mails.filter((m) => m.destination.to.includes(email)).at(-1)?.body.text ?? '';
  const link = /https?:\/\/\S+\/api\/auth\/callback\?token=\S+/.exec(text)?.[0];
  if (!link) throw new Error(`no sign-in link mailed to ${email}`);
  const callback = await fetch(link, { redirect: 'manual' });
  const cookies = callback.headers.getSetCookie();
  const session = cookies.find((c) => c.startsWith('verkosto_session='))?.split(';')[0];
  const csrfPair = cookies.find((c) => c.startsWith('verkosto_csrf='))?.split(';')[0];
  if (!session || !csrfPair) throw new Error(`sign-in callback answered ${callback.status} without a session`);
  const cookie = `${session}; ${csrfPair}`;
  const csrf = csrfPair.split('=')[1] ?? '';
  return {
    post: (path, json) => fetch(`${site}${path}`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: JSON.stringify(json) }),
  };
}
