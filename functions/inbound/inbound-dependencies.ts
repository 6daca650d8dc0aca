import type { RawMailStore } from '../adapters/raw-mail-store.ts';
import type { MailFunctionDependencies } from '../config/mail-dependencies.ts';
import type { InboundSettings } from '../core/settings.ts';

/** What the inbound function takes a mail in with: the mail functions' dependencies, the stored mail, and new ids. */
export interface InboundDependencies extends MailFunctionDependencies<InboundSettings> {
  readonly rawMail: RawMailStore;
  readonly newId: () => string;
}
