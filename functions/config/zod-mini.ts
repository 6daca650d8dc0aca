/**
 * The schema library of everything bundled into a function: zod/mini, the tree-shakable functional
 * form of zod 4 (the few KB a function uses instead of the full `zod`, which was 444 KB of every
 * bundle). Import it as a namespace, `import * as z from '../config/zod-mini.ts'`: esbuild drops
 * what a namespace import leaves unused, but keeps all of zod when a namespace object is re-exported
 * as a value (which is what `import { z } from 'zod/mini'` is).
 *
 * Deploy-time and CLI code (infra/config.ts, infra/cli/) keeps the full `zod`.
 */
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// zod/mini words every issue "Invalid input" until a locale is set; the full zod sets English on
// first use. The same words here keep the errors we log and report as they were.
config(en());

export * from 'zod/mini';
