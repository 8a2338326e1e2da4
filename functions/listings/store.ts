import { BatchGetCommand, DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DocumentClient } from '../shared/aws/dynamodb.js';
import { conditionally, isConditionFailure } from '../shared/dynamo.js';
import { lastDay } from './recurrence.js';
import type { ListingInput, ListingSnapshot } from './schema.js';

export type ListingStatus = 'pending' | 'published' | 'rejected' | 'withdrawn' | 'expired';
/** Whether the newest revision waits for a coordinator. */
export type Moderation = 'pending' | 'approved' | 'rejected';

export interface ListingRecord {
  id: string;
  network: string;
  status: ListingStatus;
  moderation: Moderation;
  /** newest submitted revision */
  revision: number;
  data: ListingInput;
  /** what the directory shows; absent until first approval */
  published?: ListingInput;
  publishedRevision?: number;
  publishedAt?: string;
  submittedAt: string;
  updatedAt: string;
  lang: 'fi' | 'sv' | 'en';
  /** carried by edit links; raising it revokes every older link */
  editVersion: number;
  rejectReason?: string;
  /** last valid day of the published version (its validity or the end of its dates), while it is published */
  lastDay?: string;
  /** validUntil of the published version, while it is published */
  validUntil?: string;
  /** raised by every applied change; orders the writes of the directory card */
  seq: number;
}

/** Compact copy of a published listing for the directory: what the list shows, filters and sorts on. */
export interface DirectoryCard {
  id: string;
  network: string;
  kind: ListingInput['kind'];
  title: ListingInput['title'];
  summary: ListingInput['summary'];
  organisation: string;
  organisationKind: string;
  organisationBusinessId?: string;
  themes: string[];
  targetGroups: string[];
  languages: string[];
  municipalities: string[];
  /** how many places and online channels it has, so HSDS pages service-at-locations without reading records (absent on cards written before) */
  locations?: number;
  online: boolean;
  free: boolean;
  /** to compute the next date when read (a stored date would go stale) */
  schedule: ListingInput['schedule'];
  validFrom?: string;
  validUntil?: string;
  /**
   * What `q` searches beyond the title, summary and organisation: the
   * description's distinct words in each of its languages, and the
   * addresses' (lower-case, diacritics kept for the stemmers).
   */
  words?: { description: { fi: string; sv?: string; en?: string }; place: string };
  /** the one search text of cards written before `words` (read as Finnish description words until the card is written again) */
  search?: string;
  publishedAt: string;
  /** when the record last changed */
  updatedAt: string;
  /** the record's `seq` this card was derived from */
  seq: number;
}

/** The last directory snapshot written of a network (the object itself is in the snapshot bucket). */
export interface SnapshotMark {
  version: number;
  builtAt: string;
  /** when the index it grew from was built from every card */
  fullAt: string;
  bytes: number;
}

/** One entry of a network's directory change log: version `version` wrote (or removed) the card `id`. */
export interface DirectoryChange {
  version: number;
  id: string;
}

export interface ExpiryEntry {
  id: string;
  network: string;
  lastDay: string;
}

export interface QueuePage {
  items: ListingRecord[];
  /** opaque cursor for the next page, absent on the last */
  next?: string;
}

/**
 * Storage of listings and their directory cards. Every `apply…` is a
 * conditional write that returns false when the change was applied before
 * (a redelivery) or was overtaken (an older revision, a withdrawn listing).
 */
