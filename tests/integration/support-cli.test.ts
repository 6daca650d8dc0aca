import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SuppressionStore } from '../../functions/adapters/suppression-store.ts';
import { TeamChangedError, TeamStore } from '../../functions/adapters/team-store.ts';
import { alertDependencies } from '../../functions/alerts/handler.ts';
import { processCheck } from '../../functions/alerts/process-check.ts';
import { scheduleChecks } from '../../functions/core/sla-clock.ts';
import type { SupportCase } from '../../functions/core/support-case.ts';
import { failedMailQueue } from '../../infra/cli/failed-mail-queue.ts';
import { runSupport } from '../../infra/cli/main.ts';
import { buildReceiptEvent } from '../../infra/local/receipt-event.ts';
import { readStackFile } from '../../infra/local/stack-file.ts';
import { agentDomainZone, mailClient, replyToOf } from '../support/agent-mail.ts';
import { startStackFixture, type StackFixture } from '../support/local-stack-fixture.ts';
import { answerSurvey } from '../support/survey-client.ts';

const REPO = resolve(import.meta.dirname, '..', '..');
const LONG_TEXT = `${'The kettle switches itself off after a few seconds, every time. '.repeat(80)}Last sentence of a long message.`;

describe('the support command against the local stack', () => {
  const agents = agentDomainZone();
  let fixture: StackFixture;
  let dataDir: string;
  let scratch: string;
  let lena: ReturnType<typeof mailClient>;
  let maria: ReturnType<typeof mailClient>;
  let tom: ReturnType<typeof mailClient>;
  let customer: ReturnType<typeof mailClient>;
  beforeAll(async () => {
    fixture = await startStackFixture({ zone: agents.zone });
    // The stack writes stack.json into its (here temporary) data folder; that is how the CLI finds it.
    dataDir = dirname(fixture.stack.stackFile);
    scratch = await mkdtemp(join(tmpdir(), 'support-cli-'));
    lena = mailClient(fixture, { dkim: agents.dkim });
    maria = mailClient(fixture, { dkim: agents.dkim });
    tom = mailClient(fixture, { login: 'tom@staff.example.com' });
    customer = mailClient(fixture);
  });
  afterAll(async () => {
    for (const client of [lena, maria, tom, customer]) client.close();
    await fixture.stop();
    await rm(scratch, { recursive: true, force: true });
  });

  /** Runs `support ...` in this process against the fixture's stack, capturing what it prints. */
  async function support(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runSupport([...args, ...(args[0] === 'templates' ? [] : ['--data-dir', dataDir])], {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }
  const caseNumbered = async (n: number) =>
    (await fixture.items('case')).find((c) => c.caseNumber === n) as unknown as SupportCase;
  const notificationOf = async (caseNumber: number) => {
    const found = (await fixture.mailbox('team@staff.example.com')).find((m) =>
      m.mail.subject?.startsWith(`[Case #${caseNumber}] New case`),
    );
    if (found === undefined) throw new Error(`No notification of case #${caseNumber}`);
    return found.mail;
  };

  it('agents list shows the deployed team; agents add takes over, validated as cdk.json is', async () => {
    const before = await support('agents', 'list');
    expect(before.code).toBe(0);
    expect(before.out).toContain('Source: the deploy configuration (cdk.json); not changed with the support CLI.');
    expect(before.out).toMatch(/A-101\s+Maria Lopez\s+maria@staff\.example\.com\s+agent/);

    const added = await support(
      'agents',
      'add',
      '--name',
      'Lena Fischer',
      '--email',
      'lena@staff.example.com',
      '--id',
      'A-103',
    );
    expect(added).toMatchObject({ code: 0, err: '' });
    expect(added.out.split('\n')).toEqual([
      `Added A-103 Lena Fischer (agent) in the local stack in ${dataDir} (team version 1). The functions read the team again within 60 seconds.`,
      `A-103 Lena Fischer answers through SMTP 127.0.0.1:${fixture.stack.smtpPort} logged in as lena@staff.example.com, password ${fixture.stack.agentPassword('lena@staff.example.com')}`,
    ]);

    const after = await support('agents', 'list');
    expect(after.out).toMatch(
      /^Source: changed with the support CLI \(version 1, \d{4}-\d\d-\d\d \d\d:\d\d UTC: added A-103 Lena Fischer \(agent\)\); cdk\.json's agents no longer count\./,
    );
    expect(after.out).toMatch(/A-103\s+Lena Fischer\s+lena@staff\.example\.com\s+agent/);
    expect(await fixture.items('team')).toEqual([
      expect.objectContaining({ version: 1, change: 'added A-103 Lena Fischer (agent)' }),
    ]);
  });

  it('agents refuses duplicates, the support domain, malformed values and losing the last supervisor, writing nothing', async () => {
    const duplicate = await support(
      'agents',
      'add',
      '--name',
      'Lena Again',
      '--email',
      'LENA@staff.example.com',
      '--id',
      'A-104',
    );
    expect(duplicate).toMatchObject({
      code: 1,
      out: '',
      err: 'support: lena@staff.example.com is already the address of A-103 Lena Fischer (agent).',
    });
    expect(
      (await support('agents', 'add', '--name', 'Loop', '--email', 'loop@example.test', '--id', 'A-105')).err,
    ).toMatch(/is on the support domain example\.test/);

    const malformed = await support('agents', 'add', '--name', 'Lena', '--email', 'lena-at-staff', '--id', 'A 106');
    expect(malformed.code).toBe(2);
    expect(malformed.err).toMatch(
      /^support: --email must be an email address; --id must be 1-20 letters, digits or dashes\n\nUsage: support agents add --name NAME/,
    );

    expect(await support('agents', 'remove', 'S-001')).toMatchObject({
      code: 1,
      err: expect.stringContaining('Sam Okafor (S-001) is the only supervisor and cannot be removed'),
    });
    expect(await support('agents', 'set-role', 'sam', 'agent')).toMatchObject({
      code: 1,
      err: expect.stringContaining('is the only supervisor and cannot be made an agent'),
    });
    expect((await support('agents', 'set-role', 'maria', 'boss')).code).toBe(2);
    expect((await support('agents', 'add', '--nmae', 'x')).err).toMatch(
      /^support: unknown option --nmae\n\nUsage: support agents add/,
    );
    expect(await fixture.items('team')).toEqual([expect.objectContaining({ version: 1 })]);
  });

  it('two changes made from the same reading: the second is refused and says so, nothing is lost', async () => {
    // Prepare: two operators read version 1
    const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
    const store = new TeamStore(doc, fixture.stack.tableName, { agents: [], teamAddress: '', engineeringAddress: '' });
    const read = await store.current();

    // Act
    await store.save({ ...read.team, teamAddress: 'helpdesk@staff.example.com' }, read.version, 'first', new Date());
    const second = store.save(
      { ...read.team, engineeringAddress: 'dev@staff.example.com' },
      read.version,
      'second',
      new Date(),
    );

    // Assess
    await expect(second).rejects.toThrow(TeamChangedError);
    await expect(second).rejects.toThrow('Someone changed the team at the same time; nothing was written.');
    expect(await store.current()).toMatchObject({
      version: 2,
      change: 'first',
      team: { teamAddress: 'helpdesk@staff.example.com', engineeringAddress: 'engineering@staff.example.com' },
    });
    await store.save({ ...read.team }, 2, 'put back', new Date());
    doc.destroy();
  });

  it('the functions take the team from the table: the agent added with the CLI answers a case', async () => {
    // Prepare: four customers write
    await customer.send({
      from: 'Ana Souza <ana@customer.test>',
      to: 'support@example.test',
      subject: 'My order never arrived',
      text: 'Hello, order 4711 never arrived.',
      messageId: '<ana-1@customer.test>',
    });
    await customer.send({
      from: 'Bob Marsh <bob@customer.test>',
      to: 'support@example.test',
      subject: 'Refund for a broken kettle',
      text: 'The kettle broke.',
      attachments: [{ filename: 'receipt.pdf', content: Buffer.alloc(3000, 1) }],
    });
    await customer.send({
      from: 'cleo@customer.test',
      to: 'support@example.test',
      subject: 'Kettle switches off',
      text: LONG_TEXT,
    });
    await customer.send({
      from: 'dan@customer.test',
      to: 'support@example.test',
      subject: 'Nobody answers',
      text: 'Hello?',
    });

    // Act: Lena (added above, not in cdk.json) answers from her own DKIM-signed mailbox
    const first = await notificationOf(1001);
    await lena.send({
      from: 'Lena Fischer <lena@staff.example.com>',
      to: replyToOf(first),
      subject: `Re: ${first.subject}`,
      text: '#pending\n\nHi Ana, a replacement is on its way.',
    });

    // Assess: her mail ran as an agent's, and the customer heard from her
    expect(await caseNumbered(1001)).toMatchObject({ status: 'pending', assignee: 'A-103' });
    expect((await fixture.mailbox('ana@customer.test')).at(-1)?.mail.from?.value[0]?.name).toBe(
      'Lena Fischer (Example Support)',
    );

    // And the local SMTP login, which stands in for her DKIM, knows her too (no restart needed)
    const lenaByLogin = mailClient(fixture, { login: 'lena@staff.example.com' });
    await lenaByLogin.send({
      from: 'lena@staff.example.com',
      to: replyToOf(first),
      subject: `Re: ${first.subject}`,
      text: '#note courier says Thursday',
    });
    lenaByLogin.close();
    expect(fixture.outcomes.at(-1)).toMatchObject({ outcome: 'case-updated', caseNumber: 1001 });
    expect((await caseNumbered(1001)).recent.at(-1)).toMatchObject({
      kind: 'note',
      who: 'Lena Fischer (A-103)',
      snippet: 'courier says Thursday',
    });
    // ...and nobody else: the password alone does not make a customer an agent
    const impostor = mailClient(fixture, { login: 'ana@customer.test' });
    await expect(
      impostor.send({ from: 'ana@customer.test', to: replyToOf(first), subject: 'x', text: '#solve' }),
    ).rejects.toThrow(/535/);
    impostor.close();
  });

  it('seeding the rest: a note, two solved cases rated through the survey page, a missed target', async () => {
    await maria.send({
      from: 'maria@staff.example.com',
      to: replyToOf(await notificationOf(1001)),
      subject: 'Re: case',
      text: '#note Called her; replacement confirmed.',
    });
    await tom.send({
      from: 'tom@staff.example.com',
      to: replyToOf(await notificationOf(1002)),
      subject: 'Re: case',
      text: '#solve\n\nThe refund went out today.',
    });
    await maria.send({
      from: 'maria@staff.example.com',
      to: replyToOf(await notificationOf(1003)),
      subject: 'Re: case',
      text: '#solve\n\nThat is the overheating guard; descale it.',
    });
    const closing = async (address: string) => (await fixture.mailbox(address)).at(-1)?.mail.text ?? '';
    expect(await answerSurvey(await closing('bob@customer.test'), 'great', 'Quick & <kind>')).toBe(200);
    expect(await answerSurvey(await closing('cleo@customer.test'), 'not-good', 'Too slow')).toBe(200);
    // "Not good" reopened #1003 for a follow-up; Maria answers and solves it again (its new survey stays unanswered).
    await maria.send({
      from: 'maria@staff.example.com',
      to: replyToOf(await notificationOf(1003)),
      subject: 'Re: case',
      text: '#solve\n\nSorry it took so long; descaling fixes it for good.',
    });
    // Case #1004 misses its first-response target: the alert consumer records the breach when due.
    const deps = await alertDependencies();
    const [breach] = scheduleChecks(
      await caseNumbered(1004),
      deps.settings.slaPolicy,
      deps.settings.businessHours,
    ).filter((c) => c.target === 'first-response' && c.stage === 'breach');
    expect(await processCheck(breach!, { ...deps, now: () => new Date(Date.parse(breach!.dueAt) + 1000) })).toBe(
      'fired',
    );

    expect(await caseNumbered(1004)).toMatchObject({ slaBreaches: ['first-response'] });
    expect(await fixture.items('rating')).toHaveLength(2);
  });

  it('cases list shows what is not solved, and filters by status, assignee and missed targets', async () => {
    const open = await support('cases', 'list');
    expect(open.code).toBe(0);
    expect(open.out).toMatch(/^Case\s+Status\s+Priority\s+Assignee\s+Updated \(UTC\)\s+Requester\s+Subject\s+Notes/);
    expect(open.out).toMatch(
      /#1001\s+pending\s+normal\s+Lena Fischer\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+ana@customer\.test\s+My order never arrived/,
    );
    expect(open.out).toMatch(/#1004\s+new\s+normal\s+—.*Nobody answers\s+missed first-response/);
    expect(open.out).not.toContain('#1002');
    expect(open.out).toMatch(/\n2 cases \(status new, open, pending\)\.$/);

    const solved = await support('cases', 'list', '--status', 'solved');
    expect(solved.out.match(/#100\d/g)?.sort()).toEqual(['#1002', '#1003']);
    expect((await support('cases', 'list', '--status', 'all', '--assignee', 'lena')).out.match(/#100\d/g)).toEqual([
      '#1001',
    ]);
    expect((await support('cases', 'list', '--breached')).out.match(/#100\d/g)).toEqual(['#1004']);
    expect((await support('cases', 'list', '--assignee', 'none', '--status', 'all')).out.match(/#100\d/g)).toEqual([
      '#1004',
    ]);
    expect((await support('cases', 'list', '--status', 'all', '--limit', '2')).out).toMatch(
      /\n\n2 cases \(status new, open, pending, solved\); more match: --limit 4 shows more\.$/,
    );

    expect(await support('cases', 'list', '--status', 'closed')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^support: --status takes new, open, pending, solved or all/),
    });
    expect(await support('cases', 'list', '--assignee', 'zoe')).toMatchObject({
      code: 2,
      err: expect.stringContaining('no agent has the ID, address or first name "zoe"'),
    });
  });

  it('cases show prints the conversation as a person reads it: words in full, notes marked, automatic mail on one line', async () => {
    const { code, out } = await support('cases', 'show', '1001');

    expect(code).toBe(0);
    expect(out).toMatch(/^Case #1001: My order never arrived\n {2}Requester {6}Ana Souza <ana@customer\.test>\n/);
    expect(out).toContain('  Status         pending, priority normal, assigned to Lena Fischer (A-103)');
    expect(out).toMatch(/ {2}First response \d{4}-\d\d-\d\d \d\d:\d\d UTC \(after \d+ s\)/);
    const lines = [
      /Ana Souza <ana@customer\.test> wrote:\n {4}Hello, order 4711 never arrived\./,
      // The team's mail goes first: a crash between the two sends never acknowledges the customer twice.
      /· notification to team@staff\.example\.com: \[Case #1001\] New case: My order never arrived/,
      /· acknowledgement to ana@customer\.test/,
      /· Lena Fischer \(A-103\) answered by mail: #pending/,
      /Lena Fischer \(Example Support\) wrote to ana@customer\.test:\n {4}Hi Ana, a replacement is on its way\./,
      /\[internal note\] maria@staff\.example\.com:\n {4}#note Called her; replacement confirmed\./,
    ].map((pattern) => out.search(pattern));
    expect(lines.every((at) => at > 0)).toBe(true);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    // A notification is one line: its body (the customer's words again, the command help) is not printed.
    expect(out).not.toContain('#priority');
  });

  it('cases show reads a long message in full from the stored content, and shows attachments and the rating', async () => {
    const long = await support('cases', 'show', '#1003');
    expect(long.out).toContain('Last sentence of a long message.');
    expect(long.out).toContain('(whole text, read from the stored message)');
    expect(long.out).toMatch(/Rating {9}Not good, .* UTC, for Maria Lopez \(A-101\): "Too slow"/);

    const rated = await support('cases', 'show', '1002');
    expect(rated.out).toContain('    Attachments: receipt.pdf (application/pdf, 3 KB)');
    expect(rated.out).toMatch(
      /Tom Becker \(Example Support\) solved the case, writing to bob@customer\.test:\n {4}The refund went out today\./,
    );
    expect(rated.out).toContain('for Tom Becker (A-102): "Quick & <kind>"');

    expect(await support('cases', 'show', '9999')).toMatchObject({
      code: 1,
      err: `support: There is no case #9999 in the local stack in ${dataDir}.`,
    });
    expect((await support('cases', 'show', 'abc')).code).toBe(2);
  });

  it('report ranks agents by positive ratings, with answers, solves and times, as text, JSON and a page', async () => {
    const text = await support('report', '--since', '7d');
    expect(text.code).toBe(0);
    const rows = text.out.split('\n').filter((l) => /^(Tom|Maria|Lena|Sam|All)/.test(l));
    // Two ratings in all: nobody has the five a rank needs, so everyone is listed apart, most rated first.
    expect(text.out).toContain('No agent has 5 ratings in this window to be ranked.');
    expect(rows.map((r) => r.split(/\s{2,}/)[0])).toEqual([
      'All agents',
      'Maria Lopez (A-101)',
      'Tom Becker (A-102)',
      'Lena Fischer (A-103)',
      'Sam Okafor (S-001)',
    ]);
    expect(text.out).toMatch(/Too few ratings to rank \(fewer than 5\):\nAgent/);
    expect(rows[2]).toMatch(/^Tom Becker \(A-102\)\s+100%\s+1\s+1\s+0\s+0\s+1\s+\d+ s\s+1\s+\d+ s$/);
    expect(rows[1]).toMatch(/^Maria Lopez \(A-101\)\s+0%\s+1\s+0\s+0\s+1\s+1\s+\d+ s\s+1\s+\d+ s$/);
    expect(rows[0]).toMatch(/^All agents\s+50%\s+2\s+1\s+0\s+1\s+3\s+\d+ s\s+2\s+\d+ s$/);
    expect(text.out).toContain(
      'Overall: 4 cases opened, 3 answered, 2 solved; 2 rated, 50% of them "Great"; 1 of the cases opened missed a response-time target; 0 recovered; bugs: 0 sent to engineering, 0 fixed.',
    );
    expect(text.out).toMatch(/Great {5}#1002 {2}Tom Becker \(A-102\) .* "Quick & <kind>"/);

    const json = JSON.parse((await support('report', '--since', '2w', '--json')).out) as {
      agents: Array<{ agentId: string }>;
      unranked: Array<{ agentId: string }>;
      overall: { opened: number };
    };
    expect(json.agents).toEqual([]);
    expect(json.unranked.map((a) => a.agentId)).toEqual(['A-101', 'A-102', 'A-103', 'S-001']);
    expect(json.overall.opened).toBe(4);

    const page = join(scratch, 'reports', 'week.html');
    const html = await support('report', '--since', '7d', '--html', page);
    expect(html.out).toContain(`Report page written to ${page}`);
    const written = await readFile(page, 'utf8');
    expect(written).toContain('Quick &amp; &lt;kind&gt;');
    expect(written).not.toMatch(/<script/i);
    // Four agent charts, five weekly trends, the backlog by age and by assignee.
    expect(written.match(/<svg /g)).toHaveLength(11);

    expect(await support('report', '--since', 'last week')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^support: --since takes a number of hours, days or weeks/),
    });
  });

  it('replay runs a stored message through the handler again: already taken in, nothing is sent twice', async () => {
    const ana = fixture.outcomes.find((o) => o.caseNumber === 1001 && o.outcome === 'case-opened');
    const mailsBefore = (await fixture.mailbox('ana@customer.test')).length;

    const { code, out } = await support('replay', `inbound/${ana?.sesMessageId}`);

    expect(code).toBe(0);
    expect(out).toBe(
      `inbound/${ana?.sesMessageId}: duplicate: already taken in (case #1001); nothing sent again\n\nReplayed 1: 0 taken in, 1 already taken in before (duplicates), 0 failed.`,
    );
    expect(await fixture.mailbox('ana@customer.test')).toHaveLength(mailsBefore);
    expect(await support('replay', 'inbound/nosuchmessage')).toMatchObject({
      code: 1,
      out: expect.stringContaining('inbound/nosuchmessage: failed: there is no stored message inbound/nosuchmessage'),
    });
    expect((await support('replay')).code).toBe(2);
    expect((await support('replay', 'content/x/y.txt')).code).toBe(2);
  });

  it('replay --dead-letters takes in each receipt that failed every retry and removes it; an unreadable one is kept', async () => {
    // Prepare: a receipt that failed every retry, filed as the local stack files one: the raw
    // message SES stored, and `{ event, error }` in the dead-letter folder.
    const id = `deadletter${Date.now()}`;
    const raw = Buffer.from(
      [
        'From: Erin <erin@customer.test>',
        'To: support@example.test',
        'Subject: Invoice missing',
        '',
        'Where is my invoice?',
        '',
      ].join('\r\n'),
    );
    const s3 = new S3Client({ forcePathStyle: true });
    await s3.send(new PutObjectCommand({ Bucket: fixture.stack.bucketName, Key: `inbound/${id}`, Body: raw }));
    s3.destroy();
    const verdicts = { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' } as const;
    const event = buildReceiptEvent(raw, {
      sesMessageId: id,
      envelopeSender: 'erin@customer.test',
      recipients: ['support@example.test'],
      verdicts,
      receivedAt: new Date(),
      region: 'eu-west-1',
      functionName: 'inbound',
    });
    const { deadLetterDir } = await readStackFile(dataDir);
    await mkdir(deadLetterDir, { recursive: true });
    await writeFile(join(deadLetterDir, `${id}.json`), JSON.stringify({ event, error: 'Error: SES was unavailable' }));
    await writeFile(join(deadLetterDir, 'zz-broken.json'), '{ not json');

    // Act
    const first = await support('replay', '--dead-letters');

    // Assess
    expect(first.code).toBe(1);
    expect(first.out).toContain(
      `dead letter ${id} (failed before: Error: SES was unavailable): case #1005 opened; sent notification, acknowledgement; removed`,
    );
    expect(first.out).toContain('dead letter zz-broken: skipped, kept:');
    expect(first.out).toContain(
      'Replayed 2: 1 taken in, 0 already taken in before (duplicates), 1 failed (kept; see above).',
    );
    expect(await readdir(deadLetterDir)).toEqual(['zz-broken.json']);
    expect((await fixture.mailbox('erin@customer.test')).map((m) => m.mail.subject)).toEqual([
      '[Case #1005] Invoice missing',
    ]);
    await rm(join(deadLetterDir, 'zz-broken.json'));
    expect(await support('replay', '--dead-letters')).toMatchObject({
      code: 0,
      out: expect.stringContaining('No dead letters: every receipt went through.'),
    });
  });

  it("on AWS the dead letters are the failed-mail queue's Lambda on-failure records, deleted once replayed (here on the SQS emulator)", async () => {
    // Prepare
    const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });
    const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'support-cli-failed-mail' }))).QueueUrl ?? '';
    const event = { Records: [{ eventSource: 'aws:ses', ses: { mail: { messageId: 'abc' } } }] };
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: JSON.stringify({
          requestContext: { condition: 'RetriesExhausted' },
          requestPayload: event,
          responsePayload: { errorType: 'Error', errorMessage: 'boom' },
        }),
      }),
    );

    // Act
    const letters = [];
    for await (const letter of failedMailQueue(sqs, queueUrl)) {
      letters.push(letter);
      await letter.remove();
    }

    // Assess
    expect(letters).toEqual([expect.objectContaining({ event, error: 'Error: boom RetriesExhausted' })]);
    const left = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    expect(left.Attributes).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
    sqs.destroy();
  });

  it('templates check renders every template, and names the template and variable a broken copy lacks', async () => {
    expect(await support('templates', 'check')).toMatchObject({
      code: 0,
      out: expect.stringMatching(
        /^All \d+ template files in .*templates render: \d+ messages and pages, every variable present\.$/,
      ),
    });

    const broken = join(scratch, 'templates');
    await cp(join(REPO, 'templates'), broken, { recursive: true });
    const file = join(broken, 'en', 'acknowledgement.text.hbs');
    await writeFile(file, (await readFile(file, 'utf8')).replace('{{caseNumber}}', '{{caseNumbr}}'));
    const result = await support('templates', 'check', '--templates', broken);

    expect(result.code).toBe(1);
    expect(result.err).toMatch(
      new RegExp(
        `${broken}/en/acknowledgement\\.text\\.hbs: "caseNumbr" is not in the data \\(line \\d+, column \\d+\\); in 2 samples`,
      ),
    );
    expect(result.err).toMatch(/\n1 problem in /);

    // A template that does not compile fails here as it would fail `cdk deploy`, naming the file
    const page = join(broken, 'en', 'survey-page.html.hbs');
    await writeFile(page, `${await readFile(page, 'utf8')}{{#if form}}`);
    const unclosed = await support('templates', 'check', '--templates', broken);
    expect(unclosed.code).toBe(1);
    expect(unclosed.err).toMatch(new RegExp(`${broken}/en/survey-page\\.html\\.hbs: Parse error on line \\d+`));
  });

  it('the real `support` executable works, exits 2 on a bad argument and 1 with a plain message when no stack runs', async () => {
    const run = promisify(execFile);
    const support = (...args: string[]) =>
      run(process.execPath, [join(REPO, 'infra', 'cli', 'support.mjs'), ...args], { cwd: REPO }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code: number; stdout: string; stderr: string }) => ({
          code: error.code,
          stdout: error.stdout,
          stderr: error.stderr,
        }),
      );

    const listed = await support('cases', 'list', '--status', 'all', '--data-dir', dataDir);
    expect(listed.code).toBe(0);
    expect(listed.stdout.match(/#100\d/g)?.sort()).toEqual(['#1001', '#1002', '#1003', '#1004', '#1005']);

    const typo = await support('cases', 'lst', '--data-dir', dataDir);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(
      /^support: there is no command "cases lst"\n\nUsage: support cases <list\|show\|reindex>/,
    );

    const nothing = await support('report', '--data-dir', scratch);
    expect(nothing).toMatchObject({ code: 1, stdout: '' });
    expect(nothing.stderr).toBe(
      `support: No local stack is running in ${scratch} (there is no stack.json). Start it with npm start (or name a deployed stack with --stack NAME).\n`,
    );

    const help = await support('replay', '--help');
    expect(help.stdout).toMatch(/^Usage: support replay RAW_KEY \[RAW_KEY \.\.\.\] \| replay --dead-letters/);
  });

  it('agents remove says which open cases the agent still holds; set-role hands the supervisor role on', async () => {
    const removed = await support('agents', 'remove', 'lena');

    expect(removed.code).toBe(0);
    expect(removed.out).toContain('Removed A-103 Lena Fischer (agent) in the local stack');
    expect(removed.out).toContain(
      '1 open case(s) are still assigned to A-103 (#1001): their notifications go to the team address until someone takes them (#take or #assign).',
    );
    expect((await support('agents', 'list')).out).toMatch(/version 4, .*: removed A-103 Lena Fischer \(agent\)/);

    expect((await support('agents', 'set-role', 'maria', 'supervisor')).out).toMatch(
      /^Made A-101 Maria Lopez a supervisor in .* \(team version 5\)/,
    );
    expect((await support('agents', 'set-role', 'S-001', 'agent')).code).toBe(0);
    expect(await support('agents', 'set-role', 'sam', 'agent')).toMatchObject({
      code: 0,
      out: 'Nothing to change: S-001 Sam Okafor (agent) is already an agent.',
    });
    const [team] = await fixture.items('team');
    expect(team).toMatchObject({
      version: 6,
      agents: [
        expect.objectContaining({ agentId: 'A-101', role: 'supervisor' }),
        expect.objectContaining({ agentId: 'A-102' }),
        expect.objectContaining({ agentId: 'S-001', role: 'agent' }),
      ],
    });
  });

  it('suppressions show says who is withheld and why; remove lets mail go to an address again', async () => {
    // Prepare: one address bounced for good, another complained; a third is fine
    const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
    const list = new SuppressionStore(doc, fixture.stack.tableName);
    const at = '2026-12-02T09:00:00.000Z';
    await list.record(
      {
        address: 'gone@customer.test',
        reason: 'bounce',
        detail: 'Permanent General; 5.1.1',
        at,
        sesMessageId: 'ses-gone',
        feedbackId: 'f-1',
      },
      new Date(at),
    );
    await list.record(
      {
        address: 'upset@customer.test',
        reason: 'complaint',
        detail: 'abuse',
        at,
        sesMessageId: 'ses-upset',
        feedbackId: 'f-2',
      },
      new Date(at),
    );
    doc.destroy();

    // Act, Assess: show
    const shown = await support(
      'suppressions',
      'show',
      'Gone@Customer.test',
      'upset@customer.test',
      'fine@customer.test',
    );
    expect(shown.code).toBe(0);
    expect(shown.out.split('\n').map((l) => l.split(/\s{2,}/))).toEqual([
      ['Address', 'Suppressed', 'Why', 'SES message'],
      ['gone@customer.test', 'yes', `bounce (Permanent General; 5.1.1) on ${at}`, 'ses-gone'],
      ['upset@customer.test', 'yes', `complaint (abuse) on ${at}`, 'ses-upset'],
      ['fine@customer.test', 'no'],
    ]);

    // Act, Assess: remove, with a word of caution for a complaint; a second time changes nothing
    const removed = await support('suppressions', 'remove', 'upset@customer.test');
    expect(removed.out).toBe(
      `Removed upset@customer.test from the suppression list of the local stack in ${dataDir} (it was: complaint (abuse) on ${at}). Mail goes to it again.\nIt was a spam complaint: write to it only because its owner asked, or the complaint rate SES watches goes up.`,
    );
    expect((await support('suppressions', 'remove', 'upset@customer.test')).out).toBe(
      `upset@customer.test is not on the suppression list of the local stack in ${dataDir}; nothing changed.`,
    );
    expect((await support('suppressions', 'show', 'upset@customer.test')).out).toMatch(/\nupset@customer\.test\s+no$/);
    expect(await support('suppressions', 'remove', 'not-an-address')).toMatchObject({
      code: 2,
      err: expect.stringContaining('not an email address: not-an-address'),
    });

    // Assess: the removed address is acknowledged again; the bounced one still is not
    for (const from of ['upset@customer.test', 'gone@customer.test'])
      await customer.send({
        from,
        to: 'support@example.test',
        subject: 'Are you there?',
        text: 'Hello?',
        messageId: `<again-${from}>`,
      });
    expect((await fixture.mailbox('upset@customer.test')).map((m) => m.mail.subject)).toEqual([
      expect.stringMatching(/^\[Case #\d+\] Are you there\?$/),
    ]);
    expect(await fixture.mailbox('gone@customer.test')).toEqual([]);
  });
});
