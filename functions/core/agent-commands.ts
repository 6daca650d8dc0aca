import { isLanguageCode } from './case-language.ts';
import { commandNamesIn, suggestCommand } from './command-suggestion.ts';
import { MACRO_NAME } from './macros.ts';
import type { CasePriority } from './support-case.ts';

/**
 * Commands at the top of an agent's reply, one per line: `#pending`, `#assign maria` ... The rest
 * of the reply is the answer to the customer (or, after `#note`, an internal note).
 */
export type AgentCommand =
  | { readonly name: 'note'; readonly text: string }
  | { readonly name: 'pending' | 'solve' | 'open' | 'take' | 'transcript' }
  | { readonly name: 'assign'; readonly agent: string }
  | { readonly name: 'priority'; readonly priority: CasePriority }
  | { readonly name: 'escalate'; readonly reason: string }
  | { readonly name: 'bug'; readonly summary: string }
  | { readonly name: 'cc'; readonly address: string }
  | { readonly name: 'macro'; readonly macro: string }
  | { readonly name: 'fixed'; readonly text: string }
  | { readonly name: 'merge'; readonly caseNumber: number }
  | { readonly name: 'spam'; readonly scope: 'address' | 'domain' }
  | { readonly name: 'move'; readonly queue: string }
  | { readonly name: 'language'; readonly language: string };

export interface ParsedCommands {
  readonly commands: readonly AgentCommand[];
  /** Plain explanations of every command that could not be understood. */
  readonly problems: readonly string[];
  /** The reply without its command lines. */
  readonly body: string;
}

export const COMMAND_HELP = [
  '#note <text>            internal note, never sent to the customer (the rest of the reply joins it)',
  '#pending                waiting on the customer',
  '#solve                  the customer has what they need: they get "anything else?", the transcript and a survey',
  '#open                   back to open',
  '#take                   assign the case to yourself',
  '#assign <agent>         assign to an agent (agent ID, address or first name)',
  '#priority <level>       low, normal, high or urgent',
  '#escalate <reason>      hand to the supervisor on duty',
  '#bug <summary>          report to engineering with what the customer wrote and sent; their reply joins the case as a note',
  '#cc <address>           add someone to the conversation',
  '#transcript             send the customer the whole conversation so far',
  '#macro <name>           add a saved answer (templates/macros/<name>.hbs) after your own words',
  '#fixed <text>           the bug is fixed: the case opens again with a response target, the assignee is told',
  '#merge <case number>    move this case into another open case; this one closes without mail to the customer',
  '#spam [domain]          junk: close without any mail and block the sender (with "domain", their whole domain)',
  "#move <queue>           move the case to another queue: its targets and team are that queue's, its team is told",
  '#language <code>        write to the customer in this language from now on (ISO 639-1: de, fr, en); your own words are sent as written',
].join('\n');

