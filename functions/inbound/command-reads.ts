import { needsTranscript, parseAgentCommands, type ParsedCommands } from '../core/agent-commands.ts';
import type { Transcript } from '../core/closing-message.ts';
import { wordsOf, type InboundMailFacts } from '../core/new-case.ts';
import type { Route } from '../core/route-mail.ts';
import { storedFiles } from '../core/case-files.ts';
import type { AttachmentRecord, CaseMessage, SupportCase } from '../core/support-case.ts';
import type { MacroBook } from '../core/macros.ts';
import { buildTranscript } from '../core/transcript.ts';
import { loadMacroBook } from '../mail/macro-book.ts';
import type { InboundDependencies } from './inbound-dependencies.ts';

/** What an agent's or engineering's mail needs read before it is planned. */
export interface CommandReads {
  readonly commands?: ParsedCommands;
  readonly transcript?: Transcript;
  readonly mergeTarget?: SupportCase;
  readonly macros?: MacroBook;
  /** The files of the customer's messages, read with the conversation: handovers, escalations and bug reports carry them. */
  readonly customerFiles?: AttachmentRecord[];
}

/**
 * Parses the commands of a mail from the team, and reads only what they need: the conversation
 * (for `#solve`, `#transcript`, `#bug` and handovers; with it, the customer's files those mails
 * carry), the case a `#merge` names and the saved answers a `#macro` names.
 */
export async function readForCommands(
  route: Route,
  mail: InboundMailFacts,
  deps: Pick<InboundDependencies, 'cases' | 'renderer'>,
): Promise<CommandReads> {
  if (route.kind !== 'agent-reply' && route.kind !== 'engineering-reply') return {};
  const commands = parseAgentCommands(wordsOf(mail));
  if (route.kind === 'engineering-reply') return { commands };
  const merge = commands.commands.find((c) => c.name === 'merge');
  const macros = commands.commands.flatMap((c) => (c.name === 'macro' ? [c.macro] : []));
  const [messages, targets, macroBook] = await Promise.all([
    needsTranscript(commands) ? conversationOf(route.supportCase, deps) : undefined,
    merge === undefined ? undefined : deps.cases.getCases([merge.caseNumber]),
    macros.length === 0 ? undefined : loadMacroBook(deps.renderer.directory, macros),
  ]);
  const mergeTarget = merge === undefined ? undefined : targets?.get(merge.caseNumber);
  return {
    commands,
    ...(messages === undefined
      ? {}
      : { transcript: buildTranscript(messages), customerFiles: storedFiles(messages, ['customer']) }),
    ...(mergeTarget === undefined ? {} : { mergeTarget }),
    ...(macroBook === undefined ? {} : { macros: macroBook }),
  };
}

/** A case's messages with those of the cases merged into it (see `mergedFrom`). */
export async function conversationOf(
  supportCase: SupportCase,
  deps: Pick<InboundDependencies, 'cases'>,
): Promise<CaseMessage[]> {
  const numbers = [supportCase.caseNumber, ...(supportCase.mergedFrom ?? [])];
  return (await Promise.all(numbers.map((n) => deps.cases.listMessages(n)))).flat();
}
