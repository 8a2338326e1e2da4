import { describe, expect, it } from 'vitest';
import { moderationNotice, notifyCoordinators, submitListing } from '../../functions/listings/listings.js';
import type { EventDetail, EventType } from '../../functions/shared/events.js';
import type { MailMessage, Mailer } from '../../functions/shared/mailer.js';
import { Networks } from '../../functions/shared/networks.js';
import type { OnceStore } from '../../functions/shared/once.js';
import type { Publisher } from '../../functions/shared/publisher.js';
import { loadConfig } from '../../lib/config.js';
import { aListing } from '../fixtures/listings.js';

const networks = new Networks(loadConfig().networks);

class RecordingPublisher implements Publisher {
  events: Array<{ type: EventType; detail: unknown }> = [];
  async publish<T extends EventType>(type: T, detail: EventDetail<T>) {
    this.events.push({ type, detail });
  }
}
class RecordingMailer implements Mailer {
  sent: MailMessage[] = [];
  async send(m: MailMessage) {
    this.sent.push(m);
    return { messageId: String(this.sent.length) };
  }
}
class MemoryOnce implements OnceStore {
  keys = new Set<string>();
  async claim(k: string) {
    if (this.keys.has(k)) return false;
    this.keys.add(k);
    return true;
  }
  async release(k: string) {
    this.keys.delete(k);
  }
  async seen(k: string) {
    return this.keys.has(k);
  }
}

describe('submitting a listing', () => {
  it('publishes Listing.Submitted with a new id and the submission time', async () => {
    const publisher = new RecordingPublisher();
    const id = await submitListing(aListing(), 'fi', { publisher, networks, ids: { next: () => 'L1' }, clock: { now: () => new Date('2026-11-22T10:00:00Z') } });
    expect(id).toBe('L1');
    expect(publisher.events).toEqual([
      { type: 'Listing.Submitted', detail: { version: 1, listing: { id: 'L1', revision: 1, lang: 'fi', submittedAt: '2026-11-22T10:00:00.000Z', data: aListing() } } },
    ]);
  });

  it('refuses a network the deployment does not host, publishing nothing', async () => {
    const publisher = new RecordingPublisher();
    const run = submitListing(aListing({ network: 'nowhere' }), 'fi', { publisher, networks, ids: { next: () => 'L1' }, clock: { now: () => new Date() } });
    await expect(run).rejects.toMatchObject({ kind: 'invalid', fields: { network: 'unknown_network' } });
    expect(publisher.events).toHaveLength(0);
  });
});

describe('the moderation notice', () => {
  const snapshot = { id: 'L1', revision: 1, lang: 'fi' as const, submittedAt: '2026-11-22T10:00:00.000Z', data: aListing({ title: { fi: '<script>alert(1)</script> & kahvit' } }) };

  it('escapes the submitted text in the HTML part', () => {
    const mail = moderationNotice(snapshot, networks.get('kemi-perhekeskus')!, 'https://verkosto.example.fi');
    expect(mail.html).not.toContain('<script>alert(1)</script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; kahvit');
  });

  it('links to the coordinator page of the listing in both parts', () => {
    const mail = moderationNotice(snapshot, networks.get('kemi-perhekeskus')!, 'https://verkosto.example.fi');
    expect(mail.text).toContain('https://verkosto.example.fi/fi/coordinator/?network=kemi-perhekeskus#listing-L1');
    expect(mail.html).toContain('href="https://verkosto.example.fi/fi/coordinator/?network=kemi-perhekeskus#listing-L1"');
  });

  it('goes to every coordinator once even when the event is handled twice', async () => {
    const mailer = new RecordingMailer();
    const onceStore = new MemoryOnce();
    const deps = { mailer, networks, onceStore, siteUrl: 'https://verkosto.example.fi' };
    await notifyCoordinators(snapshot, 'evt-1', deps);
    await notifyCoordinators(snapshot, 'evt-1', deps);
    expect(mailer.sent.map((m) => m.to)).toEqual(networks.get('kemi-perhekeskus')!.coordinators);
  });

  it('sends again after a failed attempt released its claim', async () => {
    const onceStore = new MemoryOnce();
    const failing: Mailer = { send: async () => Promise.reject(new Error('SES down')) };
    await expect(notifyCoordinators(snapshot, 'evt-2', { mailer: failing, networks, onceStore, siteUrl: 'https://x.fi' })).rejects.toThrow('SES down');
    const mailer = new RecordingMailer();
    await notifyCoordinators(snapshot, 'evt-2', { mailer, networks, onceStore, siteUrl: 'https://x.fi' });
    expect(mailer.sent).toHaveLength(1);
  });
});
