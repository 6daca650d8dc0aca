/**
 * node:util's parseArgs errors in one plain line, without their advice about dashes: the same
 * wording for `npm start` and `npx support`.
 */
export function plainParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  const option = /'(-{1,2}[^' ]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${option ?? message}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
    return option === undefined
      ? message
      : /does not take/.test(message)
        ? `${option} takes no value`
        : `${option} needs a value`;
  return message.split('. ')[0] ?? message;
}