export interface ListingStore {
  putPending(listing: ListingSnapshot): Promise<'stored' | 'duplicate'>;
  get(id: string): Promise<ListingRecord | undefined>;
  applyApproval(id: string, revision: number, at: string): Promise<boolean>;
  applyRejection(id: string, revision: number, reason: string, at: string): Promise<boolean>;
  applyUpdate(listing: ListingSnapshot, publishNow: boolean, at: string): Promise<boolean>;
  applyWithdrawal(id: string, at: string): Promise<boolean>;
  /** Expires the listing if its last day is still the one the expiry was decided on (an extension or edit in between wins). */
  applyExpiry(id: string, lastDay: string, at: string): Promise<boolean>;
  applyExtension(id: string, from: string | undefined, to: string, at: string): Promise<boolean>;
  /** Raises the edit version to `editVersion` (never lowers it): older edit links stop working. */
  applyEditRevocation(id: string, editVersion: number, at: string): Promise<boolean>;
  /** Writes the card, or its tombstone, unless a card of a later `seq` is there already. */
  putCard(card: DirectoryCard): Promise<boolean>;
  removeCard(network: string, id: string, seq: number): Promise<boolean>;
  cards(network: string): Promise<DirectoryCard[]>;
  /** A number that changes whenever a card of the network is written or removed (0 before the first). */
  directoryVersion(network: string): Promise<number>;
  /**
   * The directory's change log: which card each version from `after` + 1
   * up to `upTo` wrote, oldest first. A version missing from the answer was
   * not logged (its write crashed between the raise and the log, or the
   * entry aged out): the reader must then read every card.
   */
  directoryChanges(network: string, after: number, upTo: number): Promise<DirectoryChange[]>;
  /** The current cards of these ids (a removed one is absent from the answer). */
  cardsById(network: string, ids: readonly string[]): Promise<DirectoryCard[]>;
  /** What the last directory snapshot written holds (undefined before the first). */
  snapshotMark(network: string): Promise<SnapshotMark | undefined>;
  markSnapshot(network: string, mark: SnapshotMark): Promise<void>;
  byQueue(network: string, status: ListingStatus, limit: number, cursor?: string): Promise<QueuePage>;
  /** Published listings whose last day is before `date`. */
  lastDayBefore(network: string, date: string): Promise<ExpiryEntry[]>;
  /** Published listings whose last day is between `from` and `to`, both included. */
  lastDayBetween(network: string, from: string, to: string): Promise<ExpiryEntry[]>;
  /**
   * Claims the one decision on a revision (a conditional put of its own
   * item): false when another approval or rejection has it already.
   */
  claimDecision(id: string, revision: number, decision: 'approve' | 'reject'): Promise<boolean>;
  /** Gives a claimed decision back when its event could not be published. */
  releaseDecision(id: string, revision: number): Promise<void>;
}

/**
 * Recently seen submissions by their content's fingerprint, so a double
 * click or a script's repeats make one listing.
 */
export interface RecentSubmissions {
  /** Undefined when this call claimed the fingerprint for `id`; else the id of the listing it already became. */
  claim(fingerprint: string, id: string, seconds: number): Promise<string | undefined>;
  release(fingerprint: string, id: string): Promise<void>;
}

const key = (id: string) => ({ pk: `LISTING#${id}`, sk: 'META' });
export const listingKey = key;
/** Status lists and the moderation queue (gsi1). */
export const queueKey = (network: string, status: string) => `NET#${network}#LISTINGS#${status}`;
/** Published listings of a network by their last day (gsi2), for expiry and reminders. */
export const expiryKey = (network: string) => `EXPIRES#${network}`;
/** The directory: one card per published listing of a network. */
export const directoryKey = (network: string) => `DIR#${network}`;
/** The directory's change counter, outside the cards' partition so reading the cards never returns it. */
export const directoryVersionKey = (network: string) => ({ pk: `NET#${network}`, sk: 'DIRECTORY#VERSION' });

/** The mark of the network's last directory snapshot, beside its version. */
const snapshotMarkKey = (network: string) => ({ pk: `NET#${network}`, sk: 'DIRECTORY#SNAPSHOT' });

/** A change-log entry of the directory, next to its version item and ordered by version. */
const directoryChangeKey = (network: string, version: number) => ({ pk: `NET#${network}`, sk: `DIRECTORY#CHANGE#${String(version).padStart(12, '0')}` });
/**
 * How long the change log remembers: a reader whose index is older than
 * that (an instance idle for a day) reads every card, which it would do
 * anyway after its cache had let the network go.
 */
const CHANGE_LOG_SECONDS = 86400;
/** Keys per BatchGetItem, DynamoDB's most. */
const BATCH_GET = 100;

