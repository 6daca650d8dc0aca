import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ASSET_RESOURCE_METADATA_ENABLED_CONTEXT } from 'aws-cdk-lib/cx-api';
import { addSupportStack } from '../../infra/support-app.ts';
import type { SupportStack } from '../../infra/support-stack.ts';

/**
 * cdk.json's feature flags (every context key but `support`), so the tests synthesize what
 * `cdk deploy` would: a flag changes templates, and a test without it would check another stack.
 */
const CDK_JSON_FLAGS: Record<string, unknown> = Object.fromEntries(
  Object.entries(
    (
      JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
        context: Record<string, unknown>;
      }
    ).context,
  ).filter(([key]) => key.startsWith('@aws-cdk')),
);

/** Context that skips bundling the function, for tests about anything but its code. */
export const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] } as const;

/** A deployment that differs from cdk.json's defaults, so a hard-coded value cannot pass by luck. */
export const TEST_SUPPORT_CONTEXT = {
  domain: 'help.example.com',
  supportAddress: 'support@help.example.com',
  displayName: 'Example Support',
  region: 'eu-central-1',
  maxMessageBytes: 5 * 1024 * 1024,
  rawMailRetentionDays: 90,
  agents: [
    { name: 'Maria Lopez', email: 'maria@staff.example.org', agentId: 'A-7', role: 'agent' },
    { name: 'Sam Okafor', email: 'sam@staff.example.org', agentId: 'S-1', role: 'supervisor' },
  ],
  teamAddress: 'team@staff.example.org',
  engineeringAddress: 'eng@staff.example.org',
} as const;

export interface SynthesizedSupportStack {
  readonly app: App;
  readonly stack: SupportStack;
  readonly template: Template;
}

/**
 * Builds the stack the way infra/app.ts does (context in, AWS Solutions checks on) and
 * synthesizes it once; bundling the inbound function runs esbuild, so call it from beforeAll.
 */
export function synthesizeSupportStack(
  context: Record<string, unknown> = { support: TEST_SUPPORT_CONTEXT },
): SynthesizedSupportStack {
  const { app, stack } = buildSupportStack(context);
  return { app, stack, template: Template.fromStack(stack) };
}

/** The app and stack, constructed (the function is bundled) but not synthesized. */
export function buildSupportStack(context: Record<string, unknown> = { support: TEST_SUPPORT_CONTEXT }): {
  app: App;
  stack: SupportStack;
} {
  // As the CDK CLI does: resources name the asset directory they deploy.
  const app = new App({ context: { ...CDK_JSON_FLAGS, [ASSET_RESOURCE_METADATA_ENABLED_CONTEXT]: true, ...context } });
  return { app, stack: addSupportStack(app) };
}

/**
 * The one resource of a type (whose logical id starts with `idPrefix`, when given), with its
 * logical id; fails loudly when there are none or several.
 */
export function onlyResource(
  template: Template,
  type: string,
  idPrefix = '',
): { id: string; resource: CfnResourceJson } {
  const found = Object.entries(template.findResources(type)).filter(([id]) => id.startsWith(idPrefix));
  const [first, ...others] = found;
  if (first === undefined || others.length > 0)
    throw new Error(`Expected one ${type} ${idPrefix}, found ${found.length}`);
  // findResources types resources as `any`; this names the parts the tests read.
  return { id: first[0], resource: first[1] as CfnResourceJson };
}

/** The shape of a resource in a synthesized template, as far as the tests read it. */
export interface CfnResourceJson {
  readonly Type: string;
  // biome-ignore lint/suspicious/noExplicitAny: CloudFormation properties are any shape; each test asserts the ones it reads
  readonly Properties: Record<string, any>;
  readonly Metadata?: Record<string, unknown>;
  readonly DependsOn?: string[];
  readonly DeletionPolicy?: string;
}
