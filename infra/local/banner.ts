import { relative } from 'node:path';
import type { Team } from '../../functions/core/agents.ts';
import type { SupportConfig } from '../config.ts';
import { describeDemo } from './demo-config.ts';
import type { LocalStack } from './local-stack.ts';
import { describeQueues } from './queue-banner.ts';
import type { FiledCopy } from './ses-local.ts';

/** What `npm start` prints once the stack is up: where to send, where mail lands, who can log in. */
export function startBanner(input: {
  config: SupportConfig;
  stack: LocalStack;
  team: Team;
  demo: boolean;
  dataDir: string | undefined;
  cwd: string;
}): string {
  const { config, stack, team, cwd } = input;
  const shown = (path: string) => (path.startsWith(cwd) ? relative(cwd, path) || '.' : path);
  const width = Math.max(...team.agents.map((a) => a.email.length));
  const agents = team.agents.map(
    (a) =>
      `                     ${a.email.padEnd(width)}  password ${stack.agentPassword(a.email)}  (${a.agentId}${a.role === 'supervisor' ? ', supervisor' : ''})`,
  );
  const dataDirOption =
    input.dataDir === undefined || shown(input.dataDir) === '.local' ? '' : ` --data-dir ${shown(input.dataDir)}`;
  return `
Support pipeline running.
${input.demo ? `\n${indent(describeDemo())}\n` : ''}
  Send mail to     ${config.supportAddress} via SMTP 127.0.0.1:${stack.smtpPort}
                   e.g. swaks --server 127.0.0.1:${stack.smtpPort} --from ana@customer.test --to ${config.supportAddress} \\
                          --header "Subject: My order never arrived" --body "Hello, ..."
  Mail we send     a line below for each; every recipient has a mailbox: mutt -f ${shown(stack.maildirDir)}/<recipient>
                   (and each message as a file: ${shown(stack.mailDir)}/<recipient>/*.eml)
  Survey page      ${stack.surveyUrl}   (the links in closing messages open it)
  State            ${input.dataDir === undefined ? 'in memory (gone when you stop)' : shown(input.dataDir)}

  Play an agent    notifications go to ${team.teamAddress} (or the assignee); answer them through the
                   same SMTP port, logged in as the agent with their own password (this stands in
                   for their DKIM/DMARC; mail From anyone else is judged as it would be on AWS):
${agents.join('\n')}
                   An agent added later: npx support agents password <agent>
${describeQueues(config, (email) => stack.agentPassword(email))}  Operate it       npx support cases list${dataDirOption}   (npx support --help: agents, cases, report, replay, suppressions)

Press Ctrl-C to stop.
`;
}

/** One console line for a message we sent: when, to whom, its subject and its file. */
export function describeFiledCopy(copy: FiledCopy, cwd: string, at: Date = new Date()): string {
  const file = copy.file.startsWith(cwd) ? relative(cwd, copy.file) : copy.file;
  return `  ${at.toISOString()}  sent to ${copy.recipient}: "${copy.subject}"  ${file}`;
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
