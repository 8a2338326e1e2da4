import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { conditionally } from '../shared/dynamo.js';
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
  editVersion: number;
  rejectReason?: string;
  validUntil?: string;
}

/** Compact copy of a published listing for the directory: what the list shows and filters on. */
export interface DirectoryCard {
  id: string;
  network: string;
  kind: ListingInput['kind'];
  title: ListingInput['title'];
  summary: ListingInput['summary'];
  organisation: string;
  organisationKind: string;
  themes: string[];
  targetGroups: string[];
  languages: string[];
  municipalities: string[];
  online: boolean;
  free: boolean;
  /** next occurrence (ISO instant) for events and groups with times */
  next?: string;
  /** normalised text searched by `q` */
  search: string;
  publishedAt: string;
}

export interface ListingStore {
  putPending(listing: ListingSnapshot): Promise<'stored' | 'duplicate'>;
  get(id: string): Promise<ListingRecord | undefined>;
  applyApproval(id: string, revision: number, at: string): Promise<boolean>;
  applyRejection(id: string, revision: number, reason: string, at: string): Promise<boolean>;
  applyUpdate(listing: ListingSnapshot, publishNow: boolean, at: string): Promise<boolean>;
  applyWithdrawal(id: string, at: string): Promise<boolean>;
  /** Expires the listing if its validity is still the one the expiry was decided on (an extension in between wins). */
  applyExpiry(id: string, validUntil: string, at: string): Promise<boolean>;
  applyExtension(id: string, from: string | undefined, to: string, at: string): Promise<boolean>;
  putCard(card: DirectoryCard): Promise<void>;
  deleteCard(network: string, id: string): Promise<void>;
  cards(network: string): Promise<DirectoryCard[]>;
  byQueue(network: string, queue: ListingStatus | 'pending', limit: number): Promise<ListingRecord[]>;
  expiringOn(date: string): Promise<Array<{ id: string; network: string }>>;
}

const key = (id: string) => ({ pk: `LISTING#${id}`, sk: 'META' });
export const listingKey = key;
/** Moderation queue and status lists (gsi1). */
export const queueKey = (network: string, queue: string) => `NET#${network}#LISTINGS#${queue}`;
/** Published listings by the day their validity ends (gsi2), for expiry and reminders. */
export const expiryKey = (date: string) => `EXPIRES#${date}`;

