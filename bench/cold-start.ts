import { execFile } from 'node:child_process';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build, type BuildOptions } from 'esbuild';
import { FUNCTION_BUNDLING, functionBuildOptions } from '../infra/constructs/mail-function.ts';
import { COMPILED_SUFFIX } from '../functions/mail/compiled-templates.ts';
import { compileTemplates } from '../infra/templates/compile-templates.ts';
import { median, round } from './stats.ts';

/**
 * The bundles the bench builds beside the functions' to measure against. Every floor is bundled
 * (the SDK inside, as CDK deploys our functions); they differ in what else is inside. Issue 7's
 * floors were built without our aliases, so with the SDK's whole default credential chain (SSO,
 * INI files, processes, web identity...), which our functions replace with the environment's keys;
 * the "as our functions" floors use the same aliases and so compare like with like.
 */
export const FLOOR_NAMES = {
  sdk: 'floor (issue 7): 4 SDK clients, bundled, whole credential chain',
  withMailparser: 'floor (issue 7): + mailparser, handlebars, middy',
  sdkAsDeployed: 'floor: the 5 SDK clients we use, bundled as our functions (aliases)',
  withMailparserAsDeployed: 'floor: + mailparser, handlebars, middy, bundled as our functions',
} as const;

const REPO_ROOT = resolve(import.meta.dirname, '..');
/** Inside the repository, so a bundle's external `@aws-sdk/*` resolves to node_modules as Lambda's runtime SDK would. */
const OUT_DIR = join(REPO_ROOT, '.bench', 'cold-start');

const SDK_CLIENTS = [
  "export { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
  "export { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';",
  "export { S3Client } from '@aws-sdk/client-s3';",
  "export { SESv2Client } from '@aws-sdk/client-sesv2';",
  "export { SQSClient } from '@aws-sdk/client-sqs';",
];
const PARSE_AND_RENDER = [
  "export { simpleParser } from 'mailparser';",
  "export { default as Handlebars } from 'handlebars';",
  "export { default as middy } from '@middy/core';",
];

/** Each floor's source, and whether it is built with our aliases (as our functions are) or without (as issue 7 built it). */
const FLOORS: Readonly<Record<string, { readonly source: string; readonly ourAliases: boolean }>> = {
  [FLOOR_NAMES.sdk]: { source: SDK_CLIENTS.join('\n'), ourAliases: false },
  [FLOOR_NAMES.withMailparser]: {
    source: [`export * from './${slug(FLOOR_NAMES.sdk)}.ts';`, ...PARSE_AND_RENDER].join('\n'),
    ourAliases: false,
  },
  [FLOOR_NAMES.sdkAsDeployed]: {
    source: [...SDK_CLIENTS, "export { SchedulerClient } from '@aws-sdk/client-scheduler';"].join('\n'),
    ourAliases: true,
  },
  [FLOOR_NAMES.withMailparserAsDeployed]: {
    source: [`export * from './${slug(FLOOR_NAMES.sdkAsDeployed)}.ts';`, ...PARSE_AND_RENDER].join('\n'),
    ourAliases: true,
  },
};

export interface BundleResult {
  readonly name: string;
  readonly bytes: number;
  /** Median time of `await import(bundle)` in fresh Node processes. */
  readonly importMs: number;
  /** The same with --enable-source-maps, which the construct sets in NODE_OPTIONS (Node then reads the .map). */
  readonly importMsWithSourceMaps?: number;
  readonly includesMailparser: boolean;
  readonly sdkBundled: boolean;
  /** The packages that take the most room in the bundle, KB each. */
  readonly largest: Readonly<Record<string, number>>;
}

/** The precompiled templates shipped beside every function's bundle; each is loaded when first rendered, not at import. */
export interface TemplateFiles {
  readonly files: number;
  readonly bytes: number;
}

/**
 * Bundles each function (functions/<name>/handler.ts) with the construct's esbuild options, twice:
 * with the SDK bundled (the setup the issue's floors use) and with `@aws-sdk/*` left to the Lambda
 * runtime's copy (NodejsFunction's default); the name says which one CDK deploys (`bundleAwsSDK`).
 * Then times the imports in `runs` rounds, each importing every bundle once, so a busy moment on a
 * shared machine slows a round of all of them rather than one bundle: the ratios to the floors hold.
 */
