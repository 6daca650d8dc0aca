import { Validations, type App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SupportStack } from '../../infra/support-stack.ts';
import {
  buildSupportStack,
  NO_BUNDLING,
  synthesizeSupportStack,
  TEST_SUPPORT_CONTEXT,
} from './support-stack-fixture.ts';

interface Acknowledgement {
  readonly path: string;
  readonly id: string;
  readonly reason: string;
}

describe('AWS Solutions checks (cdk-nag)', () => {
  let app: App;
  let stack: SupportStack;

  beforeAll(() => {
    // Prepare, Act
    ({ app, stack } = synthesizeSupportStack());
  });

  it('find no unacknowledged error or warning in the stack', () => {
    // Act
    const report = new AwsSolutionsChecks().validateScope(stack);

    // Assess
    expect(
      report.violations.map(
        (v) => `${v.severity} ${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
      ),
    ).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('every acknowledged rule names one resource and says why in a full sentence', () => {
    // Act
    const acknowledgements = acknowledgementsUnder(app);

    // Assess
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const { path, id, reason } of acknowledgements) {
      expect(id, path).toMatch(/^(annotation::)?AwsSolutions-/i);
      expect(reason.length, `${id} at ${path}`).toBeGreaterThanOrEqual(60);
      expect(path.split('/').length, `${id} is acknowledged for a whole stack or app`).toBeGreaterThan(1);
    }
  });

  it('stop synthesis when a change breaks a rule, so an insecure stack never reaches deployment', () => {
    // Prepare
    const { stack: careless } = buildSupportStack({ ...NO_BUNDLING, support: TEST_SUPPORT_CONTEXT });
    new Bucket(careless, 'CarelessBucket');

    // Act
    const synthesize = () => Template.fromStack(careless);

    // Assess
    expect(synthesize).toThrow(/AwsSolutions-S1/);
  });
});

function acknowledgementsUnder(root: IConstruct): Acknowledgement[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>))
      .map(([id, reason]) => ({ path: construct.node.path, id, reason })),
  );
}
