import { coordinatorAuth } from '../auth/runtime.js';
import { clock, listingStore, publisher, siteUrl } from '../listings/runtime.js';
import { httpHandler, type HttpResult } from '../shared/http.js';
import { subscriptionStore } from '../subscriptions/runtime.js';
import { collectContent } from './digests.js';
import { itemUrl, renderDigest } from './content.js';
import { digestStore } from './runtime.js';
import { meetingStore } from '../meetings/runtime.js';
import { surveyStore } from '../surveys/runtime.js';

const auth = await coordinatorAuth();
const digests = digestStore();
const subscriptions = subscriptionStore();
const events = publisher();
const deps = { digests, surveys: surveyStore(), meetings: meetingStore(), listings: listingStore(), siteUrl: siteUrl(), clock };

/**
 * GET  /api/coordinator/networks/{network}/digests/preview?lang   the next digest as a reader who wants everything gets it
 * POST /api/coordinator/networks/{network}/digests                send now (Digest.Requested)
 * GET  /api/coordinator/networks/{network}/digests                history with figures
 * GET  /api/coordinator/networks/{network}/subscribers/summary   counts, no addresses
 */
export const handler = httpHandler({ authorize: auth.require((req) => req.params.network) }, async (req, session): Promise<HttpResult> => {
  const network = req.params.network!;
  const route = req.event.routeKey;
  if (route.endsWith('/preview')) {
    const cursor = await digests.cursor(network);
    const since = cursor.lastUntil ?? new Date(clock.now().getTime() - 30 * 86400000).toISOString();
    const content = await collectContent(network, since, clock.now().toISOString(), deps);
    const mail = renderDigest(auth.networks.get(network)?.name ?? { fi: network }, content.items, req.lang, { view: '#', manage: '#', unsubscribe: '#' });
    return { status: 200, body: { since, items: content.items.length, list: content.items.map((i) => ({ ...i, url: itemUrl(i, req.lang) })), subject: mail.subject, html: mail.html, text: mail.text } };
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
