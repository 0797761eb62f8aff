import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { tableDefinition } from '../../functions/adapters/dynamo/table.ts';
import { bucketIds, buckets, type BucketId } from '../../functions/adapters/s3/buckets.ts';
import { pascalCase } from './app-function.ts';

/**
 * Where the data lives: THE table (functions/adapters/dynamo/table.ts) and the buckets
 * (functions/adapters/s3/buckets.ts), built from their definitions so CDK and the local stack agree.
 */
export class Data extends Construct {
  readonly table: Table;
  readonly buckets: Readonly<Record<BucketId, Bucket>>;
  /** Receives the S3 server access logs of the data buckets. */
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    // Access logs are delivered through a bucket policy, not the legacy log-delivery ACL, whatever the
    // app's cdk.json says (tests build the stack without it).
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);

    const { partitionKey, sortKey, timeToLiveAttribute, globalSecondaryIndexes, stream } = tableDefinition;
    this.table = new Table(this, 'Table', {
      partitionKey: { name: partitionKey, type: AttributeType.STRING },
      sortKey: { name: sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute,
      // The outbox relay's source (infra/constructs/workers.ts): messages recorded with their work.
      stream: StreamViewType[stream.viewType],
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Balances, groups and audit live here: neither a stack deletion nor a console click loses them.
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
      });
    }

    this.accessLogs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [
        { expiration: Duration.days(90), abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });

    const entries = bucketIds.map((bucketId) => {
      const definition: { expireAfterDays?: number } = buckets[bucketId];
      const bucket = new Bucket(this, `${pascalCase(bucketId)}Bucket`, {
        blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
        encryption: BucketEncryption.S3_MANAGED,
        enforceSSL: true,
        objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
        serverAccessLogsBucket: this.accessLogs,
        serverAccessLogsPrefix: `${bucketId}/`,
        lifecycleRules: [
          {
            abortIncompleteMultipartUploadAfter: Duration.days(1),
            ...(definition.expireAfterDays === undefined
              ? {}
              : { expiration: Duration.days(definition.expireAfterDays) }),
          },
        ],
      });
      return [bucketId, bucket] as const;
    });
    this.buckets = Object.fromEntries(entries) as Record<BucketId, Bucket>;
  }
}
