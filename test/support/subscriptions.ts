import { expect } from 'vitest';
import type { TestStack } from './stack.js';

export interface Subscription {
  email: string;
  lang?: 'fi' | 'sv' | 'en';
  kinds?: string[];
  themes?: string[];
  frequency?: 'weekly' | 'monthly';
  networks?: string[];
}

export async function subscribe(stack: TestStack, s: Subscription): Promise<void> {
  const res = await stack.api('/api/subscriptions', {
    method: 'POST',
    json: { email: s.email, lang: s.lang ?? 'fi', networks: s.networks ?? ['kemi-perhekeskus'], kinds: s.kinds ?? ['listings', 'meetings', 'surveys'], themes: s.themes ?? [], frequency: s.frequency ?? 'weekly' },
  });
  expect(res.status).toBe(202);
}

/** Confirms from the newest confirmation mail, as the subscriber clicks it. */
export async function confirmFromMail(stack: TestStack, email: string): Promise<void> {
  const mail = (await stack.mailTo(email)).filter((m) => /subscribe\/confirm\/#token=/.test(m.body.text ?? '')).at(-1);
  const token = /subscribe\/confirm\/#token=([\w.-]+)/.exec(mail?.body.text ?? '')?.[1];
  if (!token) throw new Error(`no confirmation mail for ${email}`);
  const res = await stack.api('/api/subscriptions/confirm', { method: 'POST', json: { token } });
  expect(res.status).toBe(200);
  await stack.settle();
}

export async function subscribeConfirmed(stack: TestStack, s: Subscription): Promise<void> {
  await subscribe(stack, s);
  await confirmFromMail(stack, s.email);
}

export const header = (mail: { headers?: Array<{ name: string; value: string }> }, name: string) =>
  mail.headers?.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