const PRIORITIES: readonly CasePriority[] = ['low', 'normal', 'high', 'urgent'];
const ADDRESS = /^[^\s@<>()",;:]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/i;
/** A line that means to be a command: `#word` at its start (a hashtag in prose has text before it). */
const COMMAND_LINE = /^#([a-z]+)\b[ \t]*(.*)$/i;
/** `1001` or `#1001`: case numbers are whole numbers (at most 12 digits, like reply tokens). */
const MERGE_TARGET = /^#?(\d{1,12})$/;
/** A queue's id as configured: lowercase letters, digits and dashes (case is forgiven). */
const QUEUE_ID = /^[a-z0-9][a-z0-9-]*$/i;

export function parseAgentCommands(reply: string): ParsedCommands {
  const lines = reply.replace(/\r\n/g, '\n').split('\n');
  const commands: AgentCommand[] = [];
  const problems: string[] = [];
  let index = 0;
  for (; index < lines.length; index++) {
    const line = (lines[index] ?? '').trim();
    if (line === '') continue;
    const match = COMMAND_LINE.exec(line);
    if (match === null) break;
    const [, rawName, rawArgument] = match as unknown as [string, string, string];
    const parsed = parseOne(rawName.toLowerCase(), rawArgument.trim());
    if (typeof parsed === 'string') problems.push(parsed);
    else commands.push(parsed);
  }
  return { commands, problems, body: lines.slice(index).join('\n').trim() };
}

function parseOne(name: string, argument: string): AgentCommand | string {
  switch (name) {
    case 'note':
      return { name, text: argument };
    case 'pending':
    case 'solve':
    case 'open':
    case 'take':
    case 'transcript':
      return argument === '' ? { name } : `#${name} takes nothing after it, but it was followed by "${argument}".`;
    case 'assign':
      return argument === ''
        ? '#assign needs an agent: an agent ID, address or first name, e.g. "#assign A-102".'
        : { name, agent: argument };
    case 'priority': {
      const priority = PRIORITIES.find((p) => p === argument.toLowerCase());
      return priority === undefined
        ? `#priority needs one of ${PRIORITIES.join(', ')}; "${argument}" is not one.`
        : { name, priority };
    }
    case 'escalate':
      return argument === ''
        ? '#escalate needs a reason, e.g. "#escalate customer asks for a refund over the limit".'
        : { name, reason: argument };
    case 'bug':
      return argument === ''
        ? '#bug needs a short summary, e.g. "#bug checkout page times out".'
        : { name, summary: argument };
    case 'cc':
      return ADDRESS.test(argument)
        ? { name, address: argument.toLowerCase() }
        : `#cc needs one email address; "${argument}" is not one.`;
    case 'macro':
      return MACRO_NAME.test(argument.toLowerCase())
        ? { name, macro: argument.toLowerCase() }
        : `#macro needs the name of a saved answer, e.g. "#macro password-reset"; "${argument}" is not one.`;
    case 'fixed':
      return argument === ''
        ? '#fixed needs a short note of what changed, e.g. "#fixed deployed in release 4.2.1".'
        : { name, text: argument };
    case 'merge': {
      const target = MERGE_TARGET.exec(argument);
      return target === null
        ? `#merge needs the number of the case to merge into, e.g. "#merge 1001"; "${argument}" is not one.`
        : { name, caseNumber: Number(target[1]) };
    }
    case 'spam':
      if (argument === '') return { name, scope: 'address' };
      return argument.toLowerCase() === 'domain'
        ? { name, scope: 'domain' }
        : `#spam takes nothing, or "domain" to block the sender's whole domain; not "${argument}".`;
    case 'move':
      return QUEUE_ID.test(argument)
        ? { name, queue: argument.toLowerCase() }
        : `#move needs the name of a queue, e.g. "#move billing"; "${argument}" is not one.`;
    case 'language':
      return isLanguageCode(argument.toLowerCase())
        ? { name, language: argument.toLowerCase() }
        : `#language needs a two-letter language code (ISO 639-1), e.g. "#language de" for German; "${argument}" is not one.`;
    default:
      return unknownCommand(name);
  }
}

/** "#close is not a command I know. Did you mean #solve?" */
function unknownCommand(name: string): string {
  const suggestion = suggestCommand(name, commandNamesIn(COMMAND_HELP));
  return `#${name} is not a command I know.${suggestion === undefined ? '' : ` Did you mean #${suggestion}?`}`;
}

/**
 * Whether a reply needs the case's conversation read first: `#transcript` and `#solve` send it,
 * `#bug` quotes every message the customer wrote, and a handover (`#assign`, `#take`, `#escalate`,
 * `#move` to another queue's team) carries the customer's latest words in full.
 */
export function needsTranscript(reply: ParsedCommands): boolean {
  return reply.commands.some((c) => TRANSCRIPT_COMMANDS.has(c.name));
}

const TRANSCRIPT_COMMANDS: ReadonlySet<AgentCommand['name']> = new Set([
  'solve',
  'transcript',
  'assign',
  'take',
  'escalate',
  'bug',
  'move',
]);
