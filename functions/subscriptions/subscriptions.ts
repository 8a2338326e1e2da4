import * as z from '../shared/zod.js';
import { DomainError, invalid, notFound, rateLimited, unauthorized } from '../shared/errors.js';
import type { UiLanguage } from '../shared/i18n.js';
import type { Mailer } from '../shared/mailer.js';
import type { Networks } from '../shared/networks.js';
import type { Publisher } from '../shared/publisher.js';
import type { WindowLimit } from '../shared/limits.js';
import { enforceLimits, type RateLimiter } from '../shared/rate-limit.js';
import type { TokenPurpose, Tokens } from '../shared/tokens.js';
import { subscriptionMail } from './mails.js';
import type { Preferences, SubscribeInput } from './schema.js';
import { subscriberId, type SubscriptionStore, type SuppressionReason } from './store.js';

export const CONFIRM_HOURS = 48;
/** Links in every digest: long-lived, so an old email still lets people leave. */
export const LINK_DAYS = 400;

export interface SubscriptionDeps {
  store: SubscriptionStore;
  tokens: Tokens;
  publisher: Publisher;
  clock: { now(): Date };
}

const confirmClaims = z.object({ requestId: z.string(), sub: z.string() });
const subClaims = z.object({ sub: z.string() });

/** A subscriber's own links, given their signed token (`linkToken`): where it goes, in the mail's language. */
export const manageUrlWith = (token: string, lang: UiLanguage, siteUrl: string) => `${siteUrl}/${lang}/subscribe/manage/#token=${token}`;

/**
 * The RFC 8058 one-click URL: a POST here unsubscribes at once; a GET only
 * opens the page, in the mail's language whatever the browser prefers.
 */
export const unsubscribeUrlWith = (token: string, lang: UiLanguage, siteUrl: string) => `${siteUrl}/api/subscriptions/unsubscribe?token=${token}&lang=${lang}`;

/** The token of a subscriber's manage or unsubscribe link: long-lived, so an old email still lets people leave. */
export const linkToken = (purpose: 'manage' | 'unsubscribe', id: string, deps: { tokens: Tokens; clock: { now(): Date } }) => deps.tokens.sign(purpose, { sub: id }, LINK_DAYS * 86400, deps.clock.now());

export async function manageLink(id: string, lang: UiLanguage, deps: { tokens: Tokens; siteUrl: string; clock: { now(): Date } }) {
  return manageUrlWith(await linkToken('manage', id, deps), lang, deps.siteUrl);
}

export async function unsubscribeUrl(id: string, lang: UiLanguage, deps: { tokens: Tokens; siteUrl: string; clock: { now(): Date } }) {
  return unsubscribeUrlWith(await linkToken('unsubscribe', id, deps), lang, deps.siteUrl);
}

/**
 * Double opt-in. The answer is the same whatever the address's state, so
 * nobody can learn who is on the list; the mail says what applies.
 */
export async function requestSubscription(
  input: SubscribeInput,
  clientIp: string,
  deps: SubscriptionDeps & { mailer: Mailer; limiter: RateLimiter; limit: WindowLimit; networks: Networks; siteUrl: string; ids: { next(): string } },
): Promise<void> {
  const unknown = input.networks.findIndex((n) => !deps.networks.has(n));
  if (unknown >= 0) throw invalid('Unknown network', { [`networks.${unknown}`]: 'unknown_network' });
  await enforceLimits(deps.limiter, 'subscribe', deps.limit, { client: clientIp, address: input.email });

  const id = subscriberId(input.email);
  const now = deps.clock.now();
  const suppressed = await deps.store.suppression(id);
  // A bounced or complaining address gets no more mail, not even a confirmation.
  if (suppressed === 'bounce' || suppressed === 'complaint') return;
  const existing = await deps.store.getSubscriber(id);
  if (existing) {
    await deps.mailer.send({ to: input.email, ...subscriptionMail('already', input.lang, await manageLink(id, input.lang, deps)), tags: { kind: 'subscription-exists' } });
    return;
  }
  const pending = await deps.store.pendingOf(id, Math.floor(now.getTime() / 1000));
  const { email, ...prefs } = input;
  const requestId = pending?.requestId ?? deps.ids.next();
  const expiresAt = Math.floor(now.getTime() / 1000) + CONFIRM_HOURS * 3600;
  // Subscribing again while pending updates the one request and re-sends its link.
  await deps.store.putPending(id, { requestId, email: email.trim().toLowerCase(), prefs, createdAt: now.toISOString(), expiresAt });
  const token = await deps.tokens.sign('confirm', { requestId, sub: id }, CONFIRM_HOURS * 3600, now);
  await deps.mailer.send({ to: email, ...subscriptionMail('confirm', input.lang, `${deps.siteUrl}/${input.lang}/subscribe/confirm/#token=${token}`), tags: { kind: 'subscription-confirm' } });
  await deps.publisher.publish('Subscription.Requested', { version: 1, requestId, networks: prefs.networks, resent: Boolean(pending) });
}

