import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SupportConfigError } from '../config.ts';
import { describeOutcome } from './outcome-words.ts';
import { localConfig } from './local-config.ts';
import { START_OPTIONS } from './start-options.ts';
import { startLocalStack } from './local-stack.ts';

const USAGE = `Usage: npm start -- [options]

Runs the whole support pipeline on this machine: SMTP in, cases in DynamoDB Local, mail out as .eml.

Options:
  --smtp-port <n>          SMTP port on 127.0.0.1 (default 2525, or $SMTP_PORT)
  --survey-port <n>        port of the survey page on 127.0.0.1 (default 2580, or $SURVEY_PORT)
  --support-address <a>    the support address (default from cdk.json, or $SUPPORT_ADDRESS)
  --data-dir <dir>         where state and delivered mail live (default .local)
  --in-memory              keep state in memory only; mail goes to a temporary folder
  -h, --help               show this help`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: START_OPTIONS });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = portOption('smtp-port', values['smtp-port'] ?? process.env.SMTP_PORT ?? '2525');
  const surveyPort = portOption('survey-port', values['survey-port'] ?? process.env.SURVEY_PORT ?? '2580');
  const config = localConfig(values['support-address'] ?? process.env.SUPPORT_ADDRESS);
  const dataDir = values['in-memory'] ? undefined : resolve(values['data-dir'] ?? '.local');

  console.log('Starting the local stack (DynamoDB Local takes a few seconds)...');
  const stack = await startLocalStack({
    config,
    ...(dataDir === undefined ? {} : { dataDir }),
    smtpPort: port,
    surveyPort,
    onOutcome: (o) => console.log(`  ${new Date().toISOString()}  ${describeOutcome(o)}`),
    onDeadLetter: (event, error) => console.error(`  failed after retries: ${event.Records[0]?.ses.mail.messageId}: ${String(error)}`),
  });
  console.log(`
Support pipeline running.

  Send mail to     ${config.supportAddress} via SMTP 127.0.0.1:${stack.smtpPort}
                   e.g. swaks --server 127.0.0.1:${stack.smtpPort} --from ana@customer.test --to ${config.supportAddress} \\
                          --header "Subject: My order never arrived" --body "Hello, ..."
  Mail we send     ${stack.mailDir}/<recipient>/*.eml   (open with: mutt -f <file>, or any mail client)
  Survey page      ${stack.surveyUrl}   (the links in closing messages open it)
  State            ${dataDir ?? 'in memory (gone when you stop)'}

  Play an agent    notifications go to ${config.teamAddress} (or the assignee); answer them through the
                   same SMTP port, logged in as the agent (this stands in for their DKIM/DMARC):
                   user ${config.agents[0]?.email}, password ${stack.agentPassword}
                   agents: ${config.agents.map((a) => `${a.email} (${a.agentId}${a.role === 'supervisor' ? ', supervisor' : ''})`).join(', ')}
  Operate it       npx support cases list${dirname(stack.stackFile) === resolve('.local') ? '' : ` --data-dir ${dirname(stack.stackFile)}`}   (npx support --help: agents, cases, report, replay, suppressions)

Press Ctrl-C to stop.
`);
  const stop = async () => {
    console.log('\nStopping...');
    await stack.stop();
    process.exit(0);
  };
  // Ctrl-C, kill, or the terminal closing: each stops the stack, DynamoDB Local's JVM included.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => void stop());
}

function portOption(name: string, value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new SupportConfigError(`--${name} must be a port number, not ${value}`);
  return port;
}


main().catch((error: unknown) => {
  console.error(error instanceof SupportConfigError ? error.message : error);
  process.exit(1);
});
