import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from '../shared/dynamo.js';
import type { ListingSnapshot } from './schema.js';

/**
 * Listing storage. Keys (see docs/architecture.md):
 *   LISTING#<id> / META                 the listing with its status
 *   gsi1: NET#<network>#LISTINGS#<status> / <submittedAt>#<id>   moderation queue
 */
export interface ListingStore {
  /** Stores a new pending listing; 'duplicate' when it was stored before. */
  putPending(listing: ListingSnapshot): Promise<'stored' | 'duplicate'>;
}

export const listingKey = (id: string) => ({ pk: `LISTING#${id}`, sk: 'META' });
export const statusIndexKey = (network: string, status: string) => `NET#${network}#LISTINGS#${status}`;

export class DynamoListingStore implements ListingStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async putPending(listing: ListingSnapshot): Promise<'stored' | 'duplicate'> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: {
            ...listingKey(listing.id),
            type: 'Listing',
            id: listing.id,
            network: listing.data.network,
            status: 'pending',
            submittedAt: listing.submittedAt,
            updatedAt: listing.submittedAt,
            revision: 1,
            data: listing.data,
            gsi1pk: statusIndexKey(listing.data.network, 'pending'),
            gsi1sk: `${listing.submittedAt}#${listing.id}`,
          },
          // Idempotent: the bus delivers at least once; the first delivery wins.
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return 'stored';
    } catch (err) {
      if (isConditionFailure(err)) return 'duplicate';
      throw err;
    }
  }
}
