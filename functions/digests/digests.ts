import { randomUUID } from 'node:crypto';
import * as z from '../shared/zod.js';
import type { ListingStore } from '../listings/store.js';
import { nextOccurrences } from '../listings/recurrence.js';
import { isMailNotSent, type Mailer, type MailMessage } from '../shared/mailer.js';
import type { Localised } from '../shared/i18n.js';
import type { Networks } from '../shared/networks.js';
import type { Publisher } from '../shared/publisher.js';
import type { Tokens } from '../shared/tokens.js';
import type { Recipient, SubscriptionStore } from '../subscriptions/store.js';
import { linkToken, manageUrlWith, unsubscribeUrlWith } from '../subscriptions/subscriptions.js';
import { itemsFor, renderDigest, type DigestContent, type DigestItem } from './content.js';
import type { DigestRecord, DigestStore, StoredBatch } from './store.js';

/** Recipients per queue message: small enough that a retried message resends little, large enough to batch well. */
export const RECIPIENTS_PER_MESSAGE = 25;
/** A first digest looks back this far. */
const FIRST_LOOKBACK_DAYS = 30;

/**
 * A queue message: which batch of which digest to send. The recipients stay
 * in the table (DIGESTBATCH#<digest>), so no address travels through SQS.
 */
export const digestBatch = z.object({
  network: z.string(),
  digestId: z.string(),
  batch: z.number().check(z.int(), z.gte(0)),
});
export type DigestBatch = z.infer<typeof digestBatch>;

/**
 * How many of a digest's batches wait on the queue at once. The builder
 * queues the first; each sender, as it takes batch k, queues batch k + 1.
 * So however large a digest, it has about one message waiting, and digests
 * due together take turns batch by batch instead of the first one built
 * going out whole before the next begins.
 */
export const DIGEST_CHAINS = 1;

/** Puts batch messages on the queue. */
export interface DigestQueue {
  enqueue(batches: DigestBatch[]): Promise<void>;
}

export interface BuildDeps {
  meetings?: MeetingSource;
  surveys?: SurveySource;
  digests: DigestStore;
  listings: ListingStore;
  subscriptions: SubscriptionStore;
  queue: DigestQueue;
  publisher: Publisher;
  siteUrl: string;
  clock: { now(): Date };
}

/** Meetings in the coming weeks go into every digest. */
export const MEETING_WEEKS_AHEAD = 4;

/** Reads a network's meetings by start time (Query on gsi1). */
export interface MeetingSource {
  upcoming(network: string, fromIso: string, toIso: string): Promise<Array<{ id: string; status: string; title: DigestItem['title']; description: DigestItem['summary']; start: string; presenters: string[]; turns?: string[] }>>;
}

/** Reads a network's surveys (Query on gsi1, newest first; a network runs a handful a year). */
export interface SurveySource {
  byNetwork(network: string): Promise<Array<{ id: string; status: string; title: DigestItem['title']; intro: DigestItem['summary']; opensAt: string; closesAt: string; closedAt?: string; resultsPublic: boolean }>>;
}

/** What became public in the network between two instants (from the feed, so its cost follows what is new, not the table), the coming meetings, open surveys and results of surveys closed since. */
export async function collectContent(network: string, since: string, until: string, deps: Pick<BuildDeps, 'digests' | 'listings' | 'siteUrl' | 'clock'> & { meetings?: MeetingSource; surveys?: SurveySource }): Promise<DigestContent> {
  const items: DigestItem[] = [];
  const now = deps.clock.now();
  for (const s of (await deps.surveys?.byNetwork(network)) ?? []) {
    const url = `${deps.siteUrl}/{lang}/surveys/answer/?id=${encodeURIComponent(s.id)}`;
    if (s.status === 'open' && s.opensAt <= now.toISOString() && now.toISOString() < s.closesAt) items.push({ kind: 'survey', id: s.id, title: s.title, summary: s.intro, themes: [], when: s.closesAt, url });
    else if (s.status === 'closed' && s.resultsPublic && s.closedAt && s.closedAt > since && s.closedAt <= until) items.push({ kind: 'result', id: s.id, title: s.title, summary: s.intro, themes: [], url: `${deps.siteUrl}/{lang}/surveys/results/?id=${encodeURIComponent(s.id)}` });
  }
  for (const m of (await deps.meetings?.upcoming(network, now.toISOString(), new Date(now.getTime() + MEETING_WEEKS_AHEAD * 7 * 86400_000).toISOString())) ?? []) {
    if (m.status !== 'scheduled') continue;
    items.push({ kind: 'meeting', id: m.id, title: m.title, summary: m.description, themes: [], ...(m.presenters.length ? { by: m.presenters.join(', ') } : {}), ...(m.turns?.length ? { turns: m.turns } : {}), when: m.start, url: `${deps.siteUrl}/{lang}/meetings/view/?id=${encodeURIComponent(m.id)}` });
  }
  for (const entry of await deps.digests.feed(network, since, until)) {
    const r = await deps.listings.get(entry.id);
    if (!r?.published || r.status !== 'published') continue;
    const next = nextOccurrences(r.published.schedule, deps.clock.now(), 1)[0];
    items.push({
      kind: 'listing',
      id: r.id,
      title: r.published.title,
      summary: r.published.summary,
      themes: r.published.themes,
      by: r.published.organisation.name,
      ...(r.published.kind !== 'service' && next ? { when: next.start.toISOString() } : {}),
      url: `${deps.siteUrl}/{lang}/listings/view/?id=${encodeURIComponent(r.id)}`,
    });
  }
  return { since, until, items };
}

