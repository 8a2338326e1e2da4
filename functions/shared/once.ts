import { DeleteCommand, GetCommand, PutCommand, type DocumentClient } from './aws/dynamodb.js';
import { conditionally } from './dynamo.js';

/**
 * Remembers that a side effect (an email, mostly) was done for a key, so a
 * redelivered event does not do it again. Claim before, release on failure:
 * a crash between the send and the end of the handler can lose that one mail
 * only if the process dies after SES accepted it and before the function
 * returned — then the claim stays and the retry skips it, which we prefer
 * over sending twice.
 */
export interface OnceStore {
  /** true when this call owns the key; false when it was claimed before. */
  claim(key: string): Promise<boolean>;
  release(key: string): Promise<void>;
  /** whether the key has been claimed (and not released) */
  seen(key: string): Promise<boolean>;
}

const KEEP_SECONDS = 30 * 24 * 3600;

export class DynamoOnceStore implements OnceStore {
  constructor(
    private readonly db: DocumentClient,
    private readonly table: string,
    private readonly now: () => number = Date.now,
  ) {}

  async claim(key: string): Promise<boolean> {
    return conditionally(() =>
      this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { pk: `ONCE#${key}`, sk: 'ONCE', claimedAt: new Date(this.now()).toISOString(), expiresAt: Math.floor(this.now() / 1000) + KEEP_SECONDS },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }

  async seen(key: string): Promise<boolean> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: { pk: `ONCE#${key}`, sk: 'ONCE' }, ConsistentRead: true }));
    return out.Item !== undefined;
  }

  async release(key: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: { pk: `ONCE#${key}`, sk: 'ONCE' } }));
  }
}

/** Runs `effect` once per key across redeliveries. */
export async function once(store: OnceStore, key: string, effect: () => Promise<void>): Promise<'done' | 'skipped'> {
  if (!(await store.claim(key))) return 'skipped';
  try {
    await effect();
    return 'done';
  } catch (err) {
    await store.release(key);
    throw err;
  }
}
