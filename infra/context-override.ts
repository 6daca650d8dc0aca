import { readFileSync } from 'node:fs';

/** The cdk.json beside infra/, where the deployment's settings live. */
const CDK_JSON = new URL('../cdk.json', import.meta.url);

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A partial override laid over a base, key by key at every depth: objects merge, anything else
 * (a string, a number, an array such as `agents`, null) replaces what the base had. So
 * `-c support='{"domain":"help.example.org","supportAddress":"support@help.example.org"}'`
 * changes those two fields and keeps every other one from cdk.json.
 */
export function mergeContextOverride(base: unknown, override: unknown): unknown {
  if (!isObject(base) || !isObject(override)) return override;
  const merged: JsonObject = { ...base };
  for (const [key, value] of Object.entries(override)) merged[key] = mergeContextOverride(base[key], value);
  return merged;
}

/** One value of cdk.json's `context`, as written in the file (the CLI hides it once `-c` names the key). */
export function readCdkJsonContext(key: string, file: URL = CDK_JSON): unknown {
  const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
  return isObject(json) && isObject(json.context) ? json.context[key] : undefined;
}
