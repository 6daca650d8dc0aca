/** The line aws-cdk-lib writes to stderr before every bundle, however the bundler is told to log. */
const BUNDLING_NOTICE = /^Bundling asset [^\n]*\.\.\.\n$/;

/**
 * Drops aws-cdk-lib's "Bundling asset <path>..." lines from stderr, so `cdk synth --quiet` prints
 * nothing when all is well. Only that exact line goes: esbuild's errors (it logs at `error` level,
 * see FUNCTION_BUNDLING's use in mail-function.ts) and everything else still reach the terminal.
 */
export function hideBundlingNotices(stream: NodeJS.WriteStream = process.stderr): void {
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) =>
    typeof chunk === 'string' && BUNDLING_NOTICE.test(chunk) ? true : write(chunk, ...rest)) as typeof stream.write;
}
