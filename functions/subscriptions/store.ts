import { createHash } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DocumentClient } from '../shared/aws/dynamodb.js';
import type { Preferences } from './schema.js';

/**
 * The mailing list. A subscriber's id is a hash of the address, so the
 * address is needed to find them and nothing else points back at it.
 *   SUBREQ#<requestId> / REQ           pending double opt-in (TTL 48 h)
 *   SUBADDR#<id>       / PENDING       the pending request of an address (TTL 48 h)
 *   SUB#<id>           / PROFILE       a confirmed subscriber
 *   NET#<network>#SUBS / <id>          one per network: what the digest builder reads
 *   SUPPRESS#<id>      / SUPPRESS      unsubscribed, bounced or complained: no address kept
 */
export const subscriberId = (email: string) => createHash('sha256').update(`verkosto:${email.trim().toLowerCase()}`).digest('base64url').slice(0, 32);

export interface PendingRequest {
  requestId: string;
  email: string;
  prefs: Preferences;
  createdAt: string;
  expiresAt: number;
}

export interface Subscriber extends Preferences {
  id: string;
  email: string;
  confirmedAt: string;
  updatedAt: string;
}

/** What a network's digest needs of each subscriber. */
export interface Recipient {
  id: string;
  email: string;
  lang: 'fi' | 'sv' | 'en';
  kinds: string[];
  themes: string[];
  frequency: 'weekly' | 'monthly';
}

export type SuppressionReason = 'unsubscribed' | 'bounce' | 'complaint';

export interface SubscriptionStore {
  pendingOf(id: string, nowSeconds: number): Promise<PendingRequest | undefined>;
  putPending(id: string, request: PendingRequest): Promise<void>;
  getRequest(requestId: string, nowSeconds: number): Promise<PendingRequest | undefined>;
  dropPending(id: string, requestId: string): Promise<void>;
  getSubscriber(id: string): Promise<Subscriber | undefined>;
  saveSubscriber(s: Subscriber, previousNetworks: string[]): Promise<void>;
  erase(id: string, reason: SuppressionReason, at: string): Promise<void>;
  suppression(id: string): Promise<SuppressionReason | undefined>;
  recipients(network: string, pageSize: number, start?: Record<string, unknown>): Promise<{ recipients: Recipient[]; next?: Record<string, unknown> }>;
}

export class DynamoSubscriptionStore implements SubscriptionStore {
  constructor(
    private readonly db: DocumentClient,
    private readonly table: string,
  ) {}

  async pendingOf(id: string, nowSeconds: number) {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: { pk: `SUBADDR#${id}`, sk: 'PENDING' }, ConsistentRead: true }));
    if (!out.Item || Number(out.Item.expiresAt) <= nowSeconds) return undefined;
    return this.getRequest(String(out.Item.requestId), nowSeconds);
  }

  async putPending(id: string, r: PendingRequest) {
    await this.db.send(new PutCommand({ TableName: this.table, Item: { pk: `SUBREQ#${r.requestId}`, sk: 'REQ', type: 'SubscriptionRequest', subscriberId: id, ...r } }));
    await this.db.send(new PutCommand({ TableName: this.table, Item: { pk: `SUBADDR#${id}`, sk: 'PENDING', requestId: r.requestId, expiresAt: r.expiresAt } }));
  }

  async getRequest(requestId: string, nowSeconds: number) {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: { pk: `SUBREQ#${requestId}`, sk: 'REQ' }, ConsistentRead: true }));
    // TTL deletes within days, not at once (and never offline): the expiry is checked here.
    if (!out.Item || Number(out.Item.expiresAt) <= nowSeconds) return undefined;
    const { requestId: rid, email, prefs, createdAt, expiresAt } = out.Item;
    return { requestId: String(rid), email: String(email), prefs: prefs as Preferences, createdAt: String(createdAt), expiresAt: Number(expiresAt) };
  }

  async dropPending(id: string, requestId: string) {
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: { pk: `SUBREQ#${requestId}`, sk: 'REQ' } }));
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: { pk: `SUBADDR#${id}`, sk: 'PENDING' } }));
  }

  async getSubscriber(id: string) {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: { pk: `SUB#${id}`, sk: 'PROFILE' }, ConsistentRead: true }));
    if (!out.Item) return undefined;
    const { pk: _pk, sk: _sk, type: _t, ...rest } = out.Item;
    return rest as Subscriber;
  }

  /** Profile, then one membership per network; networks left are removed. Each write is an idempotent overwrite. */
  async saveSubscriber(s: Subscriber, previousNetworks: string[]) {
    await this.db.send(new PutCommand({ TableName: this.table, Item: { pk: `SUB#${s.id}`, sk: 'PROFILE', type: 'Subscriber', ...s } }));
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: { pk: `SUPPRESS#${s.id}`, sk: 'SUPPRESS' } }));
    const recipient: Recipient = { id: s.id, email: s.email, lang: s.lang, kinds: s.kinds, themes: s.themes, frequency: s.frequency };
    for (const n of s.networks) await this.db.send(new PutCommand({ TableName: this.table, Item: { pk: `NET#${n}#SUBS`, sk: s.id, type: 'Membership', ...recipient } }));
    for (const n of previousNetworks.filter((p) => !s.networks.includes(p))) {
      await this.db.send(new DeleteCommand({ TableName: this.table, Key: { pk: `NET#${n}#SUBS`, sk: s.id } }));
    }
  }

  /** Unsubscribe or suppress: the address and the preferences go; a hash stays so the decision holds. */
  async erase(id: string, reason: SuppressionReason, at: string) {
    const s = await this.getSubscriber(id);
    for (const n of s?.networks ?? []) await this.db.send(new DeleteCommand({ TableName: this.table, Key: { pk: `NET#${n}#SUBS`, sk: id } }));
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: { pk: `SUB#${id}`, sk: 'PROFILE' } }));
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { pk: `SUPPRESS#${id}`, sk: 'SUPPRESS' },
        // A bounce or complaint outranks a later plain unsubscribe.
        UpdateExpression: 'SET reason = if_not_exists(reason, :r), #at = if_not_exists(#at, :at)',
        ExpressionAttributeNames: { '#at': 'at' },
        ExpressionAttributeValues: { ':r': reason, ':at': at },
      }),
    );
  }

  async suppression(id: string) {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: { pk: `SUPPRESS#${id}`, sk: 'SUPPRESS' }, ConsistentRead: true }));
    return out.Item?.reason as SuppressionReason | undefined;
  }

  async recipients(network: string, pageSize: number, start?: Record<string, unknown>) {
    const out = await this.db.send(
      new QueryCommand({ TableName: this.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `NET#${network}#SUBS` }, Limit: pageSize, ExclusiveStartKey: start }),
    );
    const recipients = (out.Items ?? []).map((i) => ({ id: String(i.id), email: String(i.email), lang: i.lang, kinds: i.kinds, themes: i.themes, frequency: i.frequency }) as Recipient);
    return { recipients, ...(out.LastEvaluatedKey ? { next: out.LastEvaluatedKey } : {}) };
  }
}

/**
 * Every subscriber of a network who chose a kind, page by page (a Query on
 * the network's membership partition); `each` runs once per subscriber.
 */
export async function forEachSubscriber(store: Pick<SubscriptionStore, 'recipients'>, network: string, kind: string, each: (r: Recipient) => Promise<void>): Promise<void> {
  let start: Record<string, unknown> | undefined;
  do {
    const page = await store.recipients(network, 200, start);
    for (const r of page.recipients) if (r.kinds.includes(kind)) await each(r);
    start = page.next;
  } while (start);
}