/** A withdrawn or expired listing's card leaves a tombstone this long, so a late write of an older card cannot bring it back. */
const TOMBSTONE_SECONDS = 7 * 86400;
/** How often a write whose expected state moved under it is retried against the fresh state. */
const ATTEMPTS = 3;

type Values = Record<string, unknown>;

/** SET/REMOVE parts that keep gsi2 (expiry) in step with the published version. */
function expiryIndex(network: string, id: string, published: ListingInput | undefined): { set: string[]; remove: string[]; values: Values } {
  const day = published ? lastDay(published) : undefined;
  const validUntil = published?.validUntil;
  const set: string[] = [];
  const remove: string[] = [];
  const values: Values = {};
  if (day) {
    set.push('lastDay = :lastDay', 'gsi2pk = :g2pk', 'gsi2sk = :g2sk');
    Object.assign(values, { ':lastDay': day, ':g2pk': expiryKey(network), ':g2sk': `${day}#${id}` });
  } else remove.push('lastDay', 'gsi2pk', 'gsi2sk');
  if (validUntil) {
    set.push('validUntil = :validUntil');
    values[':validUntil'] = validUntil;
  } else remove.push('validUntil');
  return { set, remove, values };
}

function expression(set: string[], remove: string[]): string {
  return `SET ${set.join(', ')} ADD seq :one${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`;
}

const encodeCursor = (k: Record<string, unknown> | undefined) => (k ? Buffer.from(JSON.stringify(k)).toString('base64url') : undefined);
function decodeCursor(cursor: string | undefined, network: string, status: string): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    const k = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    // Only a cursor of this list: a forged one must not read another network's queue.
    if (k.gsi1pk !== queueKey(network, status) || typeof k.pk !== 'string' || typeof k.gsi1sk !== 'string' || k.sk !== 'META') return undefined;
    return { pk: k.pk, sk: k.sk, gsi1pk: k.gsi1pk, gsi1sk: k.gsi1sk };
  } catch {
    return undefined;
  }
}

/** The card an item of the directory holds; undefined for a tombstone. */
function cardOf(item: Record<string, unknown>): DirectoryCard | undefined {
  if (item.gone) return undefined;
  const { pk: _pk, sk: _sk, type: _type, ...card } = item;
  return card as unknown as DirectoryCard;
}

export class DynamoListingStore implements ListingStore {
  constructor(
    private readonly db: DocumentClient,
    private readonly table: string,
    private readonly now: () => number = Date.now,
  ) {}