const monthOf = (iso: string) => iso.slice(0, 7);

/**
 * Builds one digest: the content since the network's last digest (and, on
 * the first digest of a month, since last month's for monthly readers),
 * then the recipients in batches in the table and the first batch of each
 * chain on the queue. Keyed by the request's event id: a redelivered request
 * finds its digest past building and stops; a crash while building resumes,
 * and the senders' per-recipient claims drop any recipient queued twice.
 */
export async function buildDigest(network: string, digestId: string, trigger: DigestRecord['trigger'], deps: BuildDeps): Promise<DigestRecord> {
  const now = deps.clock.now().toISOString();
  const cursor = await deps.digests.cursor(network);
  const lookback = new Date(deps.clock.now().getTime() - FIRST_LOOKBACK_DAYS * 86400000).toISOString();
  const weekly = await collectContent(network, cursor.lastUntil ?? lookback, now, deps);
  const monthlyDue = !cursor.lastMonthly || monthOf(cursor.lastMonthly) !== monthOf(now);
  const monthly = monthlyDue ? await collectContent(network, cursor.lastMonthly ?? lookback, now, deps) : undefined;
  const record = await deps.digests.startDigest({ network, digestId, trigger, status: 'building', createdAt: now, weekly, ...(monthly ? { monthly } : {}) });
  if (record.status !== 'building') return record;

  const batches: StoredBatch[] = [];
  let total = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await deps.subscriptions.recipients(network, 500, start);
    for (const edition of ['weekly', 'monthly'] as const) {
      if (edition === 'monthly' && !record.monthly) continue;
      const of = page.recipients.filter((r) => r.frequency === edition);
      for (let i = 0; i < of.length; i += RECIPIENTS_PER_MESSAGE) batches.push({ edition, recipients: of.slice(i, i + RECIPIENTS_PER_MESSAGE) });
      total += of.length;
    }
    start = page.next;
  } while (start);

  await deps.digests.putBatches(digestId, batches);
  await deps.queue.enqueue(Array.from({ length: Math.min(DIGEST_CHAINS, batches.length) }, (_, batch) => ({ network, digestId, batch })));
  await deps.digests.markSending(network, digestId, total);
  await deps.digests.setCursor(network, record.weekly.until, record.monthly ? record.weekly.until : undefined);
  // Batches may all have been sent before the total was set (a small digest): then only this call can finish it.
  await finishIfDone(network, digestId, { sent: 0, skipped: 0, failed: 0 }, deps);
  return { ...record, status: 'sending', recipients: total };
}

export interface SendDeps {
  digests: DigestStore;
  queue: DigestQueue;
  mailer: Mailer;
  tokens: Tokens;
  networks: Networks;
  publisher: Publisher;
  siteUrl: string;
  clock: { now(): Date };
  /** resolves when the next email may go (the configured send rate) */
  pace(): Promise<void>;
  /**
   * true when too little of the invocation is left for one more mail and the
   * figures: the batch stops and fails, and its retry sends the rest.
   * @default never
   */
  outOfTime?(): boolean;
  /** how many of a batch's mails may be on their way at once @default SENDS_IN_FLIGHT */
  inFlight?: number;
}

/**
 * Mails of one batch on their way at once, each claimed before it goes and
 * all behind the one pacer. One at a time, a sender waits for each
 * SendEmail's answer (tens of ms in AWS), so two senders managed about
 * 2 ÷ (claim + answer) ≈ 40/s with SES answering in 40 ms, whatever the
 * configured rate (bench/results/region.md). The price: a connection lost
 * under several mails leaves each of them 'uncertain' (never sent twice,
 * perhaps not at all), where one at a time it was one.
 */
export const SENDS_IN_FLIGHT = 4;

