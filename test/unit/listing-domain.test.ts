import { describe, expect, it } from 'vitest';
import { approveListing, extendListing, moderationNotice, notifyCoordinators, submitListing, updateListing } from '../../functions/listings/listings.js';
import type { ListingRecord, ListingStore, RecentSubmissions } from '../../functions/listings/store.js';
import { DEFAULT_LIMITS } from '../../functions/shared/limits.js';
import type { RateLimiter } from '../../functions/shared/rate-limit.js';
import { newKeySet, Tokens } from '../../functions/shared/tokens.js';
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

/** Fingerprints claimed in memory, as DynamoRecentSubmissions does with conditional puts. */
class MemoryRecent implements RecentSubmissions {
  seen = new Map<string, string>();
  async claim(f: string, id: string) {
    const earlier = this.seen.get(f);
    if (earlier) return earlier;
    this.seen.set(f, id);
    return undefined;
  }
  async release(f: string, id: string) {
    if (this.seen.get(f) === id) this.seen.delete(f);
  }
}
const unlimited: RateLimiter = { hit: async () => true };
const submitDeps = (publisher: Publisher, ids = ['L1', 'L2', 'L3']) => ({
  publisher,
  networks,
  ids: { next: () => ids.shift()! },
  clock: { now: () => new Date('2026-11-22T10:00:00Z') },
  recent: new MemoryRecent(),
  limiter: unlimited,
  limits: DEFAULT_LIMITS,
  guardUnavailable: () => undefined,
});

describe('submitting a listing', () => {
  it('publishes Listing.Submitted with a new id and the submission time', async () => {
    const publisher = new RecordingPublisher();
    const id = await submitListing(aListing(), 'fi', '192.0.2.1', submitDeps(publisher));
    expect(id).toBe('L1');
    expect(publisher.events).toEqual([
      { type: 'Listing.Submitted', detail: { version: 1, listing: { id: 'L1', revision: 1, lang: 'fi', submittedAt: '2026-11-22T10:00:00.000Z', data: aListing() } } },
    ]);
  });

  it('refuses a network the deployment does not host, publishing nothing', async () => {
    const publisher = new RecordingPublisher();
    const run = submitListing(aListing({ network: 'nowhere' }), 'fi', '192.0.2.1', submitDeps(publisher));
    await expect(run).rejects.toMatchObject({ kind: 'invalid', fields: { network: 'unknown_network' } });
    expect(publisher.events).toHaveLength(0);
  });

  it('answers an identical submission with the first id and publishes it once, whatever the order of its keys', async () => {
    const publisher = new RecordingPublisher();
    const deps = submitDeps(publisher);
    const reordered = Object.fromEntries(Object.entries(aListing()).reverse()) as ReturnType<typeof aListing>;
    const first = await submitListing(aListing(), 'fi', '192.0.2.1', deps);
    const again = await submitListing(reordered, 'sv', '192.0.2.2', deps);
    expect(again).toBe(first);
    expect(publisher.events).toHaveLength(1);
  });

  it('lets the same content be sent again when the limit refused it', async () => {
    const publisher = new RecordingPublisher();
    const deps = { ...submitDeps(publisher), limiter: { hit: async () => false } };
    await expect(submitListing(aListing(), 'fi', '192.0.2.1', deps)).rejects.toMatchObject({ kind: 'rate_limited' });
    const id = await submitListing(aListing(), 'fi', '192.0.2.1', { ...deps, limiter: unlimited });
    expect(id).toBe('L2');
    expect(publisher.events).toHaveLength(1);
  });
});

/** An hour's counter in memory, as DynamoRateLimiter.next counts in the table. */
const noticeDeps = () => {
  let n = 0;
  return { mailer: new RecordingMailer() as Mailer, networks, onceStore: new MemoryOnce(), siteUrl: 'https://verkosto.example.fi', counter: { next: async () => ++n }, ceiling: 20, waiting: async () => 0 };
};

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
    const deps = { ...noticeDeps(), mailer, onceStore };
    await notifyCoordinators(snapshot, 'evt-1', deps);
    await notifyCoordinators(snapshot, 'evt-1', deps);
    expect(mailer.sent.map((m) => m.to)).toEqual(networks.get('kemi-perhekeskus')!.coordinators);
  });

  it('sends again after a failed attempt released its claim', async () => {
    const onceStore = new MemoryOnce();
    const failing: Mailer = { send: async () => Promise.reject(new Error('SES down')) };
    const counter = noticeDeps().counter;
    await expect(notifyCoordinators(snapshot, 'evt-2', { ...noticeDeps(), counter, mailer: failing, onceStore })).rejects.toThrow('SES down');
    const mailer = new RecordingMailer();
    await notifyCoordinators(snapshot, 'evt-2', { ...noticeDeps(), counter, mailer, onceStore });
    expect(mailer.sent).toHaveLength(1);
  });

  it('sends single notices up to the hourly ceiling, then one notice of how many wait, then none', async () => {
    const mailer = new RecordingMailer();
    const deps = { ...noticeDeps(), mailer, ceiling: 2, waiting: async () => 7 };
    for (const n of [1, 2, 3, 4, 5]) await notifyCoordinators({ ...snapshot, id: `L${n}` }, `evt-c${n}`, deps);
    expect(mailer.sent.map((m) => m.subject.replace(/:.*/, ''))).toEqual(['Uusi ilmoitus odottaa tarkistusta', 'Uusi ilmoitus odottaa tarkistusta', '7 ilmoitusta odottaa tarkistusta']);
  });
});

/* ---------- the submitter's link and the coordinator's decision ---------- */

