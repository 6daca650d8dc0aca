/** A required setting is missing or malformed; the message names the variable. */
export class MissingSettingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MissingSettingError';
  }
}

/** Reads a required environment variable, once, at module scope of a handler. */
export function readEnv(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name];
  if (value === undefined || value.trim() === '') {
    throw new MissingSettingError(`Environment variable ${name} is not set`);
  }
  return value;
}

/** Reads a required positive number from the environment. */
export function readNumberEnv(name: string, env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(readEnv(name, env));
  if (!Number.isFinite(value) || value <= 0) {
    throw new MissingSettingError(`Environment variable ${name} must be a positive number`);
  }
  return value;
}