/** A batch stopped before its invocation's timeout; the recipients not yet claimed go on its retry. */
export class SenderOutOfTimeError extends Error {
  override name = 'SenderOutOfTime';
}

/** An SES refusal that a retry cannot fix (the address itself is the problem). */
export function isPermanentMailError(err: unknown): boolean {
  const name = (err as { name?: string } | undefined)?.name ?? '';
  return ['MessageRejected', 'MailFromDomainNotVerifiedException', 'AccountSuspendedException', 'BadRequestException'].includes(name);
}

/**
 * Sends one batch. First it queues the next batch of its chain (once: the
 * link is claimed in the table by this message's id, which its own retries
 * share), so the chain goes on even if this batch fails, and a duplicated
 * message cannot fork the chain. Each recipient is claimed in the table
 * before the mail goes (conditional write): a retried batch skips everyone
 * already handled, so nobody gets a digest twice. A failure the mail
 * certainly did not leave on (throttled, no connection) releases the claim
 * and fails the batch for a retry; one it may have left on (the answer lost,
 * a 5xx) keeps the claim as 'uncertain' and fails the batch, so the retry
 * goes on with the others. A crash between claim and send loses that one
 * mail rather than risk sending it twice. Up to `inFlight` recipients are
 * handled at once; a failure stops the batch taking more, and those already
 * on their way finish before the figures are counted.
 */
export async function sendBatch(message: DigestBatch, messageId: string, deps: SendDeps): Promise<void> {
  const record = await deps.digests.get(message.network, message.digestId);
  if (!record) throw new Error(`Digest ${message.digestId} not found`);
  const stored = await deps.digests.getBatch(message.digestId, message.batch);
  if (!stored) throw new Error(`Batch ${message.batch} of digest ${message.digestId} not found`);
  const next = { ...message, batch: message.batch + DIGEST_CHAINS };
  if (await deps.digests.linkBatch(message.digestId, next.batch, messageId)) await deps.queue.enqueue([next]);
  const batch = { ...message, ...stored };
  const content = batch.edition === 'monthly' && record.monthly ? record.monthly : record.weekly;
  const mailFor = digestMails(batch, deps.networks.get(batch.network)?.name ?? { fi: batch.network }, deps);
  const counts = { sent: 0, skipped: 0, failed: 0 };
  let transient: unknown;
  let broken: { error: unknown } | undefined;
  /** One recipient: claimed, then sent. A failure that ends the batch is kept in `transient`. */
  const one = async (r: Recipient) => {
    const items = itemsFor(content, r);
    if (items.length === 0) {
      if (await deps.digests.claimRecipient(batch.digestId, r.id, 'skipped')) counts.skipped++;
      return;
    }
    if (!(await deps.digests.claimRecipient(batch.digestId, r.id, 'sent'))) return;
    let calling = false;
    try {
      const mail = await mailFor(r, items);
      calling = true;
      // Paced where the request leaves (after serialising and signing, and again for a retry), not here.
      await deps.mailer.send(mail, { pace: deps.pace });
      counts.sent++;
    } catch (err) {
      if (isPermanentMailError(err)) {
        counts.failed++;
        return;
      }
      if (calling && !isMailNotSent(err)) {
        // SES may have sent it (no answer, or a 5xx after it took the mail): the claim stays, as
        // 'uncertain', so no retry sends it again. Counted as failed: it is not known to be sent.
        await deps.digests.settleRecipient(batch.digestId, r.id, 'uncertain');
        counts.failed++;
      } else {
        await deps.digests.releaseRecipient(batch.digestId, r.id);
      }
      transient ??= err;
    }
  };
  let taken = 0;
  // Each lane takes the next recipient until the batch ends or stops; mails in flight finish before the figures.
  const lane = async () => {
    while (transient === undefined && !broken && taken < batch.recipients.length) {
      // A timeout would end this invocation between a claim and its count: the digest would never add up.
      if (deps.outOfTime?.()) {
        transient ??= new SenderOutOfTimeError(`Batch ${batch.batch} of digest ${batch.digestId} stopped before the timeout`);
        return;
      }
      try {
        await one(batch.recipients[taken++]!);
      } catch (error) {
        broken ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, deps.inFlight ?? SENDS_IN_FLIGHT) }, lane));
  if (counts.sent + counts.skipped + counts.failed > 0) await finishIfDone(batch.network, batch.digestId, counts, deps);
  if (broken) throw broken.error;
  if (transient) throw transient;
}

/**
 * Stand-ins for a reader's two link tokens in a mail rendered for many
 * readers: random per instance, so no text of a digest can contain them.
 */
