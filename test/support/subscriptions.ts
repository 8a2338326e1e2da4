import { expect } from 'vitest';
import { documentClient } from '../../functions/shared/dynamo.js';
import { DynamoSubscriptionStore, subscriberId } from '../../functions/subscriptions/store.js';
import { LOCAL_TABLE } from '../../local/stack.js';
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

/** Stores confirmed weekly listing readers directly: many confirmations from one client would meet the per-client limit. */
export async function storeConfirmedReaders(network: string, emails: string[]): Promise<void> {
  const subscribers = new DynamoSubscriptionStore(documentClient(), LOCAL_TABLE);
  const at = new Date().toISOString();
  for (const email of emails) {
    await subscribers.saveSubscriber({ id: subscriberId(email), email, lang: 'fi', networks: [network], kinds: ['listings'], themes: [], frequency: 'weekly', confirmedAt: at, updatedAt: at }, []);
  }
}

/** How many digests (mails with List-Unsubscribe) each address got. */
export async function digestsPerAddress(stack: TestStack): Promise<Map<string, number>> {
  const count = new Map<string, number>();
  for (const m of (await stack.mailbox()).filter((m) => header(m, 'List-Unsubscribe'))) for (const to of m.destination.to) count.set(to, (count.get(to) ?? 0) + 1);
  return count;
}
