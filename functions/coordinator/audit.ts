import { PutCommand, QueryCommand, type DocumentClient } from '../shared/aws/dynamodb.js';
import type { AuditStamp } from '../shared/events.js';

/** Audit entries live in the network's partition, newest first by sort key: NET#<network> / AUDIT#<at>#<eventId>. */
export interface AuditLog {
  record(eventId: string, action: string, stamp: AuditStamp): Promise<void>;
  list(network: string, limit: number, before?: string): Promise<{ entries: AuditEntry[]; next?: string }>;
}

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  target: { kind: string; id: string };
}

export class DynamoAuditLog implements AuditLog {
  constructor(
    private readonly db: DocumentClient,
    private readonly table: string,
  ) {}

  async record(eventId: string, action: string, stamp: AuditStamp): Promise<void> {
    // Keyed by the event id, so a redelivered event overwrites its own entry instead of adding one.
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: { pk: `NET#${stamp.network}`, sk: `AUDIT#${stamp.at}#${eventId}`, type: 'Audit', at: stamp.at, actor: stamp.actor, action, target: stamp.target },
      }),
    );
  }

  async list(network: string, limit: number, before?: string) {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: before ? 'pk = :pk AND sk BETWEEN :from AND :before' : 'pk = :pk AND begins_with(sk, :from)',
        ExpressionAttributeValues: { ':pk': `NET#${network}`, ':from': 'AUDIT#', ...(before ? { ':before': before } : {}) },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    const entries = (out.Items ?? []).filter((i) => i.sk !== before).map((i) => ({ at: String(i.at), actor: String(i.actor), action: String(i.action), target: i.target as AuditEntry['target'] }));
    const last = out.LastEvaluatedKey?.sk;
    return { entries, ...(typeof last === 'string' ? { next: last } : {}) };
  }
}
