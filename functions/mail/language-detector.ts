import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LanguageDetector } from '../core/case-language.ts';

/**
 * The detector's module as a deploy ships it: bundled on its own beside the function's bundle
 * (infra/templates/bundle-language-detector.ts), not inside it. Its data is about 1 MB of
 * JavaScript, which inside the bundle cost every cold start about 70 ms of CPU to parse (median of
 * 12 imports each way, this machine); beside it, only a process's first new case pays, once.
 */
export const LANGUAGE_DETECTOR_FILE = 'language-detector.mjs';

/** eld with its smallest data set (60 languages), as a package import when running from source. */
const ELD_EXTRA_SMALL = ['eld', 'extrasmall'].join('/');

interface EldModule {
  readonly eld: { detect(text: string): { readonly language: string; isReliable(): boolean } };
}

let loading: Promise<LanguageDetector> | undefined;

/**
 * The language detector intake hands the core for a new case's first mail: eld (Nito-ELD), pure
 * JavaScript, ISO 639-1 codes. Loaded on the first new case, not when the function starts: replies,
 * which are most mail, never pay for it. It answers only when eld calls its own guess reliable.
 */
export function loadLanguageDetector(): Promise<LanguageDetector> {
  if (loading === undefined) {
    const load = (import(detectorModule()) as Promise<EldModule>).then(({ eld }) => (text: string) => {
      const result = eld.detect(text);
      return result.language !== '' && result.isReliable() ? result.language : undefined;
    });
    // A failed load is not kept (as a failed initialisation is not): the next new case tries again.
    load.catch(() => {
      if (loading === load) loading = undefined;
    });
    loading = load;
  }
  return loading;
}

/** The shipped file beside the running bundle, or (from source, where there is none) the package. */
function detectorModule(): string {
  const beside = new URL(`./${LANGUAGE_DETECTOR_FILE}`, import.meta.url);
  return existsSync(fileURLToPath(beside)) ? beside.href : ELD_EXTRA_SMALL;
}
