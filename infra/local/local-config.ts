import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseSupportConfig, SupportConfigError, type SupportConfig } from '../config.ts';
import { mergeContextOverride, readCdkJsonContext } from '../context-override.ts';

/**
 * Local settings: cdk.json's `support` context (what a deploy uses); `configFile` (`npm start --
 * --config <file>`) lays a JSON object of `support` fields over it field by field, as
 * `cdk -c support='{...}'` does on a deploy, so queues can be tried without touching cdk.json;
 * then the support address, when overridden.
 */
export function localConfig(supportAddress: string | undefined, configFile?: string): SupportConfig {
  const fromCdkJson = readCdkJsonContext('support');
  const merged = configFile === undefined ? fromCdkJson : mergeContextOverride(fromCdkJson, readOverride(configFile));
  const support: Record<string, unknown> = { ...(typeof merged === 'object' ? merged : {}) };
  if (supportAddress !== undefined) {
    support.supportAddress = supportAddress;
    support.domain = supportAddress.split('@')[1];
  }
  return parseSupportConfig(support);
}

function readOverride(file: string): unknown {
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SupportConfigError(`--config ${file}: cannot read ${path} (${String(error)})`, { cause: error });
  }
  try {
    const json: unknown = JSON.parse(text);
    if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error('not an object');
    return json;
  } catch (error) {
    throw new SupportConfigError(
      `--config ${file}: must hold one JSON object of support settings, such as {"queues": [...]} (${String(error)})`,
      { cause: error },
    );
  }
}
