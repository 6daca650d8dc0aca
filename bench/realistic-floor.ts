import { PutObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { CreateScheduleCommand, DeleteScheduleCommand, ListSchedulesCommand } from '@aws-sdk/client-scheduler';
import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { CreateQueueCommand, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { simpleParser } from 'mailparser';
import type { AwsClients } from '../functions/adapters/aws-clients.ts';
import { PARSER_OPTIONS } from '../functions/mail/parse-message.ts';
import { addCpu, FLOOR_PARSE, type CpuSplit } from './cpu-split.ts';

/** Where the floor's trivial calls go: the stack's table and bucket, a queue and a schedule group of their own. */
export interface FloorPlace {
  readonly tableName: string;
  readonly bucketName: string;
  /** The stack's support address: SES sends only from a verified identity, the floor's mail as the handler's. */
  readonly supportAddress: string;
}

/** Operations as the bench counts them (`<Service>.<Operation>`), per mail. */
export type FloorCalls = Readonly<Record<string, number>>;

const FLOOR_QUEUE = 'mailcase-bench-floor';
const FLOOR_GROUP = 'mailcase-bench-floor';
/** Far beyond any run: the floor's schedules are never delivered. */
const NEVER = 'at(2099-01-01T00:00:00)';

/**
 * The least a mail can cost: read the stored message and parse it as the handler does, then make
 * the SDK calls its kind has to make (as counted on the handler's clients in the same run) with the
 * handler's own clients and trivial payloads: one tiny item per write, two keys per batch read, a one-line mail.
 * What the handler spends above this is its own work: planning, templates, MIME, marshalling.
 * With `clock` (the thread's CPU clock, ms), a mail's floor adds each step's CPU to the `split` it is given.
 */
export function realisticFloor(clients: AwsClients, place: FloorPlace, clock?: () => number) {
  let queueUrl: string | undefined;
  let n = 0;
  const queue = async () => {
    queueUrl ??= (await clients.sqs.send(new CreateQueueCommand({ QueueName: FLOOR_QUEUE }))).QueueUrl;
    return queueUrl;
  };
  const one = trivialCalls(clients, place, () => n, queue);
  const createSchedule = (i: number) =>
    clients.scheduler.send(
      new CreateScheduleCommand({
        Name: `floor-${n}-${i}`,
        GroupName: FLOOR_GROUP,
        ScheduleExpression: NEVER,
        FlexibleTimeWindow: { Mode: 'OFF' },
        ActionAfterCompletion: 'DELETE',
        Target: {
          Arn: 'arn:aws:sqs:eu-west-1:000000000000:floor',
          RoleArn: 'arn:aws:iam::000000000000:role/floor',
          Input: '{}',
        },
      }),
    );

  /** One mail's floor: the stored raw message read and parsed, then `calls` (rounded means) made. Returns the operations it had no stand-in for. */
  return async (rawKey: string, calls: FloorCalls, split?: CpuSplit): Promise<string[]> => {
    n += 1;
    const timing = clock !== undefined && split !== undefined;
    let mark = timing ? clock() : 0;
    const step = (label: string) => {
      if (!timing) return;
      const now = clock();
      addCpu(split, label, now - mark);
      mark = now;
    };
    const object = await clients.s3.send(new GetObjectCommand({ Bucket: place.bucketName, Key: rawKey }));
    const raw = Buffer.from((await object.Body?.transformToByteArray()) ?? []);
    step('S3.GetObject');
    // With the handler's own parser options: mailparser's defaults add text-to-HTML and link
    // detection, which the handler switches off, and a floor holds only work the handler must do.
    await simpleParser(raw, PARSER_OPTIONS);
    step(FLOOR_PARSE);
    const skipped: string[] = [];
    for (const [operation, mean] of Object.entries(calls)) {
      const times = Math.round(mean);
      if (operation === 'S3.GetObject') continue; // the read above
      if (operation === 'Scheduler.CreateSchedule') {
        // Side by side, as the handler makes them.
        await Promise.all(Array.from({ length: times }, (_, i) => createSchedule(i)));
        step(operation);
        continue;
      }
      const call = one[operation];
      if (call === undefined) {
        if (times > 0) skipped.push(operation);
        continue;
      }
      for (let i = 0; i < times; i++) await call();
      step(operation);
    }
    return skipped;
  };
}

/** One trivial call per counted operation (CreateSchedule and GetObject are made by the floor itself). */
function trivialCalls(
  clients: AwsClients,
  place: FloorPlace,
  mail: () => number,
  queue: () => Promise<string | undefined>,
): Record<string, () => Promise<unknown>> {
  const key = () => ({ pk: `FLOOR#${mail()}`, sk: 'A' });
  return {
    'S3.PutObject': () =>
      clients.s3.send(new PutObjectCommand({ Bucket: place.bucketName, Key: `bench-floor/${mail()}`, Body: 'x' })),
    'DynamoDB.GetItem': () => clients.doc.send(new GetCommand({ TableName: place.tableName, Key: key() })),
    'DynamoDB.BatchGetItem': () =>
      clients.doc.send(
        new BatchGetCommand({ RequestItems: { [place.tableName]: { Keys: [key(), { pk: 'FLOOR#none', sk: 'A' }] } } }),
      ),
    'DynamoDB.Query': () =>
      clients.doc.send(
        new QueryCommand({
          TableName: place.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': key().pk },
        }),
      ),
    'DynamoDB.PutItem': () =>
      clients.doc.send(new PutCommand({ TableName: place.tableName, Item: { ...key(), v: 1 } })),
    'DynamoDB.UpdateItem': () =>
      clients.doc.send(
        new UpdateCommand({
          TableName: place.tableName,
          Key: key(),
          UpdateExpression: 'ADD v :one',
          ExpressionAttributeValues: { ':one': 1 },
        }),
      ),
    'DynamoDB.TransactWriteItems': () =>
      clients.doc.send(
        new TransactWriteCommand({
          TransactItems: [{ Put: { TableName: place.tableName, Item: { ...key(), v: 1 } } }],
        }),
      ),
    'SES.SendEmail': () =>
      clients.ses.send(
        new SendEmailCommand({
          FromEmailAddress: place.supportAddress,
          Destination: { ToAddresses: ['floor@floor.test'] },
          Content: {
            Raw: {
              Data: Buffer.from(`From: ${place.supportAddress}\r\nTo: floor@floor.test\r\nSubject: x\r\n\r\nx\r\n`),
            },
          },
        }),
      ),
    'SQS.SendMessageBatch': async () =>
      clients.sqs.send(
        new SendMessageBatchCommand({ QueueUrl: await queue(), Entries: [{ Id: '0', MessageBody: '{}' }] }),
      ),
    'Scheduler.ListSchedules': () =>
      clients.scheduler.send(new ListSchedulesCommand({ GroupName: FLOOR_GROUP, NamePrefix: `floor-${mail()}-` })),
    'Scheduler.DeleteSchedule': () =>
      clients.scheduler
        .send(new DeleteScheduleCommand({ GroupName: FLOOR_GROUP, Name: `floor-${mail()}-0` }))
        .catch(() => undefined),
  };
}

/** The operations among counted work (`<Service>.<Operation>` keys only, not units, attempts or ms). */
export function operationsOf(counts: Readonly<Record<string, number>>): FloorCalls {
  return Object.fromEntries(
    Object.entries(counts).filter(
      ([k, v]) =>
        /^[A-Za-z0-9]+\.[A-Z][A-Za-z]+$/.test(k) && !/\.(RCU|WCU|attempts|errors|ms|recipients)$/.test(k) && v > 0,
    ),
  );
}
