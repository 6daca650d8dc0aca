import { Tokenization } from 'aws-cdk-lib';
import { SupportConfigError } from '../config.ts';

/** Lambda's limit on a function's environment, every variable together (Lambda quotas: "4 KB"). */
const MAX_ENVIRONMENT_BYTES = 4 * 1024;

/**
 * What a value CloudFormation fills in at deploy time (a table name, an ARN, a queue URL) is
 * counted as: the longest of ours, the check queue's URL, is about 100 characters under the
 * default stack name.
 */
const DEPLOY_TIME_VALUE_CHARS = 100;

/** The environment's size as Lambda counts it (its variables as JSON), deploy-time values estimated. */
function environmentBytes(environment: Readonly<Record<string, string>>): number {
  const sized = Object.fromEntries(
    Object.entries(environment).map(([name, value]) => {
      const estimated: unknown = Tokenization.reverseString(value)
        .mapTokens({ mapToken: () => 'x'.repeat(DEPLOY_TIME_VALUE_CHARS) })
        .join({ join: (left: unknown, right: unknown) => `${String(left)}${String(right)}` });
      return [name, String(estimated ?? '')];
    }),
  );
  return Buffer.byteLength(JSON.stringify(sized), 'utf8');
}

/**
 * Stops synthesis when a function's environment would not fit Lambda's 4 KB: CloudFormation would
 * otherwise fail half way through the deploy. The message names the largest variables, which with
 * many queues is QUEUES.
 */
export function assertEnvironmentFits(environment: Readonly<Record<string, string>>, functionPath: string): void {
  const bytes = environmentBytes(environment);
  if (bytes <= MAX_ENVIRONMENT_BYTES) return;
  const largest = Object.entries(environment)
    .map(([name, value]) => [name, environmentBytes({ [name]: value })] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([name, size]) => `${name} ${size}`)
    .join(', ');
  throw new SupportConfigError(
    `The environment of ${functionPath} would be about ${bytes} bytes; Lambda allows ${MAX_ENVIRONMENT_BYTES} in all (largest: ${largest}). ` +
      'Configure fewer queues or fewer agents in them.',
  );
}
