import type { Localised, UiLanguage } from '../shared/i18n.js';
import type { Mailer } from '../shared/mailer.js';
import { enforceLimits, type RateLimiter } from '../shared/rate-limit.js';
import type { WindowLimit } from '../shared/limits.js';
import { renderDigest } from './content.js';
import { collectContent, type BuildDeps, type MeetingSource, type SurveySource } from './digests.js';

export interface TestSendDeps extends Pick<BuildDeps, 'digests' | 'listings' | 'siteUrl' | 'clock'> {
  meetings?: MeetingSource;
  surveys?: SurveySource;
  mailer: Mailer;
  limiter: RateLimiter;
  limit: WindowLimit;
}

/** What the next digest would hold: everything since the last one (or the last 30 days). */
export async function nextDigestContent(network: string, deps: Pick<TestSendDeps, 'digests' | 'listings' | 'siteUrl' | 'clock' | 'meetings' | 'surveys'>) {
  const cursor = await deps.digests.cursor(network);
  const since = cursor.lastUntil ?? new Date(deps.clock.now().getTime() - 30 * 86400000).toISOString();
  return { since, content: await collectContent(network, since, deps.clock.now().toISOString(), deps) };
}

/**
 * "Send a test to me": the next digest, as a reader who wants everything
 * gets it, to the signed-in coordinator's own address and no one else's
 * (the address comes from the session, never from the request). Limited
 * per coordinator and per client, since each one is a real mail. Its links
 * go to the public pages instead of a subscriber's personal ones.
 */
export async function sendTestDigest(
  req: { network: string; networkName: Localised; lang: UiLanguage; coordinator: string; client: string },
  deps: TestSendDeps,
): Promise<{ items: number }> {
  await enforceLimits(deps.limiter, 'digest-test', deps.limit, { client: req.client, address: req.coordinator });
  const { content } = await nextDigestContent(req.network, deps);
  const page = (path: string) => `${deps.siteUrl}/${req.lang}/${path}`;
  const network = encodeURIComponent(req.network);
  const mail = renderDigest(req.networkName, content.items, req.lang, { view: page(`digests/?network=${network}`), manage: page('subscribe/'), unsubscribe: page('subscribe/') }, { test: true });
  await deps.mailer.send({ to: req.coordinator, lang: req.lang, subject: mail.subject, html: mail.html, text: mail.text, tags: { kind: 'digest-test' } });
  return { items: content.items.length };
}
