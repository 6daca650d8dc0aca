import type { CaseStore } from '../adapters/case-store.ts';
import type { CheckQueue } from '../adapters/check-queue.ts';
import type { IntakeStore } from '../adapters/intake-store.ts';
import type { MailSender } from '../adapters/mail-sender.ts';
import type { PipelineSettings } from '../core/settings.ts';
import type { TemplateRenderer } from '../mail/render-template.ts';
import type { QueueTeamReader } from './current-team.ts';

/** What every mail-sending function works with (built by pipelineDependencies): stores, queue, sender, templates, settings, clock. */
export interface MailFunctionDependencies<Settings extends PipelineSettings = PipelineSettings> {
  readonly cases: CaseStore;
  readonly intakes: IntakeStore;
  readonly checks: CheckQueue;
  readonly sender: MailSender;
  readonly renderer: TemplateRenderer;
  readonly settings: Settings;
  /** A queue's team as it stands (changed with the support CLI, or as deployed); read once per mail or check into `settings.team`. */
  readonly currentTeam: QueueTeamReader;
  readonly now: () => Date;
}
