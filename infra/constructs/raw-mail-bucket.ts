import { CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement, type Role } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY } from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';
import { RAW_MAIL } from '../../functions/config/resources.ts';

export interface RawMailBucketProps {
  /** Days a raw message (and the content decoded from it) is kept before it expires. */
  readonly retentionDays: number;
  /**
   * Days an overwritten or expired version lingers before it is removed for good.
   * @default 30 — long enough to undo a mistaken overwrite, short enough to honour the retention
   */
  readonly noncurrentVersionRetentionDays?: number;
  /**
   * Days the S3 server access logs are kept.
   * @default 365
   */
  readonly accessLogRetentionDays?: number;
  /**
   * What CloudFormation does with the buckets when they leave the stack.
   * @default RemovalPolicy.RETAIN — raw mail is the evidence behind every case
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Where SES stores every message it receives (`RAW_MAIL.inboundPrefix`) and where the inbound
 * function keeps the bodies and attachments it decodes (`RAW_MAIL.contentPrefix`).
 * Encrypted, versioned, TLS-only, never public; reads and writes are logged to a second bucket.
 */
export class RawMailBucket extends Construct {
  readonly bucket: Bucket;
  readonly accessLogsBucket: Bucket;

  constructor(scope: Construct, id: string, props: RawMailBucketProps) {
    super(scope, id);
    // Log delivery by bucket policy, not by ACL: ACLs stay disabled (BucketOwnerEnforced) on both buckets.
    this.node.setContext(S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;

    this.accessLogsBucket = new Bucket(this, 'AccessLogs', {
      ...securedBucket(removalPolicy),
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(props.accessLogRetentionDays ?? 365) }],
    });
    Validations.of(this.accessLogsBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This bucket is the server access log destination of the raw mail bucket; logging it into itself would loop.',
    });

    this.bucket = new Bucket(this, 'Bucket', {
      ...securedBucket(removalPolicy),
      versioned: true,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'raw-mail/',
      lifecycleRules: [
        {
          id: 'expire-raw-mail',
          expiration: Duration.days(props.retentionDays),
          noncurrentVersionExpiration: Duration.days(props.noncurrentVersionRetentionDays ?? 30),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
        {
          // An erased customer's objects (support customers erase) leave delete markers over their
          // noncurrent versions; once those versions expire, the markers go too.
          id: 'remove-expired-delete-markers',
          expiredObjectDeleteMarker: true,
        },
      ],
    });
  }

  /** ARN pattern of the raw messages SES stores. */
  inboundObjectsArn(): string {
    return this.bucket.arnForObjects(`${RAW_MAIL.inboundPrefix}*`);
  }

  /** Lets the role read raw messages, and nothing else in the bucket. */
  grantReadInbound(role: Role): void {
    this.grantUnderPrefix(role, 's3:GetObject', RAW_MAIL.inboundPrefix);
  }

  /** Decoded bodies and attachments: written at intake, read back to forward an agent's attachments. */
  grantReadWriteContent(role: Role): void {
    this.grantUnderPrefix(role, 's3:PutObject', RAW_MAIL.contentPrefix);
    this.grantUnderPrefix(role, 's3:GetObject', RAW_MAIL.contentPrefix);
  }

  /**
   * Lets the role read decoded attachments (`content/<receipt>/attachments/<file>`) and nothing
   * else: no raw message, no decoded body, no write. What the public download links serve.
   */
  grantReadAttachments(role: Role): void {
    this.grantUnderPrefix(role, 's3:GetObject', `${RAW_MAIL.contentPrefix}*/${RAW_MAIL.attachmentsFolder}/`);
  }

  private grantUnderPrefix(role: Role, action: string, prefix: string): void {
    role.addToPolicy(new PolicyStatement({ actions: [action], resources: [this.bucket.arnForObjects(`${prefix}*`)] }));
    const cfnBucket = this.bucket.node.defaultChild;
    if (!(cfnBucket instanceof CfnElement)) return;
    const bucketArn = `<${Stack.of(this).getLogicalId(cfnBucket)}.Arn>`;
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${bucketArn}/${prefix}*]`,
      reason: `The wildcard is the key prefix "${prefix}": object keys are not known in advance, and the grant reaches no other prefix of the bucket.`,
    });
  }
}

function securedBucket(removalPolicy: RemovalPolicy) {
  return {
    encryption: BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    removalPolicy,
  } as const;
}
