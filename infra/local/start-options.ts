import type { ParseArgsConfig } from 'node:util';

/**
 * The options of `npm start -- ...`, as node:util's parseArgs reads them: one table for the
 * command and for the test that checks every `npm start -- ...` line the docs show.
 */
export const START_OPTIONS = {
  'smtp-port': { type: 'string' },
  'survey-port': { type: 'string' },
  'support-address': { type: 'string' },
  'data-dir': { type: 'string' },
  'in-memory': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];