  async putPending(listing: ListingSnapshot): Promise<'stored' | 'duplicate'> {
    const stored = await conditionally(() =>
      this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: {
            ...key(listing.id),
            type: 'Listing',
            id: listing.id,
            network: listing.data.network,
            status: 'pending',
            moderation: 'pending',
            revision: listing.revision,
            data: listing.data,
            submittedAt: listing.submittedAt,
            updatedAt: listing.submittedAt,
            lang: listing.lang,
            editVersion: 1,
            seq: 1,
            gsi1pk: queueKey(listing.data.network, 'pending'),
            gsi1sk: `${listing.submittedAt}#${listing.id}`,
          },
          // The bus delivers at least once; the first delivery wins.
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
    return stored ? 'stored' : 'duplicate';
  }

  async get(id: string): Promise<ListingRecord | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: key(id), ConsistentRead: true }));
    if (!out.Item) return undefined;
    const { pk: _pk, sk: _sk, type: _type, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, ...r } = out.Item;
    return { seq: 1, ...r } as ListingRecord;
  }

  /**
   * A conditional update decided on the record as read. When the condition
   * fails, `stillApplies` looks at the fresh record: false means the change
   * was applied before or overtaken (done, nothing to do); true means the
   * record moved under us (say, an expiry between read and write), so the
   * update is decided again.
   */
  private async decide(
    id: string,
    build: (r: ListingRecord) => UpdateCommand | undefined,
    stillApplies: (r: ListingRecord) => boolean,
  ): Promise<boolean> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const r = await this.get(id);
      if (!r) return false;
      const command = build(r);
      if (!command) return false;
      if (await conditionally(() => this.db.send(command))) return true;
      const fresh = await this.get(id);
      if (!fresh || !stillApplies(fresh)) return false;
    }
    throw new Error(`Listing ${id} kept changing; the event will be retried`);
  }

  async applyApproval(id: string, revision: number, at: string): Promise<boolean> {
    const pendingRevision = (r: ListingRecord) => r.revision === revision && r.moderation === 'pending' && r.status !== 'withdrawn';
    return this.decide(
      id,
      (r) => {
        if (!pendingRevision(r)) return undefined;
        const ix = expiryIndex(r.network, id, r.data);
        return new UpdateCommand({
          TableName: this.table,
          Key: key(id),
          UpdateExpression: expression(
            ['#s = :published', 'moderation = :approved', 'published = #d', 'publishedRevision = :rev', 'publishedAt = if_not_exists(publishedAt, :at)', 'updatedAt = :at', 'gsi1pk = :q', 'gsi1sk = :sk', ...ix.set],
            ['rejectReason', ...ix.remove],
          ),
          // Only the revision the coordinator saw, only once, and never a withdrawn listing.
          ConditionExpression: 'revision = :rev AND moderation = :pending AND #s = :was',
          ExpressionAttributeNames: { '#s': 'status', '#d': 'data' },
          ExpressionAttributeValues: { ':published': 'published', ':approved': 'approved', ':pending': 'pending', ':rev': revision, ':at': at, ':q': queueKey(r.network, 'published'), ':sk': `${at}#${id}`, ':was': r.status, ':one': 1, ...ix.values },
        });
      },
      pendingRevision,
    );
  }

  async applyRejection(id: string, revision: number, reason: string, at: string): Promise<boolean> {
    const pendingRevision = (r: ListingRecord) => r.revision === revision && r.moderation === 'pending' && r.status !== 'withdrawn';
    return this.decide(
      id,
      (r) => {
        if (!pendingRevision(r)) return undefined;
        // A rejected edit of a published (or expired) listing leaves the published version as it is.
        const status = r.published ? r.status : 'rejected';
        return new UpdateCommand({
          TableName: this.table,
          Key: key(id),
          UpdateExpression: expression(['#s = :status', 'moderation = :rejected', 'rejectReason = :reason', 'updatedAt = :at', 'gsi1pk = :q', 'gsi1sk = :sk'], []),
          ConditionExpression: 'revision = :rev AND moderation = :pending AND #s = :was',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':status': status, ':rejected': 'rejected', ':pending': 'pending', ':reason': reason, ':rev': revision, ':at': at, ':q': queueKey(r.network, status), ':sk': `${at}#${id}`, ':was': r.status, ':one': 1 },
        });
      },
      pendingRevision,
    );
  }

  async applyUpdate(listing: ListingSnapshot, publishNow: boolean, at: string): Promise<boolean> {
    const newer = (r: ListingRecord) => r.revision < listing.revision && r.status !== 'withdrawn';
    return this.decide(
      listing.id,
      (r) => {
        if (!newer(r)) return undefined;
        // Changes a coordinator need not see go live at once, also reviving an expired listing (say, a new validity).
        const direct = publishNow && r.published !== undefined && (r.status === 'published' || r.status === 'expired');
        const status = direct ? 'published' : r.published && r.status !== 'rejected' ? r.status : 'pending';
        const queue = direct ? 'published' : 'pending';
        const ix = direct ? expiryIndex(r.network, listing.id, listing.data) : { set: [], remove: [], values: {} };
        return new UpdateCommand({
          TableName: this.table,
          Key: key(listing.id),
          UpdateExpression: expression(
            ['#d = :data', 'revision = :rev', 'moderation = :mod', '#s = :status', 'updatedAt = :at', 'gsi1pk = :q', 'gsi1sk = :sk', ...(direct ? ['published = :data', 'publishedRevision = :rev'] : []), ...ix.set],
            ['rejectReason', ...ix.remove],
          ),
          // Revisions apply in order; a replayed or overtaken edit changes nothing.
          ConditionExpression: 'revision < :rev AND #s = :was',
          ExpressionAttributeNames: { '#s': 'status', '#d': 'data' },
          ExpressionAttributeValues: {
            ':data': listing.data,
            ':rev': listing.revision,
            ':mod': direct ? 'approved' : 'pending',
            ':status': status,
            ':was': r.status,
            ':at': at,
            ':q': queueKey(r.network, queue),
            ':sk': `${at}#${listing.id}`,
            ':one': 1,
            ...ix.values,
          },
        });
      },
      newer,
    );
  }

  async applyWithdrawal(id: string, at: string): Promise<boolean> {
    return this.decide(
      id,
      (r) =>
        r.status === 'withdrawn'
          ? undefined
          : new UpdateCommand({
              TableName: this.table,
              Key: key(id),
              UpdateExpression: expression(['#s = :w', 'updatedAt = :at', 'gsi1pk = :q', 'gsi1sk = :sk'], ['gsi2pk', 'gsi2sk', 'lastDay']),
              ConditionExpression: 'attribute_exists(pk) AND #s <> :w',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: { ':w': 'withdrawn', ':at': at, ':q': queueKey(r.network, 'withdrawn'), ':sk': `${at}#${id}`, ':one': 1 },
            }),
      () => false,
    );
  }

  async applyExpiry(id: string, day: string, at: string): Promise<boolean> {
    return this.decide(
      id,
      (r) =>
        r.status !== 'published' || r.lastDay !== day
          ? undefined
          : new UpdateCommand({
              TableName: this.table,
              Key: key(id),
              // An edit waiting for moderation stays in the queue; otherwise the listing moves to the expired list.
              UpdateExpression: expression(['#s = :e', 'updatedAt = :at', ...(r.moderation === 'pending' ? [] : ['gsi1pk = :q', 'gsi1sk = :sk'])], ['gsi2pk', 'gsi2sk']),
              ConditionExpression: '#s = :p AND lastDay = :day',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: { ':e': 'expired', ':p': 'published', ':day': day, ':at': at, ':one': 1, ...(r.moderation === 'pending' ? {} : { ':q': queueKey(r.network, 'expired'), ':sk': `${at}#${id}` }) },
            }),
      () => false,
    );
  }

  async applyExtension(id: string, from: string | undefined, to: string, at: string): Promise<boolean> {
    const extendable = (r: ListingRecord) => r.published !== undefined && (r.status === 'published' || r.status === 'expired') && r.validUntil === from;
    return this.decide(
      id,
      (r) => {
        if (!extendable(r)) return undefined;
        const ix = expiryIndex(r.network, id, { ...r.published!, validUntil: to });
        const keepQueue = r.moderation === 'pending';
        return new UpdateCommand({
          TableName: this.table,
          Key: key(id),
          UpdateExpression: expression(['#s = :p', 'updatedAt = :at', '#d.validUntil = :to', 'published.validUntil = :to', ...(keepQueue ? [] : ['gsi1pk = :q']), ...ix.set], ix.remove),
          // Only from the validity the link was made for: a second click changes nothing.
          ConditionExpression: from ? 'validUntil = :from AND #s IN (:p, :e)' : 'attribute_not_exists(validUntil) AND #s IN (:p, :e)',
          ExpressionAttributeNames: { '#s': 'status', '#d': 'data' },
          ExpressionAttributeValues: { ':p': 'published', ':e': 'expired', ':at': at, ':to': to, ':one': 1, ...(keepQueue ? {} : { ':q': queueKey(r.network, 'published') }), ...(from ? { ':from': from } : {}), ...ix.values },
        });
      },
      extendable,
    );
  }

  async applyEditRevocation(id: string, editVersion: number, at: string): Promise<boolean> {
    return conditionally(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: key(id),
          UpdateExpression: 'SET editVersion = :v, updatedAt = :at ADD seq :one',
          ConditionExpression: 'attribute_exists(pk) AND editVersion < :v',
          ExpressionAttributeValues: { ':v': editVersion, ':at': at, ':one': 1 },
        }),
      ),
    );
  }

  async putCard(card: DirectoryCard): Promise<boolean> {
    const written = await conditionally(() =>
      this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { pk: directoryKey(card.network), sk: card.id, type: 'DirectoryCard', ...card },
          ConditionExpression: 'attribute_not_exists(pk) OR seq < :seq',
          ExpressionAttributeValues: { ':seq': card.seq },
        }),
      ),
    );
    if (written) await this.bumpDirectory(card.network, card.id);
    return written;
  }

  async removeCard(network: string, id: string, seq: number): Promise<boolean> {
    const written = await conditionally(() =>
      this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { pk: directoryKey(network), sk: id, type: 'DirectoryTombstone', gone: true, seq, expiresAt: Math.floor(this.now() / 1000) + TOMBSTONE_SECONDS },
          // Written even where no card is yet: an older card arriving late must find it. A later card stays.
          ConditionExpression: 'attribute_not_exists(pk) OR seq < :seq',
          ExpressionAttributeValues: { ':seq': seq },
        }),
      ),
    );
    if (written) await this.bumpDirectory(network, id);
    return written;
  }

  /**
   * Raised after every card write that went in, so a replayed event changes
   * nothing, and the card logged under the new version, so a reader reads
   * only what changed (`directoryChanges`). Should the raise fail after the
   * write, the retried event finds its card already written and does not
   * raise it: readers then see the change at their next full reload (at
   * most an hour, runtime.ts). Should the log fail after the raise, readers
   * find the version missing from the log and read every card.
   */
  private async bumpDirectory(network: string, id: string): Promise<void> {
    const out = await this.db.send(
      new UpdateCommand({ TableName: this.table, Key: directoryVersionKey(network), UpdateExpression: 'ADD v :one', ExpressionAttributeValues: { ':one': 1 }, ReturnValues: 'UPDATED_NEW' }),
    );
    const version = Number(out.Attributes?.v);
    await this.db.send(
      new PutCommand({ TableName: this.table, Item: { ...directoryChangeKey(network, version), type: 'DirectoryChange', id, expiresAt: Math.floor(this.now() / 1000) + CHANGE_LOG_SECONDS } }),
    );
  }

  async directoryChanges(network: string, after: number, upTo: number): Promise<DirectoryChange[]> {
    if (upTo <= after) return [];
    const out: DirectoryChange[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': directoryChangeKey(network, 0).pk, ':from': directoryChangeKey(network, after + 1).sk, ':to': directoryChangeKey(network, upTo).sk },
          ProjectionExpression: 'sk, id',
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) out.push({ version: Number(String(item.sk).slice('DIRECTORY#CHANGE#'.length)), id: String(item.id) });
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }

  async cardsById(network: string, ids: readonly string[]): Promise<DirectoryCard[]> {
    const out: DirectoryCard[] = [];
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += BATCH_GET) {
      let keys: Array<Record<string, unknown>> = unique.slice(i, i + BATCH_GET).map((id) => ({ pk: directoryKey(network), sk: id }));
      // BatchGetItem may leave keys unprocessed under throttling: they are asked again, a little later each time.
      for (let attempt = 0; keys.length; attempt++) {
        if (attempt === ATTEMPTS) throw new Error('Directory cards kept being throttled');
        if (attempt) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
        const page = await this.db.send(new BatchGetCommand({ RequestItems: { [this.table]: { Keys: keys } } }));
        for (const item of page.Responses?.[this.table] ?? []) {
          const card = cardOf(item);
          if (card) out.push(card);
        }
        keys = page.UnprocessedKeys?.[this.table]?.Keys ?? [];
      }
    }
    return out;
  }

  async snapshotMark(network: string): Promise<SnapshotMark | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: snapshotMarkKey(network) }));
    const item = out.Item;
    return item ? { version: Number(item.version), builtAt: String(item.builtAt), fullAt: String(item.fullAt), bytes: Number(item.bytes) } : undefined;
  }

  async markSnapshot(network: string, mark: SnapshotMark): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: { ...snapshotMarkKey(network), type: 'DirectorySnapshot', ...mark } }));
  }

  async directoryVersion(network: string): Promise<number> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: directoryVersionKey(network), ProjectionExpression: 'v' }));
    return typeof out.Item?.v === 'number' ? out.Item.v : 0;
  }

  async cards(network: string): Promise<DirectoryCard[]> {
    const out: DirectoryCard[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({ TableName: this.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': directoryKey(network) }, ExclusiveStartKey: start }),
      );
      for (const item of page.Items ?? []) {
        const card = cardOf(item);
        if (card) out.push(card);
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }

  async claimDecision(id: string, revision: number, decision: 'approve' | 'reject'): Promise<boolean> {
    return conditionally(() =>
      this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { pk: `LISTING#${id}`, sk: `DECISION#${String(revision).padStart(6, '0')}`, decision, at: new Date(this.now()).toISOString() },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }

  async releaseDecision(id: string, revision: number): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: { pk: `LISTING#${id}`, sk: `DECISION#${String(revision).padStart(6, '0')}` } }));
  }

  async byQueue(network: string, status: ListingStatus, limit: number, cursor?: string): Promise<QueuePage> {
    const start = decodeCursor(cursor, network, status);
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': queueKey(network, status) },
        // The moderation queue oldest first (first come, first served); the other lists newest first.
        ScanIndexForward: status === 'pending',
        Limit: limit,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    const items = (out.Items ?? []).map((i) => {
      const { pk: _pk, sk: _sk, type: _type, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, ...r } = i;
      return { seq: 1, ...r } as ListingRecord;
    });
    const next = encodeCursor(out.LastEvaluatedKey);
    return { items, ...(next ? { next } : {}) };
  }

  private async expiryQuery(network: string, condition: string, values: Values): Promise<ExpiryEntry[]> {
    const out: ExpiryEntry[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: 'gsi2',
          KeyConditionExpression: `gsi2pk = :pk AND ${condition}`,
          ExpressionAttributeValues: { ':pk': expiryKey(network), ...values },
          ExclusiveStartKey: start,
        }),
      );
      for (const i of page.Items ?? []) out.push({ id: String(i.id), network: String(i.network), lastDay: String(i.lastDay) });
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }

  async lastDayBefore(network: string, date: string): Promise<ExpiryEntry[]> {
    // gsi2sk is `<lastDay>#<id>`: every key of an earlier day sorts before `<date>`.
    return this.expiryQuery(network, 'gsi2sk < :d', { ':d': date });
  }

  async lastDayBetween(network: string, from: string, to: string): Promise<ExpiryEntry[]> {
    // `~` sorts after every id character, so the whole of day `to` is included.
    return this.expiryQuery(network, 'gsi2sk BETWEEN :a AND :b', { ':a': from, ':b': `${to}#~` });
  }
}

