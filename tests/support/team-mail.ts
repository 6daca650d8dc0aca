import { dirname } from 'node:path';
import type { ParsedMail } from 'mailparser';
import type { SupportCase } from '../../functions/core/support-case.ts';
import { runSupport } from '../../infra/cli/main.ts';
import { replyToOf, type mailClient } from './agent-mail.ts';
import type { StackFixture } from './local-stack-fixture.ts';

/** Helpers for e2e tests where agents and engineering answer mail about cases from their own clients. */
export function teamMail(fixture: StackFixture) {
  const about = (caseNumber: number) => (m: { mail: ParsedMail }) =>
    m.mail.subject?.includes(`[Case #${caseNumber}]`) === true;
  return {
    caseNumbered: async (n: number) =>
      (await fixture.items('case')).find((c) => c.caseNumber === n) as unknown as SupportCase | undefined,
    /** Every mail about a case that reached `address`, oldest first. */
    aboutCase: async (address: string, caseNumber: number) =>
      (await fixture.mailbox(address)).filter(about(caseNumber)),
    /** `client` answers the latest mail about the case in `address`'s mailbox, quoting it below as clients do. */
    answer: async (
      client: ReturnType<typeof mailClient>,
      from: string,
      mailboxOf: string,
      caseNumber: number,
      text: string,
    ) => {
      const latest = (await fixture.mailbox(mailboxOf)).filter(about(caseNumber)).at(-1);
      if (latest === undefined) throw new Error(`${mailboxOf} has no mail about case #${caseNumber}`);
      const { mail } = latest;
      await client.send({
        from,
        to: replyToOf(mail),
        subject: `Re: ${mail.subject}`,
        ...(mail.messageId === undefined ? {} : { inReplyTo: mail.messageId, references: [mail.messageId] }),
        text: `${text}\n\nOn Mon, 7 Dec 2026 at 10:00, Example Support <support@example.test> wrote:\n> ${mail.text?.split('\n')[0]}\n`,
      });
    },
    /** Runs `support ...` in this process against the fixture's stack, capturing what it prints. */
    support: async (...args: string[]) => {
      const out: string[] = [];
      const code = await runSupport([...args, '--data-dir', dirname(fixture.stack.stackFile)], {
        out: (t) => out.push(t),
        err: (t) => out.push(t),
      });
      return { code, out: out.join('\n') };
    },
  };
}
