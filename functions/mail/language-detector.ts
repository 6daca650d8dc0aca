import type { LanguageDetector } from '../core/case-language.ts';

/**
 * The language detector intake hands the core for a new case's first mail: eld (Nito-ELD), pure
 * JavaScript, ISO 639-1 codes, with its smallest data set (60 languages, about 1 MB). Loaded on the
 * first new case, not when the function starts: replies, which are most mail, never pay for it.
 */
let loading: Promise<LanguageDetector> | undefined;

/** The detector, loaded once per process. It answers only when eld calls its own guess reliable. */
export function loadLanguageDetector(): Promise<LanguageDetector> {
  loading ??= import('eld/extrasmall').then(({ eld }) => (text: string) => {
    const result = eld.detect(text);
    return result.language !== '' && result.isReliable() ? result.language : undefined;
  });
  return loading;
}
