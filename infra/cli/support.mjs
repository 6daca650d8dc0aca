#!/usr/bin/env node
// `support` (package.json bin, so `npx support ...` in this repository): the operations command
// line. It is TypeScript like the rest of the project, run through tsx as `npm start` is.
import { register } from 'tsx/esm/api';

register();
const { runSupport } = await import('./main.ts');
process.exitCode = await runSupport(process.argv.slice(2));
