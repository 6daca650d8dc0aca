import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { CASE_TABLE } from '../../functions/config/resources.ts';
import { onlyResource, synthesizeSupportStack, TEST_SUPPORT_CONTEXT } from './support-stack-fixture.ts';

describe('where mail and cases are kept', () => {
  let template: Template;

  beforeAll(() => {
    // Prepare, Act
    ({ template } = synthesizeSupportStack());
  });

  describe('the raw mail bucket', () => {
    const rawMailBucket = () => onlyResource(template, 'AWS::S3::Bucket', 'RawMailBucket').resource.Properties;

    it('is encrypted, versioned, and never public', () => {
      // Assess
      expect(rawMailBucket()).toMatchObject({
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      });
    });

    it('expires raw messages after the configured retention, old versions included', () => {
      // Assess
      expect(rawMailBucket().LifecycleConfiguration.Rules).toEqual([
        expect.objectContaining({
          Status: 'Enabled',
          ExpirationInDays: TEST_SUPPORT_CONTEXT.rawMailRetentionDays,
          NoncurrentVersionExpiration: { NoncurrentDays: 30 },
        }),
        { Id: 'remove-expired-delete-markers', Status: 'Enabled', ExpiredObjectDeleteMarker: true },
      ]);
    });

    it('logs every access to a separate bucket', () => {
      // Assess
      expect(rawMailBucket().LoggingConfiguration).toEqual({
        DestinationBucketName: { Ref: expect.stringMatching(/^RawMailAccessLogs/) },
        LogFilePrefix: 'raw-mail/',
      });
    });

    it('refuses every request that does not use TLS 1.2 or later', () => {
      // Assess
      const bucketArn = { 'Fn::GetAtt': [Match.stringLikeRegexp('^RawMailBucket'), 'Arn'] };
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: Match.stringLikeRegexp('^RawMailBucket') },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 's3:*',
              Principal: { AWS: '*' },
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
              Resource: [bucketArn, { 'Fn::Join': ['', [bucketArn, '/*']] }],
            }),
            Match.objectLike({ Effect: 'Deny', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
          ]),
        },
      });
    });

    it('outlives the stack', () => {
      // Assess
      expect(onlyResource(template, 'AWS::S3::Bucket', 'RawMailBucket').resource.DeletionPolicy).toBe('Retain');
    });
  });

  describe('the case table', () => {
    it('is on-demand, recoverable to any point in time, and encrypted', () => {
      // Assess
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
        DeletionProtectionEnabled: true,
      });
    });

    it('has the keys, time-to-live attribute and status index the code expects', () => {
      // Assess
      const { resource: table } = onlyResource(template, 'AWS::DynamoDB::Table');
      expect(table.Properties.KeySchema).toEqual([
        { AttributeName: CASE_TABLE.partitionKey, KeyType: 'HASH' },
        { AttributeName: CASE_TABLE.sortKey, KeyType: 'RANGE' },
      ]);
      expect(table.Properties.TimeToLiveSpecification).toEqual({
        AttributeName: CASE_TABLE.timeToLiveAttribute,
        Enabled: true,
      });
      expect(table.Properties.GlobalSecondaryIndexes).toEqual([
        {
          IndexName: CASE_TABLE.legacyStatusIndex.name,
          KeySchema: [
            { AttributeName: CASE_TABLE.legacyStatusIndex.partitionKey, KeyType: 'HASH' },
            { AttributeName: CASE_TABLE.legacyStatusIndex.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
        {
          IndexName: CASE_TABLE.statusIndex.name,
          KeySchema: [
            { AttributeName: CASE_TABLE.statusIndex.partitionKey, KeyType: 'HASH' },
            { AttributeName: CASE_TABLE.statusIndex.sortKey, KeyType: 'RANGE' },
          ],
          // Only the summary fields: a report never reads a case's history.
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...CASE_TABLE.statusIndex.projected] },
        },
      ]);
    });

    it('outlives the stack', () => {
      // Assess
      const { resource: table } = onlyResource(template, 'AWS::DynamoDB::Table');
      expect(table.DeletionPolicy).toBe('Retain');
    });
  });
});
