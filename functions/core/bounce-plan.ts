import { draftBounceNotice } from './agent-notification.ts';
import { applyBounce, type BounceReport } from './bounce.ts';
import { inboundMessage } from './new-case.ts';
import type { IntakePlan, PlanFacts } from './intake-plan.ts';
import type { SupportCase } from './support-case.ts';

/** A bounce of one of our messages: filed in its case, the address marked, the agent told. */
export function planBounce(
  input: PlanFacts & { readonly supportCase: SupportCase; readonly report: BounceReport },
): IntakePlan {
  const { mail, report, settings } = input;
  const supportCase = applyBounce(input.supportCase, report, mail.receivedAt);
  const status = report.status ?? 'unknown';
  return {
    outcome: 'case-updated',
    supportCase,
    isNewCase: false,
    caseChanged: true,
    message: inboundMessage(supportCase.caseNumber, input.messageKey, mail, input.content, 'bounce'),
    drafts: {
      notification: draftBounceNotice({
        supportCase,
        team: settings.team,
        supportName: settings.supportName,
        replyAddresses: input.replyAddresses,
        timeZone: settings.businessHours.timeZone,
        recipients: report.recipients,
        status,
        permanent: report.permanent,
      }),
    },
    reason: `bounce: ${report.recipients.join(', ') || 'unknown recipient'} (${status})`,
    bounce: true,
  };
}
