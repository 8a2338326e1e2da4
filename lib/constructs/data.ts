import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { SNAPSHOT_PREFIX } from '../../functions/listings/directory-snapshot.js';
import { TABLE_INDEXES, TABLE_KEYS, TTL_ATTRIBUTE } from '../table-design.js';

/**
 * The one table (lib/table-design.ts is its design, shared with dynalite):
 * on demand, point-in-time recovery, deletion protection, retained on stack
 * deletion, TTL for short-lived items. Beside it, the bucket of directory
 * snapshots.
 */
export class Data extends Construct {
  readonly table: Table;
  /** The directory snapshots (functions/listings/directory-snapshot.ts): derived from the table, rebuilt when missing. */
  readonly snapshots: Bucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      encryption: TableEncryption.AWS_MANAGED,
    });
    this.snapshots = new Bucket(this, 'DirectorySnapshots', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // One object per network, overwritten every few minutes: versions would keep every one.
      versioned: false,
      lifecycleRules: [
        // The builder rewrites a network's snapshot at least every 20 hours, so only a network no longer hosted leaves one this old.
        { id: 'OldSnapshots', prefix: SNAPSHOT_PREFIX, expiration: Duration.days(7) },
        { id: 'IncompleteUploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      // Derived data: nothing is lost with it, and what is left empties itself by the lifecycle within a week.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.snapshots).acknowledge({
      id: 'AwsSolutions::AwsSolutions-S1',
      reason: 'Holds only snapshots derived from the table, read by the directory functions at a cold start and written by one scheduled function; nobody else reaches it (private, SSL only), so a log of every read would record only those functions.',
    });
    for (const index of TABLE_INDEXES) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }
  }
}
