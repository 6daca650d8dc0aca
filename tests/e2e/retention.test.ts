import { DescribeTimeToLiveCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSupportConfig } from '../../infra/config.ts';
import { agentDomainZone, mailClient, replyToOf } from '../support/agent-mail.ts';
import { startStackFixture, TEST_CONFIG_INPUT, type StackFixture } from '../support/local-stack-fixture.ts';
import { answerSurvey } from '../support/survey-client.ts';

const DAY_S = 86_400;
const KEEP_DAYS = 60;

describe('retention: a solved case expires through DynamoDB TTL, and a reopen keeps it', () => {
  const agents = agentDomainZone();
  let fixture: StackFixture;
  let maria: ReturnType<typeof mailClient>;
  let customer: ReturnType<typeof mailClient>;

  beforeAll(async () => {
    fixture = await startStackFixture({
      config: parseSupportConfig({ ...TEST_CONFIG_INPUT, retention: { solvedCaseDays: KEEP_DAYS } }),
      zone: agents.zone,
    });
    maria = mailClient(fixture, { dkim: agents.dkim });
    customer = mailClient(fixture);
  });
  afterAll(async () => {
    maria.close();
    customer.close();
    await fixture.stop();
  });

  /** Every item that belongs to case #1001: its partition and its Message-ID lookups. */
  const itemsOfCase = async () =>
    [
      ...(await fixture.items('case')),
      ...(await fixture.items('rating')),
      ...(await fixture.items('message')),
      ...(await fixture.items('messageId')),
    ].filter((item) => item.caseNumber === 1001);

  it('the table’s TTL reads expiresAt', async () => {
    // Act
    const ttl = await new DynamoDBClient({}).send(
      new DescribeTimeToLiveCommand({ TableName: fixture.stack.tableName }),
    );

    // Assess
    expect(ttl.TimeToLiveDescription).toMatchObject({ AttributeName: 'expiresAt', TimeToLiveStatus: 'ENABLED' });
  });

  it('solving stamps the case, every message (the closing mail too) and every lookup with solvedAt plus the retention', async () => {
    // Prepare
    await customer.send({
      from: 'Ana Souza <ana@customer.test>',
      to: 'support@example.test',
      subject: 'Broken kettle',
      text: 'It broke.',
    });
    const notice = (await fixture.mailbox('team@staff.example.com')).find((m) =>
      m.mail.subject?.startsWith('[Case #1001]'),
    );

    // Act
    await maria.send({
      from: 'Maria Lopez <maria@staff.example.com>',
      to: replyToOf(notice?.mail ?? {}),
      subject: `Re: ${notice?.mail.subject}`,
      text: '#solve\nA new kettle is on its way.',
    });

    // Assess
    const items = await itemsOfCase();
    const solved = items.find((item) => item.type === 'case');
    expect(solved).toMatchObject({ status: 'solved' });
    const expiresAt = Math.floor(Date.parse(String(solved?.solvedAt)) / 1000) + KEEP_DAYS * DAY_S;
    expect(items.filter((item) => item.type === 'message').map((m) => m.kind)).toEqual(
      expect.arrayContaining(['customer', 'agent-reply', 'closing']),
    );
    expect(items.map((item) => [item.type, item.expiresAt])).toEqual(items.map((item) => [item.type, expiresAt]));
    // The vote that follows goes with the case.
    expect(await answerSurvey((await fixture.mailbox('ana@customer.test')).at(-1)?.mail.text ?? '', 'great')).toBe(200);
    expect((await fixture.items('rating')).map((rating) => rating.expiresAt)).toEqual([expiresAt]);
    // Intake records expire the retention after their mail came.
    for (const intake of await fixture.items('intake'))
      expect(intake.expiresAt).toBe(Math.floor(Date.parse(String(intake.receivedAt)) / 1000) + KEEP_DAYS * DAY_S);
  });

  it('a reply that reopens the case clears the expiry from all of it', async () => {
    // Act
    const closing = (await fixture.mailbox('ana@customer.test')).at(-1)?.mail;
    await customer.send({
      from: 'Ana Souza <ana@customer.test>',
      to: replyToOf(closing ?? {}),
      subject: `Re: ${closing?.subject}`,
      text: 'One more thing: the lid is missing too.',
    });

    // Assess
    const items = await itemsOfCase();
    expect(items.find((item) => item.type === 'case')).toMatchObject({ status: 'open' });
    expect(items.filter((item) => item.expiresAt !== undefined)).toEqual([]);
  });
});
