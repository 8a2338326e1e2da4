import { BatchWriteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, DeleteCommand, type DocumentClient } from '../shared/aws/dynamodb.js';
import { conditionally, isConditionFailure } from '../shared/dynamo.js';
import type { Recipient } from '../subscriptions/store.js';
import type { DigestContent } from './content.js';

/**
 * Digest keys:
 *   NET#<network>#FEED / <publishedAt>#listing#<id>    what became public, in time order (written on first publication)
 *   NET#<network>      / DIGEST#<digestId>             one digest: its content snapshot and figures
 *   NET#<network>      / DIGEST#CURSOR                 until when the last digest reached
 *   DIGESTSENT#<digestId> / <subscriberId>             one per recipient: sent, skipped or uncertain (at most once)
 *   DIGESTBATCH#<digestId> / B#<index>                 recipients of one queue message (two weeks, TTL)
 * The builder reads the feed between two instants and the network's
 * subscriber partition: nothing it reads grows with the rest of the table.
 */
export type DigestStatus = 'building' | 'sending' | 'sent';

export interface DigestRecord {
  network: string;
  digestId: string;
  trigger: 'schedule' | 'coordinator';
  status: DigestStatus;
  createdAt: string;
  weekly: DigestContent;
  /** present on the first digest of a month: what monthly subscribers get */
  monthly?: DigestContent;
  recipients?: number;
  sent?: number;
  skipped?: number;
  failed?: number;
  finishedAt?: string;
}

/** One queue message's recipients, kept in the table: the message carries only the batch's number. */
export interface StoredBatch {
  edition: 'weekly' | 'monthly';
  recipients: Recipient[];
}

export interface FeedEntry {
  kind: 'listing';
  id: string;
  at: string;
}

export interface DigestStore {
  feed(network: string, since: string, until: string): Promise<FeedEntry[]>;
  putFeed(network: string, entry: FeedEntry): Promise<void>;
  cursor(network: string): Promise<{ lastUntil?: string; lastMonthly?: string }>;
  setCursor(network: string, lastUntil: string, lastMonthly?: string): Promise<void>;
  /** false when the digest exists and is past building (a redelivered request) */
  startDigest(r: DigestRecord): Promise<DigestRecord>;
  get(network: string, digestId: string): Promise<DigestRecord | undefined>;
  list(network: string, limit: number): Promise<DigestRecord[]>;
  markSending(network: string, digestId: string, recipients: number): Promise<void>;
  /** Adds to the figures and returns the totals. */
  count(network: string, digestId: string, add: { sent: number; skipped: number; failed: number }): Promise<DigestRecord>;
  /** true exactly once, for the call that finishes the digest */
  finish(network: string, digestId: string, at: string): Promise<boolean>;
  claimRecipient(digestId: string, subscriberId: string, outcome: 'sent' | 'skipped' | 'failed'): Promise<boolean>;
  releaseRecipient(digestId: string, subscriberId: string): Promise<void>;
  /** Records how a claimed recipient ended when it is not simply sent (kept: it is never retried). */
  settleRecipient(digestId: string, subscriberId: string, outcome: 'uncertain'): Promise<void>;
  /** Writes batches 0…n-1 of a digest (overwriting a crashed build's). */
  putBatches(digestId: string, batches: StoredBatch[]): Promise<void>;
  getBatch(digestId: string, index: number): Promise<StoredBatch | undefined>;
  /**
   * true when the batch exists and `by` may put it on the queue: no message
   * linked it yet, or `by` did (its own retry). Once per batch and linker.
   */
  linkBatch(digestId: string, index: number, by: string): Promise<boolean>;
}

const BATCH_KEEP_SECONDS = 14 * 86400;
const batchKey = (digestId: string, index: number) => ({ pk: `DIGESTBATCH#${digestId}`, sk: `B#${String(index).padStart(6, '0')}` });

const FEED = (n: string) => `NET#${n}#FEED`;

export class DynamoDigestStore implements DigestStore {
  constructor(
    private readonly db: DocumentClient,
    private readonly table: string,
  ) {}

