import { createHash } from 'node:crypto';
import { UpdateCommand, type DocumentClient } from './aws/dynamodb.js';
import { conditionally } from './dynamo.js';
import { rateLimited } from './errors.js';
import type { WindowLimit } from './limits.js';

/** Fixed-window counters: one atomic conditional update per hit, no transactions. */
export interface RateLimiter {
  /** true when the hit is within the limit (and counted), false when over it. */
  hit(bucket: string, subject: string, limit: number, windowSeconds: number): Promise<boolean>;
}

/** Subjects (addresses, IPs) are hashed: the table holds no readable personal data for a limit. */
export const hashSubject = (s: string) => createHash('sha256').update(s.trim().toLowerCase()).digest('base64url').slice(0, 32);

/** A plain fixed-window counter: what number this hit is in its window. */
export interface WindowCounter {
  next(bucket: string, subject: string, windowSeconds: number): Promise<number>;
}

export class DynamoRateLimiter implements RateLimiter, WindowCounter {
  constructor(
    private readonly db: DocumentClient,
    private readonly table: string,
    private readonly now: () => number = Date.now,
  ) {}

  async hit(bucket: string, subject: string, limit: number, windowSeconds: number): Promise<boolean> {
    const window = Math.floor(this.now() / 1000 / windowSeconds);
    return conditionally(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: `RATE#${bucket}#${hashSubject(subject)}`, sk: `W#${window}` },
          UpdateExpression: 'ADD hits :one SET expiresAt = :exp',
          ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
          ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':exp': (window + 2) * windowSeconds },
        }),
      ),
    );
  }

  async next(bucket: string, subject: string, windowSeconds: number): Promise<number> {
    const window = Math.floor(this.now() / 1000 / windowSeconds);
    const out = await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { pk: `RATE#${bucket}#${hashSubject(subject)}`, sk: `W#${window}` },
        UpdateExpression: 'ADD hits :one SET expiresAt = :exp',
        ExpressionAttributeValues: { ':one': 1, ':exp': (window + 2) * windowSeconds },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(out.Attributes?.hits ?? 1);
  }
}

/**
 * A public mail-sending route's two limits: per viewer address, then per
 * email address the request names. 429 when either is spent.
 */
export async function enforceLimits(limiter: RateLimiter, bucket: string, limit: WindowLimit, subjects: { client: string; address: string }): Promise<void> {
  if (!(await limiter.hit(`${bucket}-client`, subjects.client, limit.perClient, limit.windowSeconds))) throw rateLimited();
  if (!(await limiter.hit(`${bucket}-address`, subjects.address, limit.perAddress, limit.windowSeconds))) throw rateLimited();
}
