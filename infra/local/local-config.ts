import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseSupportConfig, type SupportConfig } from '../config.ts';

/** Local settings: cdk.json's `support` context (what a deploy uses), with the address overridable. */
export function localConfig(supportAddress: string | undefined): SupportConfig {
  const cdkJson = JSON.parse(readFileSync(resolve(import.meta.dirname, '..', '..', 'cdk.json'), 'utf8')) as {
    context?: { support?: Record<string, unknown> };
  };
  const support = { ...cdkJson.context?.support };
  if (supportAddress !== undefined) {
    support.supportAddress = supportAddress;
    support.domain = supportAddress.split('@')[1];
  }
  return parseSupportConfig(support);
}