  async feed(network: string, since: string, until: string): Promise<FeedEntry[]> {
    const out: FeedEntry[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :a AND :b',
          ExpressionAttributeValues: { ':pk': FEED(network), ':a': since, ':b': `${until}~` },
          ExclusiveStartKey: start,
        }),
      );
      for (const i of page.Items ?? []) if (String(i.sk) > since) out.push({ kind: 'listing', id: String(i.id), at: String(i.at) });
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }

  async putFeed(network: string, e: FeedEntry) {
    // One time format in sort keys (EventBridge times have no milliseconds; ours do).
    e = { ...e, at: new Date(e.at).toISOString() };
    await this.db.send(new PutCommand({ TableName: this.table, Item: { pk: FEED(network), sk: `${e.at}#${e.kind}#${e.id}`, ...e } }));
  }

  async cursor(network: string) {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: { pk: `NET#${network}`, sk: 'DIGEST#CURSOR' }, ConsistentRead: true }));
    return { ...(out.Item?.lastUntil ? { lastUntil: String(out.Item.lastUntil) } : {}), ...(out.Item?.lastMonthly ? { lastMonthly: String(out.Item.lastMonthly) } : {}) };
  }

  async setCursor(network: string, lastUntil: string, lastMonthly?: string) {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { pk: `NET#${network}`, sk: 'DIGEST#CURSOR' },
        UpdateExpression: `SET lastUntil = :u${lastMonthly ? ', lastMonthly = :m' : ''}`,
        ExpressionAttributeValues: { ':u': lastUntil, ...(lastMonthly ? { ':m': lastMonthly } : {}) },
      }),
    );
  }

  async startDigest(r: DigestRecord): Promise<DigestRecord> {
    try {
      await this.db.send(new PutCommand({ TableName: this.table, Item: { pk: `NET#${r.network}`, sk: `DIGEST#${r.digestId}`, type: 'Digest', ...r }, ConditionExpression: 'attribute_not_exists(pk)' }));
      return r;
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      return (await this.get(r.network, r.digestId))!;
    }
  }

  async get(network: string, digestId: string) {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: { pk: `NET#${network}`, sk: `DIGEST#${digestId}` }, ConsistentRead: true }));
    return out.Item as DigestRecord | undefined;
  }

  async list(network: string, limit: number) {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :d)',
        FilterExpression: '#t = :digest',
        ExpressionAttributeNames: { '#t': 'type' },
        ExpressionAttributeValues: { ':pk': `NET#${network}`, ':d': 'DIGEST#', ':digest': 'Digest' },
        ScanIndexForward: false,
        Limit: limit + 1,
      }),
    );
    return ((out.Items ?? []) as DigestRecord[]).slice(0, limit);
  }

  async markSending(network: string, digestId: string, recipients: number) {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { pk: `NET#${network}`, sk: `DIGEST#${digestId}` },
        UpdateExpression: 'SET #s = :sending, recipients = :n, sent = if_not_exists(sent, :z), skipped = if_not_exists(skipped, :z), failed = if_not_exists(failed, :z)',
        ConditionExpression: '#s = :building',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':sending': 'sending', ':building': 'building', ':n': recipients, ':z': 0 },
      }),
    );
  }

  async count(network: string, digestId: string, add: { sent: number; skipped: number; failed: number }) {
    const out = await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { pk: `NET#${network}`, sk: `DIGEST#${digestId}` },
        UpdateExpression: 'ADD sent :s, skipped :k, failed :f',
        ExpressionAttributeValues: { ':s': add.sent, ':k': add.skipped, ':f': add.failed },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return out.Attributes as DigestRecord;
  }

  async finish(network: string, digestId: string, at: string) {
    return conditionally(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: `NET#${network}`, sk: `DIGEST#${digestId}` },
          UpdateExpression: 'SET #s = :sent, finishedAt = :at',
          // The caller has seen the totals reach the recipients; the status makes it once.
          ConditionExpression: '#s = :sending',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':sent': 'sent', ':sending': 'sending', ':at': at },
        }),
      ),
    );
  }

  async claimRecipient(digestId: string, subscriberId: string, outcome: 'sent' | 'skipped' | 'failed') {
    return conditionally(() =>
      this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { pk: `DIGESTSENT#${digestId}`, sk: subscriberId, outcome, expiresAt: Math.floor(Date.now() / 1000) + 90 * 86400 },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }

  async releaseRecipient(digestId: string, subscriberId: string) {
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: { pk: `DIGESTSENT#${digestId}`, sk: subscriberId } }));
  }

  async settleRecipient(digestId: string, subscriberId: string, outcome: 'uncertain') {
    await this.db.send(new UpdateCommand({ TableName: this.table, Key: { pk: `DIGESTSENT#${digestId}`, sk: subscriberId }, UpdateExpression: 'SET outcome = :o', ExpressionAttributeValues: { ':o': outcome } }));
  }

  async putBatches(digestId: string, batches: StoredBatch[]) {
    const expiresAt = Math.floor(Date.now() / 1000) + BATCH_KEEP_SECONDS;
    let requests = batches.map((b, i) => ({ PutRequest: { Item: { ...batchKey(digestId, i), ...b, expiresAt } } }));
    for (let attempt = 0; requests.length; attempt++) {
      const chunk = requests.slice(0, 25);
      const out = await this.db.send(new BatchWriteCommand({ RequestItems: { [this.table]: chunk } }));
      const unprocessed = (out.UnprocessedItems?.[this.table] ?? []) as typeof requests;
      if (unprocessed.length && attempt >= 8) throw new Error(`BatchWriteItem left ${unprocessed.length} digest batches unwritten`);
      // Throttled items come back: retry them first, after a short, growing pause.
      if (unprocessed.length) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
      else attempt = -1;
      requests = [...unprocessed, ...requests.slice(25)];
    }
  }

  async getBatch(digestId: string, index: number) {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: batchKey(digestId, index), ConsistentRead: true }));
    return out.Item ? { edition: out.Item.edition as StoredBatch['edition'], recipients: out.Item.recipients as Recipient[] } : undefined;
  }

  async linkBatch(digestId: string, index: number, by: string) {
    return conditionally(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: batchKey(digestId, index),
          UpdateExpression: 'SET linkedBy = :by',
          ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(linkedBy) OR linkedBy = :by)',
          ExpressionAttributeValues: { ':by': by },
        }),
      ),
    );
  }
}
