import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { parseSupportConfig, SupportConfigError } from './config.ts';
import { SupportStack } from './support-stack.ts';

/** Stack name used unless the context sets `stackName`. */
export const DEFAULT_STACK_NAME = 'MailcaseSupport';

/**
 * Adds the support stack to an app, configured from its context: `support` (validated; throws
 * SupportConfigError naming each bad field) and optionally `stackName`. The AWS Solutions
 * checks run at synthesis, so an insecure change fails `cdk synth` rather than a review.
 */
export function addSupportStack(app: App): SupportStack {
  const config = parseSupportConfig(readJsonContext(app, 'support'));
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
function readJsonContext(app: App, key: string): unknown {
  const value: unknown = app.node.tryGetContext(key);
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch (error) {
    throw new SupportConfigError(`Context "${key}" is not valid JSON: ${value}`, { cause: error });
  }
}