async function claims<S extends z.ZodMiniType>(purpose: TokenPurpose, token: string, schema: S, deps: { tokens: Tokens; clock: { now(): Date } }): Promise<z.output<S>> {
  try {
    return (await deps.tokens.verify(purpose, token, schema, deps.clock.now())).claims;
  } catch {
    throw unauthorized('The link is not valid or has expired');
  }
}

export async function confirmSubscription(token: string, deps: SubscriptionDeps): Promise<{ networks: string[] }> {
  const c = await claims('confirm', token, confirmClaims, deps);
  const now = deps.clock.now();
  const request = await deps.store.getRequest(c.requestId, Math.floor(now.getTime() / 1000));
  if (!request) {
    // Clicking the link twice is fine; a link whose request is gone and never confirmed has expired.
    const s = await deps.store.getSubscriber(c.sub);
    if (s) return { networks: s.networks };
    throw new DomainError('gone', 'expired', 'The confirmation link has expired; please subscribe again');
  }
  const previous = await deps.store.getSubscriber(c.sub);
  const at = now.toISOString();
  await deps.store.saveSubscriber({ id: c.sub, email: request.email, ...request.prefs, confirmedAt: previous?.confirmedAt ?? at, updatedAt: at }, previous?.networks ?? []);
  await deps.store.dropPending(c.sub, request.requestId);
  await deps.publisher.publish('Subscription.Confirmed', { version: 1, subscriberId: c.sub, networks: request.prefs.networks });
  return { networks: request.prefs.networks };
}

export async function readPreferences(token: string, deps: SubscriptionDeps) {
  const { sub } = await claims('manage', token, subClaims, deps);
  const s = await deps.store.getSubscriber(sub);
  if (!s) throw notFound('No subscription for this link');
  const { id: _id, ...rest } = s;
  return rest;
}

export async function changePreferences(token: string, prefs: Preferences, deps: SubscriptionDeps & { networks: Networks }) {
  const { sub } = await claims('manage', token, subClaims, deps);
  const unknown = prefs.networks.findIndex((n) => !deps.networks.has(n));
  if (unknown >= 0) throw invalid('Unknown network', { [`networks.${unknown}`]: 'unknown_network' });
  const s = await deps.store.getSubscriber(sub);
  if (!s) throw notFound('No subscription for this link');
  await deps.store.saveSubscriber({ ...s, ...prefs, updatedAt: deps.clock.now().toISOString() }, s.networks);
  await deps.publisher.publish('Subscription.Changed', { version: 1, subscriberId: sub, networks: prefs.networks });
}

/** Takes effect at once and erases the address; idempotent, so a second click is harmless. */
export async function unsubscribe(token: string, deps: SubscriptionDeps): Promise<void> {
  const { sub } = await claims('unsubscribe', token, subClaims, deps).catch(() => claims('manage', token, subClaims, deps));
  await endSubscription(sub, 'unsubscribed', deps);
}

export async function endSubscription(sub: string, reason: SuppressionReason, deps: SubscriptionDeps): Promise<void> {
  const existed = await deps.store.getSubscriber(sub);
  await deps.store.erase(sub, reason, deps.clock.now().toISOString());
  if (existed) await deps.publisher.publish('Subscription.Ended', { version: 1, subscriberId: sub, reason });
}