export class DynamoListingStore implements ListingStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
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
    return out.Item as ListingRecord | undefined;
  }

  async applyApproval(id: string, revision: number, at: string): Promise<boolean> {
    const r = await this.get(id);
    if (!r) return false;
    const ok = await conditionally(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: key(id),
          UpdateExpression:
            'SET #s = :published, moderation = :approved, published = #d, publishedRevision = :rev, publishedAt = if_not_exists(publishedAt, :at), updatedAt = :at, gsi1pk = :q, gsi1sk = :sk REMOVE rejectReason',
          // Only the revision the coordinator saw, and only once.
          ConditionExpression: 'revision = :rev AND moderation = :pending',
          ExpressionAttributeNames: { '#s': 'status', '#d': 'data' },
          ExpressionAttributeValues: { ':published': 'published', ':approved': 'approved', ':pending': 'pending', ':rev': revision, ':at': at, ':q': queueKey(r.network, 'published'), ':sk': `${at}#${id}` },
        }),
      ),
    );
    if (ok) await this.setExpiryIndex(id, r.data.validUntil);
    return ok;
  }

  /** gsi2 holds published listings by their last valid day; a listing without one never expires. */
  private async setExpiryIndex(id: string, validUntil: string | undefined) {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: key(id),
        ...(validUntil
          ? { UpdateExpression: 'SET validUntil = :v, gsi2pk = :pk, gsi2sk = :id', ExpressionAttributeValues: { ':v': validUntil, ':pk': expiryKey(validUntil), ':id': id } }
          : { UpdateExpression: 'REMOVE validUntil, gsi2pk, gsi2sk' }),
      }),
    );
  }

  async applyRejection(id: string, revision: number, reason: string, at: string): Promise<boolean> {
    const r = await this.get(id);
    if (!r) return false;
    // A rejected edit of a published listing leaves the published version in place.
    const status = r.published ? r.status : 'rejected';
    return conditionally(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: key(id),
          UpdateExpression: 'SET #s = :status, moderation = :rejected, rejectReason = :reason, updatedAt = :at, gsi1pk = :q',
          ConditionExpression: 'revision = :rev AND moderation = :pending',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':status': status, ':rejected': 'rejected', ':pending': 'pending', ':reason': reason, ':rev': revision, ':at': at, ':q': queueKey(r.network, status) },
        }),
      ),
    );
  }

  async applyUpdate(listing: ListingSnapshot, publishNow: boolean, at: string): Promise<boolean> {
    const r = await this.get(listing.id);
    if (!r || r.status === 'withdrawn') return false;
    const direct = publishNow && r.status === 'published';
    const queue = direct ? 'published' : 'pending';
    const status = r.published ? (r.status === 'expired' ? 'expired' : 'published') : 'pending';
    const ok = await conditionally(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: key(listing.id),
          UpdateExpression: `SET #d = :data, revision = :rev, moderation = :mod, #s = :status, updatedAt = :at, gsi1pk = :q, gsi1sk = :sk${direct ? ', published = :data, publishedRevision = :rev' : ''}`,
          // Revisions apply in order; a replayed or overtaken edit changes nothing.
          ConditionExpression: 'revision < :rev AND #s <> :withdrawn',
          ExpressionAttributeNames: { '#s': 'status', '#d': 'data' },
          ExpressionAttributeValues: {
            ':data': listing.data,
            ':rev': listing.revision,
            ':mod': direct ? 'approved' : 'pending',
            ':status': status,
            ':withdrawn': 'withdrawn',
            ':at': at,
            ':q': queueKey(r.network, queue),
            ':sk': `${at}#${listing.id}`,
          },
        }),
      ),
    );
    if (ok && direct) await this.setExpiryIndex(listing.id, listing.data.validUntil);
    return ok;
  }

  async applyWithdrawal(id: string, at: string): Promise<boolean> {
    return conditionally(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: key(id),
          UpdateExpression: 'SET #s = :w, updatedAt = :at REMOVE gsi1pk, gsi1sk, gsi2pk, gsi2sk',
          ConditionExpression: 'attribute_exists(pk) AND #s <> :w',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':w': 'withdrawn', ':at': at },
        }),
      ),
    );
  }

  async applyExpiry(id: string, validUntil: string, at: string): Promise<boolean> {
    const r = await this.get(id);
    if (!r) return false;
    return conditionally(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: key(id),
          UpdateExpression: 'SET #s = :e, updatedAt = :at, gsi1pk = :q REMOVE gsi2pk, gsi2sk',
          ConditionExpression: '#s = :p AND validUntil = :v',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':e': 'expired', ':p': 'published', ':v': validUntil, ':at': at, ':q': queueKey(r.network, 'expired') },
        }),
      ),
    );
  }

  async applyExtension(id: string, from: string | undefined, to: string, at: string): Promise<boolean> {
    const r = await this.get(id);
    if (!r?.published) return false;
    const ok = await conditionally(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: key(id),
          UpdateExpression: 'SET #s = :p, updatedAt = :at, #d.validUntil = :to, published.validUntil = :to, gsi1pk = :q',
          // Only from the validity the link was made for: a second click changes nothing.
          ConditionExpression: from ? 'validUntil = :from AND #s IN (:p, :e)' : 'attribute_not_exists(validUntil)',
          ExpressionAttributeNames: { '#s': 'status', '#d': 'data' },
          ExpressionAttributeValues: { ':p': 'published', ':e': 'expired', ':at': at, ':to': to, ':q': queueKey(r.network, 'published'), ...(from ? { ':from': from } : {}) },
        }),
      ),
    );
    if (ok) await this.setExpiryIndex(id, to);
    return ok;
  }

  async putCard(card: DirectoryCard): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: { pk: `DIR#${card.network}`, sk: card.id, type: 'DirectoryCard', ...card } }));
  }

  async deleteCard(network: string, id: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: { pk: `DIR#${network}`, sk: id } }));
  }

  async cards(network: string): Promise<DirectoryCard[]> {
    const out: DirectoryCard[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({ TableName: this.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `DIR#${network}` }, ExclusiveStartKey: start }),
      );
      for (const item of page.Items ?? []) {
        const { pk: _pk, sk: _sk, type: _type, ...card } = item;
        out.push(card as DirectoryCard);
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }

  async byQueue(network: string, queue: string, limit: number): Promise<ListingRecord[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': queueKey(network, queue) },
        ScanIndexForward: queue === 'pending',
        Limit: limit,
      }),
    );
    return (out.Items ?? []) as ListingRecord[];
  }

  async expiringOn(date: string): Promise<Array<{ id: string; network: string }>> {
    const out: Array<{ id: string; network: string }> = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({ TableName: this.table, IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': expiryKey(date) }, ExclusiveStartKey: start }),
      );
      for (const i of page.Items ?? []) out.push({ id: String(i.id), network: String(i.network) });
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }
}