export class DynamoRecentSubmissions implements RecentSubmissions {
  constructor(
    private readonly db: DocumentClient,
    private readonly table: string,
    private readonly now: () => number = Date.now,
  ) {}

  async claim(fingerprint: string, id: string, seconds: number): Promise<string | undefined> {
    const Key = { pk: `SUBMISSION#${fingerprint}`, sk: 'SUBMISSION' };
    // A claim released between our put and our read (its submission was refused) is tried again.
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const now = Math.floor(this.now() / 1000);
      try {
        // TTL deletes lazily: an item past its time counts as gone.
        await this.db.send(new PutCommand({ TableName: this.table, Item: { ...Key, id, expiresAt: now + seconds }, ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now', ExpressionAttributeValues: { ':now': now } }));
        return undefined;
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
      }
      const out = await this.db.send(new GetCommand({ TableName: this.table, Key, ConsistentRead: true }));
      if (out.Item) return String(out.Item.id);
    }
    throw new Error('Submission fingerprint kept changing hands');
  }

  async release(fingerprint: string, id: string): Promise<void> {
    await this.db
      .send(new DeleteCommand({ TableName: this.table, Key: { pk: `SUBMISSION#${fingerprint}`, sk: 'SUBMISSION' }, ConditionExpression: 'id = :id', ExpressionAttributeValues: { ':id': id } }))
      .catch((err: unknown) => {
        if (!isConditionFailure(err)) throw err;
      });
  }
}
