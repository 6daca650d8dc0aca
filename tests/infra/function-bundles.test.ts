import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { functionBuildOptions } from '../../infra/constructs/mail-function.ts';

const REPO_ROOT = resolve(import.meta.dirname, '../..');
const FUNCTIONS = readdirSync(join(REPO_ROOT, 'functions')).filter((name) =>
  existsSync(join(REPO_ROOT, 'functions', name, 'handler.ts')),
);

const bundled = new Map<string, Promise<string[]>>();

/** Every file esbuild reads for a function's bundle, with the construct's options, as CDK deploys it (built once per function). */
function filesBundled(fn: string): Promise<string[]> {
  let files = bundled.get(fn);
  if (files === undefined) {
    files = build({
      ...functionBuildOptions(),
      entryPoints: [join(REPO_ROOT, 'functions', fn, 'handler.ts')],
      absWorkingDir: REPO_ROOT,
      write: false,
      outdir: 'out',
      metafile: true,
      logLevel: 'silent',
    }).then(({ metafile }) => Object.keys(metafile.inputs));
    bundled.set(fn, files);
  }
  return files;
}

/**
 * mailparser requires nodemailer's address parser (CommonJS) and our MIME builder imports it as
 * ESM: 11 KB twice. Aliasing the builder to CommonJS would keep one parser but bring 20 KB more of
 * nodemailer's CommonJS helpers, which do not tree-shake.
 */
const KNOWN_SECOND_BUILDS = new Set(['nodemailer/dist/addressparser/index']);

describe('what each function bundle takes in', () => {
  it.each(FUNCTIONS)(
    '%s validates with zod/mini, never the full zod (444 KB of every bundle), and reads nothing of infra/',
    async (fn) => {
      // Act
      const files = await filesBundled(fn);

      // Assess
      expect(files).toContain('functions/config/zod-mini.ts');
      expect(
        files.filter(
          (f) => /node_modules\/zod\//.test(f) && !/node_modules\/zod\/(mini|v4\/(mini|core|locales))\//.test(f),
        ),
      ).toEqual([]);
      expect(files.filter((f) => f.startsWith('infra/'))).toEqual([]);
    },
  );

  it.each(FUNCTIONS)(
    "%s renders templates with Handlebars' runtime alone: the compiler stays at build time",
    async (fn) => {
      // Act
      const files = await filesBundled(fn);

      // Assess
      expect(
        files.filter(
          (f) =>
            f.includes('node_modules/handlebars/') &&
            !f.includes('/handlebars/runtime.js') &&
            !/handlebars\/dist\/cjs\/handlebars(\.runtime\.js|\/(base|exception|helpers|decorators|internal|logger|runtime|safe-string|utils|no-conflict))/.test(
              f,
            ),
        ),
      ).toEqual([]);
      expect(files.filter((f) => f.includes('node_modules/source-map/'))).toEqual([]);
    },
  );

  it.each(FUNCTIONS)(
    "%s takes its AWS credentials from the environment, where Lambda puts them, and carries none of the SDK's other providers",
    async (fn) => {
      // Act
      const files = await filesBundled(fn);

      // Assess: the default chain's SSO, ini, process, web-identity and metadata providers, and the STS/SSO clients behind them, stay out
      expect(files).toContain('functions/adapters/lambda-credentials.ts');
      expect(
        files.filter((f) =>
          /node_modules\/@aws-sdk\/(credential-provider-(?!env\/)|nested-clients|token-providers)|credential-provider-imds/.test(
            f,
          ),
        ),
      ).toEqual([]);
    },
  );

  it.each(FUNCTIONS)(
    '%s carries one copy of each package: one installed version, and one of its CommonJS and ESM builds',
    async (fn) => {
      // Act
      const files = (await filesBundled(fn)).filter((f) => f.includes('node_modules/'));

      // Assess: a second install directory, or the same file name under two build folders of one package, is a second copy
      const roots = new Map<string, Set<string>>();
      const builds = new Map<string, Set<string>>();
      for (const file of files) {
        const [, root = '', name = '', rest = ''] = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\/(.*)$/.exec(file) ?? [];
        roots.set(name, (roots.get(name) ?? new Set()).add(root));
        const key = `${name}/${rest.replace(/(^|\/)(esm|cjs|mjs|dist-es|dist-cjs)(?=\/)/g, '').replace(/\.[cm]?js$/, '')}`;
        builds.set(key, (builds.get(key) ?? new Set()).add(rest));
      }
      expect(
        [...roots].filter(([, found]) => found.size > 1).map(([name, found]) => `${name}: ${[...found].join(', ')}`),
      ).toEqual([]);
      expect(
        [...builds]
          .filter(([key, found]) => found.size > 1 && !KNOWN_SECOND_BUILDS.has(key))
          .map(([key, found]) => `${key}: ${[...found].join(', ')}`),
      ).toEqual([]);
    },
  );
});
