import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients } from '../../functions/adapters/aws-clients.ts';
import { readEnv } from '../../functions/config/env.ts';
import { realisticFloor } from '../../bench/realistic-floor.ts';
import { startStackFixture, type StackFixture } from '../support/local-stack-fixture.ts';

/** Every operation the floor stands in for, once: the calls a new case, a reply and a check make. */
const EVERY_CALL = {
  'S3.GetObject': 1,
  'S3.PutObject': 1,
  'DynamoDB.GetItem': 1,
  'DynamoDB.BatchGetItem': 1,
  'DynamoDB.Query': 1,
  'DynamoDB.PutItem': 1,
  'DynamoDB.UpdateItem': 1,
  'DynamoDB.TransactWriteItems': 1,
  'SES.SendEmail': 1,
  'SQS.SendMessageBatch': 1,
  'Scheduler.ListSchedules': 1,
  'Scheduler.CreateSchedule': 2,
};

describe("the bench's realistic floor, against the local stack", () => {
  let fixture: StackFixture;
  beforeAll(async () => {
    fixture = await startStackFixture();
  });
  afterAll(async () => {
    await fixture.stop();
  });

  it('makes every call it stands in for as the stack accepts it: from the verified support address, on its table and bucket', async () => {
    // Prepare
    const clients = createAwsClients();
    const place = {
      tableName: readEnv('TABLE_NAME'),
      bucketName: readEnv('RAW_MAIL_BUCKET'),
      supportAddress: readEnv('SUPPORT_ADDRESS'),
    };
    const rawKey = 'inbound/floor-test';
    await clients.s3.send(
      new PutObjectCommand({
        Bucket: place.bucketName,
        Key: rawKey,
        Body: 'From: a@b.test\r\nSubject: x\r\n\r\nHello\r\n',
      }),
    );
    const floor = realisticFloor(clients, place);

    // Act
    const skipped = await floor(rawKey, EVERY_CALL);

    // Assess: nothing refused (an unverified sender, a missing table or queue would throw), nothing without a stand-in.
    expect(skipped).toEqual([]);
  });
});
