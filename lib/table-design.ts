/**
 * The one DynamoDB table, described as plain data so the CDK stack and the
 * local runtime (dynalite) create exactly the same keys and indexes.
 *
 * Key conventions (see docs/architecture.md, "Access patterns"):
 *   pk / sk            item identity, e.g. LISTING#<id> / META
 *   gsi1pk / gsi1sk    lists by status, e.g. NET#<network>#LISTINGS#<status> / <changedAt>#<id>
 *   gsi2pk / gsi2sk    ordered work lists, e.g. EXPIRES#<network> / <lastDay>#<id> (listing expiry),
 *                      MEETING#<id>#WAIT / <position> (a meeting's waitlist)
 */
export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;

export const TTL_ATTRIBUTE = 'expiresAt';

export interface IndexDesign {
  readonly indexName: string;
  readonly partitionKey: string;
  readonly sortKey: string;
}

export const TABLE_INDEXES: readonly IndexDesign[] = [
  { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
];
