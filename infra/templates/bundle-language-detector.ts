import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { LANGUAGE_DETECTOR_FILE } from '../../functions/mail/language-detector.ts';

/**
 * Writes the language detector (eld with its smallest data set) as one minified module into a
 * function's bundle folder, where functions/mail/language-detector.ts finds it beside index.mjs.
 * Kept out of the bundle itself so its megabyte of data is parsed on a process's first new case,
 * not on every cold start.
 */
export async function bundleLanguageDetector(outDir: string): Promise<string> {
  const outfile = join(outDir, LANGUAGE_DETECTOR_FILE);
  await build({
    entryPoints: [fileURLToPath(import.meta.resolve('eld/extrasmall'))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    minify: true,
    outfile,
    logLevel: 'error',
  });
  return outfile;
}

// The CDK bundling hook: `node --import tsx infra/templates/bundle-language-detector.ts OUT_DIR`.
if (import.meta.filename === resolve(process.argv[1] ?? '')) {
  const [outDir] = process.argv.slice(2);
  if (outDir === undefined) throw new Error('Usage: bundle-language-detector.ts OUT_DIR');
  await bundleLanguageDetector(outDir);
}
