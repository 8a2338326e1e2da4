import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DocumentClient } from '../shared/aws/dynamodb.js';
import { conditionally } from '../shared/dynamo.js';
import { conflict, notFound } from '../shared/errors.js';
import type { Networks } from '../shared/networks.js';

/**
 * Who coordinates which network. The operator config names the first
 * coordinators, who always coordinate it: the break-glass path, so a network
 * can never be locked out by what is in the table (removing one is a config
 * change and a deploy). Coordinators add and remove others:
 *   NET#<network>       / COORDS          { added: string set }     THE membership of added ones; changed
 *                                                                   only by atomic set updates with conditions
 *   COORDINATOR#<email> / NET#<network>   { active: true|false }   (lookup by address at sign-in)
 *   NET#<network>       / COORD#<email>   { active: true|false }   (list per network, who added and when)
 */
export interface CoordinatorDirectory {
  networksOf(email: string): Promise<string[]>;
  isCoordinator(email: string, network: string): Promise<boolean>;
  list(network: string): Promise<Array<{ email: string; source: 'config' | 'added'; addedBy?: string; addedAt?: string }>>;
  setActive(network: string, email: string, active: boolean, by: string, at: string): Promise<void>;
  /** Adds a coordinator; false when the address coordinates the network already. */
  add(network: string, email: string, by: string, at: string): Promise<boolean>;
  /**
   * Removes an added coordinator with one conditional update of the
   * network's membership: 404 when not a member (or removed just now),
   * 409 for a configured coordinator and for the last one.
   */
  remove(network: string, email: string, by: string, at: string): Promise<void>;
}

export const normaliseEmail = (e: string) => e.trim().toLowerCase();

export class DynamoCoordinatorDirectory implements CoordinatorDirectory {
  constructor(
    private readonly db: DocumentClient,
    private readonly table: string,
    private readonly networks: Networks,
  ) {}

  private fromConfig(email: string): string[] {
    return this.networks.all.filter((n) => n.coordinators.some((c) => normaliseEmail(c) === email)).map((n) => n.id);
  }

  private configured(network: string): string[] {
    return (this.networks.get(network)?.coordinators ?? []).map(normaliseEmail);
  }

  async networksOf(rawEmail: string): Promise<string[]> {
    const email = normaliseEmail(rawEmail);
    const out = await this.db.send(new QueryCommand({ TableName: this.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `COORDINATOR#${email}` } }));
    const set = new Set(this.fromConfig(email));
    for (const i of out.Items ?? []) if (i.active && this.networks.has(String(i.network))) set.add(String(i.network));
    return [...set].sort();
  }

  async isCoordinator(rawEmail: string, network: string): Promise<boolean> {
    const email = normaliseEmail(rawEmail);
    if (this.fromConfig(email).includes(network)) return true;
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: { pk: `COORDINATOR#${email}`, sk: `NET#${network}` } }));
    return Boolean(out.Item?.active);
  }

  private readonly membershipKey = (network: string) => ({ pk: `NET#${network}`, sk: 'COORDS' });

  /**
   * Once per network: the added coordinators of the records written before
   * the membership item existed go into its set. Whoever loses the race
   * keeps the winner's (the records could not change in between: every
   * change passes here first).
   */
  private async migrated(network: string): Promise<void> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: this.membershipKey(network), ConsistentRead: true }));
    if (out.Item?.migrated) return;
    const config = new Set(this.configured(network));
    const legacy = (await this.records(network)).filter((r) => r.active && !config.has(String(r.email))).map((r) => String(r.email));
    await conditionally(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: this.membershipKey(network),
          UpdateExpression: legacy.length ? 'SET migrated = :yes ADD added :legacy' : 'SET migrated = :yes',
          ConditionExpression: 'attribute_not_exists(migrated)',
          ExpressionAttributeValues: { ':yes': true, ...(legacy.length ? { ':legacy': new Set(legacy) } : {}) },
        }),
      ),
    );
  }

  async add(network: string, rawEmail: string, by: string, at: string): Promise<boolean> {
    const email = normaliseEmail(rawEmail);
    if (this.configured(network).includes(email)) return false;
    await this.migrated(network);
    const added = await conditionally(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: this.membershipKey(network),
          UpdateExpression: 'ADD added :one',
          ConditionExpression: 'attribute_not_exists(added) OR NOT contains(added, :email)',
          ExpressionAttributeValues: { ':one': new Set([email]), ':email': email },
        }),
      ),
    );
    // The records follow the membership (idempotent, so a retry after a crash converges).
    if (added || !(await this.isCoordinator(email, network))) await this.setActive(network, email, true, by, at);
    return added;
  }

  async remove(network: string, rawEmail: string, by: string, at: string): Promise<void> {
    const email = normaliseEmail(rawEmail);
    const configured = this.configured(network);
    if (configured.includes(email)) throw conflict('config_coordinator', 'A coordinator named in the configuration is removed by changing the configuration');
    await this.migrated(network);
    // With no configured coordinator, the last added one must stay: the set may not shrink below one.
    const keep = configured.length > 0 ? 0 : 1;
    const removed = await conditionally(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: this.membershipKey(network),
          UpdateExpression: 'DELETE added :one',
          ConditionExpression: 'contains(added, :email) AND size(added) > :keep',
          ExpressionAttributeValues: { ':one': new Set([email]), ':email': email, ':keep': keep },
        }),
      ),
    );
    if (!removed) {
      const out = await this.db.send(new GetCommand({ TableName: this.table, Key: this.membershipKey(network), ConsistentRead: true }));
      const members = (out.Item?.added as Set<string> | undefined) ?? new Set<string>();
      if (members.has(email)) throw conflict('last_coordinator', 'A network needs at least one coordinator');
      // Not a member (any more): make sure the records say so too, then answer as for an unknown address.
      if (await this.isCoordinator(email, network)) await this.setActive(network, email, false, by, at);
      throw notFound('Not a coordinator of this network');
    }
    await this.setActive(network, email, false, by, at);
  }

  private async records(network: string): Promise<Array<Record<string, unknown>>> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :c)',
        ExpressionAttributeValues: { ':pk': `NET#${network}`, ':c': 'COORD#' },
        ConsistentRead: true,
      }),
    );
    return out.Items ?? [];
  }

  async list(network: string) {
    const records = new Map((await this.records(network)).map((i) => [String(i.email), i]));
    const result: Array<{ email: string; source: 'config' | 'added'; addedBy?: string; addedAt?: string }> = [];
    for (const email of this.configured(network)) result.push({ email, source: 'config' });
    for (const [email, r] of records) {
      if (!r.active || result.some((x) => x.email === email)) continue;
      result.push({ email, source: 'added', addedBy: String(r.by), addedAt: String(r.at) });
    }
    return result.sort((a, b) => a.email.localeCompare(b.email));
  }

  async setActive(network: string, rawEmail: string, active: boolean, by: string, at: string): Promise<void> {
    const email = normaliseEmail(rawEmail);
    const item = { email, network, active, by: normaliseEmail(by), at };
    // Two single-item writes, not a transaction (dynalite has none): both are
    // idempotent overwrites, so a retry after a partial failure converges.
    await this.db.send(new PutCommand({ TableName: this.table, Item: { pk: `NET#${network}`, sk: `COORD#${email}`, type: 'Coordinator', ...item } }));
    await this.db.send(new PutCommand({ TableName: this.table, Item: { pk: `COORDINATOR#${email}`, sk: `NET#${network}`, type: 'CoordinatorLookup', ...item } }));
  }
}
