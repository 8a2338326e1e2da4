import { coordinatorAuth } from '../auth/runtime.js';
import * as z from '../shared/zod.js';
import { clock, listingStore, mailer, publisher, siteUrl } from '../listings/runtime.js';
import { documentClient } from '../shared/dynamo.js';
import { ENV, parseEnv } from '../shared/env.js';
import { limit } from '../shared/limits.js';
import { DynamoRateLimiter } from '../shared/rate-limit.js';
import { httpHandler, type HttpResult } from '../shared/http.js';
import { subscriptionStore } from '../subscriptions/runtime.js';
import { nextDigestContent, sendTestDigest } from './test-send.js';
import { itemUrl, renderDigest } from './content.js';
import { digestStore } from './runtime.js';
import { meetingSource } from '../meetings/runtime.js';
import { surveyStore } from '../surveys/runtime.js';

const auth = await coordinatorAuth();
const digests = digestStore();
const subscriptions = subscriptionStore();
const events = publisher();
const deps = { digests, surveys: surveyStore(), meetings: meetingSource(), listings: listingStore(), siteUrl: siteUrl(), clock };
const testDeps = {
  ...deps,
  mailer: mailer(),
  limiter: new DynamoRateLimiter(documentClient(), parseEnv({ [ENV.tableName]: z.string().check(z.minLength(1)) })[ENV.tableName]),
  limit: limit('digestTests'),
};

/**
 * GET  /api/coordinator/networks/{network}/digests/preview?lang   the next digest as a reader who wants everything gets it
 * POST /api/coordinator/networks/{network}/digests/test?lang     the same, to the signed-in coordinator only (rate-limited)
 * POST /api/coordinator/networks/{network}/digests                send now (Digest.Requested)
 * GET  /api/coordinator/networks/{network}/digests                history with figures
 * GET  /api/coordinator/networks/{network}/subscribers/summary   counts, no addresses
 */
export const handler = httpHandler({ authorize: auth.require((req) => req.params.network) }, async (req, session): Promise<HttpResult> => {
  const network = req.params.network!;
  const route = req.event.routeKey;
  if (route.endsWith('/preview')) {
    const { since, content } = await nextDigestContent(network, deps);
    const mail = renderDigest(auth.networks.get(network)?.name ?? { fi: network }, content.items, req.lang, { view: '#', manage: '#', unsubscribe: '#' });
    return { status: 200, body: { since, items: content.items.length, list: content.items.map((i) => ({ ...i, url: itemUrl(i, req.lang) })), subject: mail.subject, html: mail.html, text: mail.text } };
  }
  if (route.endsWith('/test')) {
    const out = await sendTestDigest({ network, networkName: auth.networks.get(network)?.name ?? { fi: network }, lang: req.lang, coordinator: session.email, client: req.client }, testDeps);
    return { status: 202, body: { sentTo: session.email, items: out.items } };
  }
  if (route.startsWith('POST')) {
    await events.publish('Digest.Requested', {
      version: 1,
      network,
      trigger: 'coordinator',
      audit: { actor: session.email, network, target: { kind: 'digest', id: network }, at: clock.now().toISOString() },
    });
    return { status: 202, body: { ok: true } };
  }
  if (route.endsWith('/summary')) {
    const summary = { total: 0, byLanguage: { fi: 0, sv: 0, en: 0 }, byFrequency: { weekly: 0, monthly: 0 }, byKind: { listings: 0, meetings: 0, surveys: 0 } as Record<string, number> };
    let start: Record<string, unknown> | undefined;
    do {
      const page = await subscriptions.recipients(network, 1000, start);
      for (const r of page.recipients) {
        summary.total++;
        summary.byLanguage[r.lang]++;
        summary.byFrequency[r.frequency]++;
        for (const k of r.kinds) summary.byKind[k] = (summary.byKind[k] ?? 0) + 1;
      }
      start = page.next;
    } while (start);
    return { status: 200, body: summary };
  }
  const list = await digests.list(network, 50);
  return {
    status: 200,
    body: {
      digests: list.map((d) => ({ digestId: d.digestId, trigger: d.trigger, status: d.status, createdAt: d.createdAt, finishedAt: d.finishedAt ?? null, items: d.weekly.items.length, recipients: d.recipients ?? 0, sent: d.sent ?? 0, skipped: d.skipped ?? 0, failed: d.failed ?? 0 })),
    },
  };
});