const tokens = new Tokens(newKeySet());
const clock = { now: () => new Date('2026-11-23T10:00:00Z') };
const session = { email: 'koordinaattori@kemi.example.fi', networks: ['kemi-perhekeskus'] } as unknown as Parameters<typeof approveListing>[1];

function aRecord(over: Partial<ListingRecord> = {}): ListingRecord {
  const data = aListing({ validUntil: '2027-06-30' });
  return { id: 'L1', network: 'kemi-perhekeskus', status: 'published', moderation: 'approved', revision: 1, data, published: data, publishedRevision: 1, publishedAt: '2026-10-01T08:00:00.000Z', submittedAt: '2026-10-01T08:00:00.000Z', updatedAt: '2026-10-01T08:00:00.000Z', lang: 'fi', editVersion: 1, validUntil: '2027-06-30', lastDay: '2027-06-30', seq: 2, ...over };
}
/** The domain reads listings only through `get`. */
const storeOf = (r: ListingRecord) => ({ get: async (id: string) => (id === r.id ? r : undefined), claimDecision: async () => true, releaseDecision: async () => undefined }) as unknown as ListingStore;
const editToken = () => tokens.sign('edit', { listingId: 'L1', ver: 1 }, 3600, clock.now());

describe('an edit through the personal link', () => {
  it.each([
    ['a published listing', true, aRecord()],
    ['an expired listing (a new validity brings it back)', true, aRecord({ status: 'expired' })],
    ['a listing never approved', false, aRecord({ status: 'pending', moderation: 'pending', published: undefined })],
  ])('applies a change of contact alone to %s at once: %s', async (_name, publishNow, record) => {
    const publisher = new RecordingPublisher();
    const change = { ...record.data, contact: { ...record.data.contact, phone: '050 765 4321' } };

    await updateListing('L1', await editToken(), change, 'fi', { store: storeOf(record), tokens, publisher, clock });

    expect(publisher.events).toEqual([{ type: 'Listing.Updated', detail: expect.objectContaining({ publishNow, listing: expect.objectContaining({ revision: 2 }) }) }]);
  });

  it('sends a change of title back to moderation', async () => {
    const publisher = new RecordingPublisher();
    const record = aRecord();
    await updateListing('L1', await editToken(), { ...record.data, title: { fi: 'Uusi otsikko' } }, 'fi', { store: storeOf(record), tokens, publisher, clock });
    expect(publisher.events[0]!.detail).toMatchObject({ publishNow: false });
  });

  it('refuses a link whose edit version was revoked (403) and publishes nothing', async () => {
    const publisher = new RecordingPublisher();
    const run = updateListing('L1', await editToken(), aRecord().data, 'fi', { store: storeOf(aRecord({ editVersion: 2 })), tokens, publisher, clock });
    await expect(run).rejects.toMatchObject({ kind: 'forbidden' });
    expect(publisher.events).toHaveLength(0);
  });

  it('refuses a link signed with another key (401)', async () => {
    const other = await new Tokens(newKeySet()).sign('edit', { listingId: 'L1', ver: 1 }, 3600, clock.now());
    await expect(updateListing('L1', other, aRecord().data, 'fi', { store: storeOf(aRecord()), tokens, publisher: new RecordingPublisher(), clock })).rejects.toMatchObject({ kind: 'unauthorized' });
  });
});

describe('a coordinator’s decision', () => {
  it('is refused when an edit came after the revision the coordinator looked at', async () => {
    const publisher = new RecordingPublisher();
    const run = approveListing('L1', session, { store: storeOf(aRecord({ moderation: 'pending', revision: 3 })), publisher, clock }, 2);
    await expect(run).rejects.toMatchObject({ kind: 'conflict', code: 'changed' });
    expect(publisher.events).toHaveLength(0);
  });

  it('carries the revision decided on and the audit stamp', async () => {
    const publisher = new RecordingPublisher();
    await approveListing('L1', session, { store: storeOf(aRecord({ moderation: 'pending', revision: 3 })), publisher, clock }, 3);
    expect(publisher.events).toEqual([{ type: 'Listing.Approved', detail: expect.objectContaining({ revision: 3, audit: expect.objectContaining({ actor: 'koordinaattori@kemi.example.fi', target: { kind: 'listing', id: 'L1' } }) }) }]);
  });
});

describe('the still-valid link', () => {
  const extendToken = (from: string) => tokens.sign('extend', { listingId: 'L1', from }, 86400, clock.now());

  it('moves the validity twelve months on from its old end', async () => {
    const publisher = new RecordingPublisher();
    const out = await extendListing('L1', await extendToken('2027-06-30'), { store: storeOf(aRecord()), tokens, publisher, onceStore: new MemoryOnce(), clock });
    expect(out).toEqual({ validUntil: '2028-06-30' });
    expect(publisher.events[0]!.detail).toMatchObject({ from: '2027-06-30', to: '2028-06-30' });
  });

  it('is refused once the validity is no longer the one it was sent about', async () => {
    const run = extendListing('L1', await extendToken('2026-12-07'), { store: storeOf(aRecord()), tokens, publisher: new RecordingPublisher(), onceStore: new MemoryOnce(), clock });
    await expect(run).rejects.toMatchObject({ kind: 'conflict', code: 'used' });
  });

  it('works again when the bus refused the event the first time', async () => {
    const onceStore = new MemoryOnce();
    const token = await extendToken('2027-06-30');
    const failing: Publisher = { publish: async () => Promise.reject(new Error('bus down')) };
    await expect(extendListing('L1', token, { store: storeOf(aRecord()), tokens, publisher: failing, onceStore, clock })).rejects.toThrow('bus down');

    const publisher = new RecordingPublisher();
    await extendListing('L1', token, { store: storeOf(aRecord()), tokens, publisher, onceStore, clock });
    expect(publisher.events).toHaveLength(1);
  });
});
