import { planEngineeringReply } from './bug-loop.ts';
import type { IntakePlan, PlanInput } from './intake-plan.ts';
import { inboundMessage, wordsOf } from './new-case.ts';
import type { SupportCase } from './support-case.ts';

/**
 * Engineering's mail on a case (see planEngineeringReply), filed as an internal note: it joins no
 * customer side, opens no case and is acknowledged to nobody.
 */
export function planEngineeringIntake(input: PlanInput, supportCase: SupportCase): IntakePlan {
  const { mail, settings } = input;
  if (input.commands === undefined) throw new Error("Engineering's mail needs its parsed commands");
  if (mail.from === undefined) throw new Error("Engineering's mail is routed by its sender, so it has one");
  const plan = planEngineeringReply({
    supportCase,
    from: mail.from,
    commands: input.commands,
    written: wordsOf(mail),
    receivedAt: mail.receivedAt,
    attachments: input.content.attachments,
    team: settings.team,
    supportName: settings.supportName,
    replyAddresses: input.replyAddresses,
    timeZone: settings.businessHours.timeZone,
  });
  return {
    outcome: 'case-updated',
    supportCase: plan.supportCase,
    isNewCase: false,
    caseChanged: plan.problems.length === 0,
    message: inboundMessage(supportCase.caseNumber, input.messageKey, mail, input.content, 'note'),
    drafts: plan.drafts,
    ...(plan.problems.length > 0 ? { reason: `command problems: ${plan.problems.join(' ')}` } : {}),
  };
}