export async function measureColdStart(runs: number): Promise<{ bundles: BundleResult[]; templates: TemplateFiles }> {
  await mkdir(OUT_DIR, { recursive: true });
  const built: Built[] = [];
  for (const [name, { source, ourAliases }] of Object.entries(FLOORS)) {
    const entry = join(OUT_DIR, `${slug(name)}.ts`);
    await writeFile(entry, `${source}\n`);
    // The construct's esbuild options with the SDK inside; issue 7's floors without our aliases.
    built.push(await bundle(name, entry, { ...(ourAliases ? {} : { alias: {} }), external: [] }, false));
  }
  const deployed = (sdkBundled: boolean) =>
    sdkBundled === (FUNCTION_BUNDLING.bundleAwsSDK ?? false) ? ', as CDK deploys it' : '';
  for (const fn of await functionEntries()) {
    const entry = join(REPO_ROOT, 'functions', fn, 'handler.ts');
    built.push(await bundle(`${fn}: SDK bundled${deployed(true)}`, entry, { external: [] }, true));
    built.push(
      await bundle(`${fn}: @aws-sdk/* from the runtime${deployed(false)}`, entry, { external: ['@aws-sdk/*'] }, true),
    );
  }
  const times = built.map(() => ({ plain: [] as number[], withSourceMaps: [] as number[] }));
  for (let pass = 0; pass < runs; pass++) {
    for (const [i, b] of built.entries()) {
      times[i]?.plain.push(await timeImport(b.outfile, false));
      if (b.withSourceMaps) times[i]?.withSourceMaps.push(await timeImport(b.outfile, true));
    }
  }
  const bundles = built.map(
    ({ outfile: _outfile, withSourceMaps, ...result }, i): BundleResult => ({
      ...result,
      importMs: round(median(times[i]?.plain ?? [])),
      ...(withSourceMaps ? { importMsWithSourceMaps: round(median(times[i]?.withSourceMaps ?? [])) } : {}),
    }),
  );
  return { bundles, templates: await compiledTemplates() };
}

/** The templates folder precompiled as the CDK hook does it: its files and their size on disk. */
async function compiledTemplates(): Promise<TemplateFiles> {
  const dir = join(OUT_DIR, 'templates');
  const files = await compileTemplates(join(REPO_ROOT, 'templates'), dir);
  const sizes = await Promise.all(files.map(async (f) => (await stat(join(dir, `${f}${COMPILED_SUFFIX}`))).size));
  return { files: files.length, bytes: sizes.reduce((a, b) => a + b, 0) };
}

async function functionEntries(): Promise<string[]> {
  const folders = await readdir(join(REPO_ROOT, 'functions'), { withFileTypes: true });
  const withHandler = await Promise.all(
    folders
      .filter((f) => f.isDirectory())
      .map(async (f) =>
        (await stat(join(REPO_ROOT, 'functions', f.name, 'handler.ts')).catch(() => undefined)) ? f.name : undefined,
      ),
  );
  return withHandler.filter((f): f is string => f !== undefined);
}

/** A bundle written and described, its imports not yet timed. */
type Built = Omit<BundleResult, 'importMs' | 'importMsWithSourceMaps'> & {
  readonly outfile: string;
  readonly withSourceMaps: boolean;
};

async function bundle(
  name: string,
  entry: string,
  options: Pick<BuildOptions, 'external' | 'alias'>,
  withSourceMaps: boolean,
): Promise<Built> {
  const outfile = join(OUT_DIR, slug(name), 'index.mjs');
  const { metafile } = await build({
    ...functionBuildOptions(),
    ...options,
    entryPoints: [entry],
    outfile,
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.keys(metafile.inputs);
  const output = Object.entries(metafile.outputs).find(([file]) => file.endsWith('.mjs') || file.endsWith('.js'))?.[1];
  return {
    name,
    outfile,
    withSourceMaps,
    bytes: (await stat(outfile)).size,
    includesMailparser: inputs.some((i) => i.includes('node_modules/mailparser/')),
    sdkBundled: inputs.some((i) => i.includes('node_modules/@aws-sdk/')),
    largest: largestPackages(output?.inputs ?? {}, LARGEST_SHOWN),
  };
}

/** Bytes in the bundle by package (or by our own folder), largest first. */
function largestPackages(
  inputs: Readonly<Record<string, { bytesInOutput: number }>>,
  count: number,
): Record<string, number> {
  const byPackage = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(inputs)) {
    const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? path.split('/').slice(0, 2).join('/');
    byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
  }
  return Object.fromEntries(
    [...byPackage]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, bytes]) => [name, round(bytes / 1024, 0)]),
  );
}

/** One fresh `node` process (the Lambda runtime's Node 22) timing one import of the bundle. */
async function timeImport(file: string, sourceMaps: boolean): Promise<number> {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t));`;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [...(sourceMaps ? ['--enable-source-maps'] : []), '--input-type=module', '-e', script],
    { cwd: OUT_DIR, env: { PATH: process.env.PATH ?? '' } },
  );
  return Number(stdout);
}

const LARGEST_SHOWN = 8;

function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
