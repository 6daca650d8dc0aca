import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { isLanguageCode } from '../functions/core/case-language.ts';
import { DEFAULT_QUEUE_ID, FALLBACK_LANGUAGE, LANGUAGE_CODE_FORM } from '../functions/core/queues.ts';
import { QUEUES_DIR, SAFE_FOLDER } from '../functions/mail/template-folders.ts';
import { dutySchema } from './duty-schema.ts';
import { businessHoursSchema, responseTargetsSchema } from './policy-schemas.ts';
import { agentSchema, displayNameSchema } from './team-schema.ts';

/** Where a queue's `templates` folder lives: templates/queues/<name>, beside the shared templates. */
const QUEUE_TEMPLATES_DIR = fileURLToPath(new URL(`../templates/${QUEUES_DIR}/`, import.meta.url));

/** A folder name short enough for any file system and a path under Lambda's templates. */
const MAX_FOLDER_CHARS = 63;

/** A queue's id is typed in commands (`#move billing`): short enough to type, one word. */
const MAX_QUEUE_ID_CHARS = 32;

/**
 * A signature is a sign-off (a name, a phone number, a web address) under every mail of the queue,
 * acknowledgements included: past a few lines it buries the answer above it in every message.
 */
const MAX_SIGNATURE_CHARS = 500;
const MAX_SIGNATURE_LINES = 6;

/** Control and invisible formatting characters (bidi overrides, zero-width ones): never in text we sign with. */
const HIDDEN_CHARACTERS = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

/** An ISO 639-1 code Intl can name (`de`, not `xx` or `jp`). */
export const languageSchema = z
  .string()
  .regex(LANGUAGE_CODE_FORM, 'must be a two-letter ISO 639-1 language code such as en or de')
  .refine(isLanguageCode, {
    error: (issue) => `${String(issue.input)} is not an ISO 639-1 language code; write one such as en, de or fr`,
  });

/** A queue's sign-off: a few plain-text lines, no hidden characters. */
export const signatureSchema = z
  .string()
  .transform((text) => text.replace(/\r\n/g, '\n').trim())
  .pipe(
    z
      .string()
      .min(1, 'must not be empty; leave signature out for none')
      .max(MAX_SIGNATURE_CHARS, `must be at most ${MAX_SIGNATURE_CHARS} characters: a sign-off, not a letter`)
      .refine((text) => text.split('\n').length <= MAX_SIGNATURE_LINES, {
        message: `must be at most ${MAX_SIGNATURE_LINES} lines`,
      })
      .refine((text) => !text.split('\n').some((line) => HIDDEN_CHARACTERS.test(line)), {
        message: 'must be plain text: no control or invisible formatting characters (write line breaks as \\n)',
      }),
  );

/** A folder under templates/queues/ that exists, named as the template lookup reads folders (SAFE_FOLDER). */
export const templatesFolderSchema = z
  .string()
  .regex(SAFE_FOLDER, `must be the name of a folder under templates/${QUEUES_DIR}/, such as billing`)
  .max(MAX_FOLDER_CHARS, `must be at most ${MAX_FOLDER_CHARS} characters`)
  .refine((name) => statSync(`${QUEUE_TEMPLATES_DIR}${name}`, { throwIfNoEntry: false })?.isDirectory() === true, {
    error: (issue) =>
      `templates/queues/${String(issue.input)} does not exist; create it with the templates this queue replaces, or leave templates out`,
  });

/** `required` for a missing field, zod's own words for anything else. */
const required = (what: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? `is required: ${what}` : undefined;

/**
 * One more support address (`support.queues[n]`): an inbound address with its own name, team,
 * calendar, targets, language, signature and templates. Anything left out is the default queue's
 * (the top-level fields), except the team: every queue names its own people.
 */
export const queueSchema = z.strictObject({
  /** Short name in commands and the CLI (`#move billing`, `--queue billing`). */
  id: z
    .string({ error: required('a short name such as billing') })
    .regex(
      new RegExp(`^(?=.{1,${MAX_QUEUE_ID_CHARS}}$)[a-z0-9]+(-[a-z0-9]+)*$`),
      `must be a short name of lowercase letters, digits and single dashes (at most ${MAX_QUEUE_ID_CHARS}), such as billing`,
    )
    .refine((id) => id !== DEFAULT_QUEUE_ID, {
      message: `"${DEFAULT_QUEUE_ID}" is the default queue's (the top-level supportAddress); choose another id`,
    }),
  /** The address customers write to; its domain becomes a receiving domain (MX to SES, a DKIM identity). */
  address: z.email({ error: (i) => required('the address customers write to')(i) ?? 'must be an email address' }),
  /** Display name on every message of the queue. */
  displayName: displayNameSchema,
  /** Where notifications of the queue's unassigned cases go. */
  teamAddress: z.email({ error: (i) => required('where unassigned work goes')(i) ?? 'must be an email address' }),
  /** Where `#bug` hands the queue's cases to engineering. Default: the top-level engineeringAddress. */
  engineeringAddress: z.email('must be an email address').optional(),
  /** The people who answer this queue; at least one supervisor. */
  agents: z
    .array(agentSchema, { error: required('the people who answer this queue, at least one a supervisor') })
    .min(1, 'configure at least one agent for this queue: nobody would answer its mail'),
  /** Which of the queue's supervisors is on duty when. Default none: its first supervisor always. */
  duty: dutySchema.optional(),
  /** Default: the top-level businessHours. */
  businessHours: businessHoursSchema.optional(),
  /** Default: the top-level responseTargets. */
  responseTargets: responseTargetsSchema.optional(),
  /** ISO 639-1 code of the language a new case is written in until the customer's own is known. Default en. */
  language: languageSchema.default(FALLBACK_LANGUAGE),
  /** Plain-text lines under everything we write to the queue's customers. Default none. */
  signature: signatureSchema.optional(),
  /** A folder under templates/queues/ whose files replace the shared ones for this queue. Default none. */
  templates: templatesFolderSchema.optional(),
});

export type QueueConfig = z.infer<typeof queueSchema>;
