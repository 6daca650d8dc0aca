import type { MailClients } from '../../functions/adapters/aws-clients.ts';
import { localContext } from './lambda-context.ts';
import { startReportMailClock } from './report-mail-clock.ts';

/** The report mail function, run by the local clock as EventBridge runs it on AWS. Call after configureFunctions. */
export async function startLocalReportMail(
  clients: MailClients,
  clock: { readonly now?: () => Date },
): Promise<{ stop(): void }> {
  const { createReportMailHandler, reportMailDependencies } = await import('../../functions/digest/handler.ts');
  const deps = { ...(await reportMailDependencies(process.env, clients)), ...clock };
  const handler = createReportMailHandler(async () => deps);
  return startReportMailClock({
    run: (kind) => handler({ kind }, localContext()),
    ...clock,
    onError: (error) => console.error('Report mail:', error),
  });
}
