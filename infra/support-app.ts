import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { parseSupportConfig, SupportConfigError } from './config.ts';
import { mergeContextOverride } from './context-override.ts';
import { SupportStack } from './support-stack.ts';

/** Stack name used unless the context sets `stackName`. */
export const DEFAULT_STACK_NAME = 'MailcaseSupport';

export interface AddSupportStackOptions {
  /**
   * The `support` object as cdk.json holds it. A `-c support='{...}'` on the command line (a JSON
   * string) is merged onto it, field by field, instead of replacing it. @default none: the string stands alone
   */
  readonly supportDefaults?: unknown;
}

/**
 * Adds the support stack to an app, configured from its context: `support` (validated; throws
 * SupportConfigError naming each bad field) and optionally `stackName`. The AWS Solutions
 * checks run at synthesis, so an insecure change fails `cdk synth` rather than a review.
 */
export function addSupportStack(app: App, options: AddSupportStackOptions = {}): SupportStack {
  const support = readJsonContext(app, 'support');
  const config = parseSupportConfig(
    support.fromCommandLine && options.supportDefaults !== undefined
      ? mergeContextOverride(options.supportDefaults, support.value)
      : support.value,
  );
  const stackName: unknown = app.node.tryGetContext('stackName');

  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

  return new SupportStack(app, typeof stackName === 'string' && stackName !== '' ? stackName : DEFAULT_STACK_NAME, {
    config,
    description: `Email-first customer support for ${config.domain}`,
    // The account stays unresolved when no credentials are around: synthesis is offline.
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: config.region },
  });
}

/** `-c key=value` on the command line arrives as a string; cdk.json context arrives as an object. */
function readJsonContext(app: App, key: string): { value: unknown; fromCommandLine: boolean } {
  const value: unknown = app.node.tryGetContext(key);
  if (typeof value !== 'string') return { value, fromCommandLine: false };
  try {
    return { value: JSON.parse(value), fromCommandLine: true };
  } catch (error) {
    throw new SupportConfigError(`Context "${key}" is not valid JSON: ${value}`, { cause: error });
  }
}
