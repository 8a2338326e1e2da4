import { createHash } from 'node:crypto';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { conditionally, isConditionFailure } from './dynamo.js';

/** Fixed-window counters: one atomic conditional update per hit, no transactions. */
export interface RateLimiter {
  /** true when the hit is within the limit (and counted), false when over it. */
  hit(bucket: string, subject: string, limit: number, windowSeconds: number): Promise<boolean>;
}

/** Subjects (addresses, IPs) are hashed: the table holds no readable personal data for a limit. */
export const hashSubject = (s: string) => createHash('sha256').update(s.trim().toLowerCase()).digest('base64url').slice(0, 32);

export class DynamoRateLimiter implements RateLimiter {
  constructor(
    private readonly db: DynamoDBDocumentClient,
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
}
