import type { CaseStore } from '../adapters/case-store.ts';
import type { CheckQueue } from '../adapters/check-queue.ts';
import type { IntakeStore } from '../adapters/intake-store.ts';
import type { MailSender } from '../adapters/mail-sender.ts';
import type { RawMailStore } from '../adapters/raw-mail-store.ts';
import type { Team } from '../core/agents.ts';
import type { InboundSettings } from '../core/settings.ts';
import type { TemplateRenderer } from '../mail/render-template.ts';

/** What the inbound function takes a mail in with: its stores, sender, templates, settings and clock. */
export interface InboundDependencies {
  readonly cases: CaseStore;
  readonly intakes: IntakeStore;
  readonly checks: CheckQueue;
  readonly rawMail: RawMailStore;
  readonly sender: MailSender;
  readonly renderer: TemplateRenderer;
  readonly settings: InboundSettings;
  /** The team as it stands (changed with the support CLI, or as deployed); read once per mail into `settings.team`. */
  readonly currentTeam: () => Promise<Team>;
  readonly now: () => Date;
  readonly newId: () => string;
}
