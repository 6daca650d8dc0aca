import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { transform } from 'esbuild';
import Handlebars from 'handlebars';
import { TemplateRenderError } from '../../functions/mail/render-template.ts';
import { COMPILED_SUFFIX, compileOptionsFor } from '../../functions/mail/compiled-templates.ts';

/**
 * Every .hbs file under the folder, relative to it, sorted: each language folder (`en/`, `de/`) with
 * its partials, the saved answers (`macros/`) and each queue's overlay (`queues/<name>/<language>/`).
 */
export function templateFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.hbs'))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

/**
 * Precompiles every template under `sourceDir` (see templateFiles) into its own minified module in `outDir`, where a
 * function's TEMPLATES_DIR points; `outDir` is replaced, so a template removed from the source is
 * gone from it too. A file that does not compile throws a TemplateRenderError naming it, so a
 * broken template fails the build (`cdk deploy`, `npm start`), not a send.
 */
export async function compileTemplates(sourceDir: string, outDir: string): Promise<string[]> {
  if (!relative(resolve(outDir), resolve(sourceDir)).startsWith('..'))
    throw new Error(`The compiled templates cannot replace ${outDir}: the sources in ${sourceDir} are inside it`);
  // Every file compiles before any is written, so a broken one leaves nothing half-written behind.
  const specs = templateFiles(sourceDir).map((file) => [file, precompile(sourceDir, file)] as const);
  await rm(outDir, { recursive: true, force: true });
  for (const [file, spec] of specs) {
    const { code } = await transform(`export default ${spec};`, { format: 'esm', minify: true, target: 'node22' });
    const target = join(outDir, `${file}${COMPILED_SUFFIX}`);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, code);
  }
  return specs.map(([file]) => file);
}

/** The JavaScript source of a template's precompiled form. */
function precompile(dir: string, file: string): string {
  try {
    return Handlebars.precompile(readFileSync(join(dir, file), 'utf8'), compileOptionsFor(file)) as unknown as string;
  } catch (error) {
    throw new TemplateRenderError(file, { cause: error });
  }
}

// The CDK bundling hook: `node --import tsx infra/templates/compile-templates.ts SOURCE_DIR OUT_DIR`.
if (import.meta.filename === resolve(process.argv[1] ?? '')) {
  const [sourceDir, outDir] = process.argv.slice(2);
  if (sourceDir === undefined || outDir === undefined)
    throw new Error('Usage: compile-templates.ts SOURCE_DIR OUT_DIR');
  await compileTemplates(sourceDir, outDir);
}