let standIns: { manage: string; unsubscribe: string } | undefined;
/** Made with the first digest mail, not at import: node's first randomUUID fills its entropy cache (~0.4 ms). */
const standIn = () => (standIns ??= { manage: `manage${randomUUID().replaceAll('-', '')}`, unsubscribe: `unsubscribe${randomUUID().replaceAll('-', '')}` });

/**
 * The digest mails of one batch. Its readers share a network and an
 * edition, and most share a language and the items they chose: each
 * (language, items) is rendered once with stand-ins for the reader's two
 * link tokens, and each reader's mail is that copy with their own tokens
 * put in. Tokens are base64url and dots, which HTML escaping and the text
 * part leave as they are, so the mail is the one renderDigest gives that
 * reader alone (test/unit/digest-mails.test.ts).
 */
export function digestMails(batch: { network: string; digestId: string }, networkName: Localised, deps: Pick<SendDeps, 'tokens' | 'siteUrl' | 'clock'>) {
  const rendered = new Map<string, ReturnType<typeof renderDigest>>();
  const STAND_IN = standIn();
  return async (r: Recipient, items: DigestItem[]): Promise<MailMessage> => {
    const key = `${r.lang}\n${items.map((i) => i.id).join('\n')}`;
    let mail = rendered.get(key);
    if (!mail) {
      mail = renderDigest(networkName, items, r.lang, {
        view: `${deps.siteUrl}/${r.lang}/digests/view/?network=${encodeURIComponent(batch.network)}&id=${encodeURIComponent(batch.digestId)}`,
        manage: manageUrlWith(STAND_IN.manage, r.lang, deps.siteUrl),
        unsubscribe: unsubscribeUrlWith(STAND_IN.unsubscribe, r.lang, deps.siteUrl),
      });
      rendered.set(key, mail);
    }
    const [manage, unsubscribe] = await Promise.all([linkToken('manage', r.id, deps), linkToken('unsubscribe', r.id, deps)]);
    const personal = (s: string) => s.replaceAll(STAND_IN.manage, manage).replaceAll(STAND_IN.unsubscribe, unsubscribe);
    return {
      to: r.email,
      lang: mail.lang,
      subject: mail.subject,
      html: personal(mail.html),
      text: personal(mail.text),
      // RFC 8058: mail clients offer one-click unsubscribe and POST to this URL.
      headers: { 'List-Unsubscribe': `<${unsubscribeUrlWith(unsubscribe, r.lang, deps.siteUrl)}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      tags: { kind: 'digest', network: batch.network },
    };
  };
}

async function finishIfDone(network: string, digestId: string, add: { sent: number; skipped: number; failed: number }, deps: Pick<SendDeps, 'digests' | 'publisher' | 'clock'>) {
  const totals = await deps.digests.count(network, digestId, add);
  const done = (totals.sent ?? 0) + (totals.skipped ?? 0) + (totals.failed ?? 0);
  if (totals.recipients === undefined || done < totals.recipients) return;
  const at = deps.clock.now();
  if (!(await deps.digests.finish(network, digestId, at.toISOString()))) return;
  await deps.publisher.publish('Digest.Sent', {
    version: 1,
    network,
    digestId,
    recipients: totals.recipients,
    sent: totals.sent ?? 0,
    skipped: totals.skipped ?? 0,
    failed: totals.failed ?? 0,
    durationMs: Math.max(0, at.getTime() - new Date(totals.createdAt).getTime()),
  });
}

/**
 * The pacer's window: no more sends than the rate in any 1,060 ms, so the
 * few milliseconds between a send leaving here and reaching SES never put
 * more than the rate into one second there.
 */
export const PACING_WINDOW_MS = 1060;

/**
 * Spaces sends so this process never exceeds its share of the account's send
 * rate: one at a time, evenly (1/share s apart as planned, catching up after
 * a late timer), and never more than the share within any PACING_WINDOW_MS
 * by the clock, however late timers fire.
 */
export function pacer(ratePerSecond: number, concurrency: number, now: () => number = Date.now, sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))) {
  const share = ratePerSecond / concurrency;
  const interval = 1000 / share;
  const perWindow = Math.max(1, Math.floor(share));
  const released: number[] = [];
  let next = 0;
  let queue: Promise<void> = Promise.resolve();
  const turn = async () => {
    const t = now();
    const windowOpens = released.length === perWindow ? released[0]! + PACING_WINDOW_MS : -Infinity;
    const at = Math.max(t, next, windowOpens);
    if (at > t) await sleep(at - t);
    next = at + interval;
    released.push(now());
    if (released.length > perWindow) released.shift();
  };
  return (): Promise<void> => {
    const mine = queue.then(turn);
    queue = mine.catch(() => undefined);
    return mine;
  };
}
