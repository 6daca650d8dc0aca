import { DEFAULT_FILE_POLICY, type CaseFileLinks } from '../core/case-files.ts';
import { fileLinkFactory } from '../core/file-link.ts';
import type { PipelineSettings } from '../core/settings.ts';

/**
 * The file policy of a run and download links signed for it, from the pipeline's settings: what
 * every planner that gives a notification its files (core/case-files.ts) is handed. Links are
 * served beside the survey page, by the same public function.
 */
export function caseFileLinks(
  settings: Pick<PipelineSettings, 'replyTokenSecret' | 'surveyUrl' | 'files'>,
  now: Date,
): CaseFileLinks {
  const policy = settings.files ?? DEFAULT_FILE_POLICY;
  return { policy, links: fileLinkFactory(settings.replyTokenSecret, settings.surveyUrl, policy.linkDays, now) };
}
