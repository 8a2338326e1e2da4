import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Networks } from '../shared/networks.js';

/**
 * Who coordinates which network. The operator config names the first
 * coordinators; coordinators then add and remove others, stored as
 * membership records that override the config:
 *   COORDINATOR#<email> / NET#<network>   { active: true|false }   (lookup by address at sign-in)
 *   NET#<network>       / COORD#<email>   { active: true|false }   (list per network)
 */
export interface CoordinatorDirectory {
  networksOf(email: string): Promise<string[]>;
  isCoordinator(email: string, network: string): Promise<boolean>;
  list(network: string): Promise<Array<{ email: string; source: 'config' | 'added'; addedBy?: string; addedAt?: string }>>;
  setActive(network: string, email: string, active: boolean, by: string, at: string): Promise<void>;
}

export const normaliseEmail = (e: string) => e.trim().toLowerCase();

export class DynamoCoordinatorDirectory implements CoordinatorDirectory {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly networks: Networks,
  ) {}

  private fromConfig(email: string): string[] {
    return this.networks.all.filter((n) => n.coordinators.some((c) => normaliseEmail(c) === email)).map((n) => n.id);
  }

  async networksOf(rawEmail: string): Promise<string[]> {
    const email = normaliseEmail(rawEmail);
    const out = await this.db.send(new QueryCommand({ TableName: this.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `COORDINATOR#${email}` } }));
    const records = new Map((out.Items ?? []).map((i) => [String(i.network), Boolean(i.active)]));
    const set = new Set(this.fromConfig(email).filter((n) => records.get(n) !== false));
    for (const [n, active] of records) if (active && this.networks.has(n)) set.add(n);
    return [...set].sort();
  }

  async isCoordinator(rawEmail: string, network: string): Promise<boolean> {
    const email = normaliseEmail(rawEmail);
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: { pk: `COORDINATOR#${email}`, sk: `NET#${network}` } }));
    if (out.Item) return Boolean(out.Item.active);
    return this.fromConfig(email).includes(network);
  }

  async list(network: string) {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :c)',
        ExpressionAttributeValues: { ':pk': `NET#${network}`, ':c': 'COORD#' },
      }),
    );
    const records = new Map((out.Items ?? []).map((i) => [String(i.email), i]));
    const result: Array<{ email: string; source: 'config' | 'added'; addedBy?: string; addedAt?: string }> = [];
    for (const c of this.networks.get(network)?.coordinators ?? []) {
      const email = normaliseEmail(c);
      if (records.get(email)?.active === false) continue;
      result.push({ email, source: 'config' });
    }
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
