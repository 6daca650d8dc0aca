/** A command line a reader may copy from the docs, and where it is. */
export interface DocCommand {
  readonly file: string;
  readonly line: number;
  /** The words after the program, e.g. `['agents', 'add', '--name', 'Lena Fischer', ...]` for `npx support agents add ...`. */
  readonly args: readonly string[];
  /** The text as written, from the program on. */
  readonly text: string;
}

/** Shell characters that end one command: a pipe, a list, a comment, a redirection. */
const COMMAND_END = /\s(?:\||&&|;|#|>|2>)\s|`/;

/**
 * Every place a markdown text runs `program` (e.g. `npx support`), in inline code or in a fenced
 * block, with its arguments split as a shell would (quotes, backslash line continuations).
 * Prose mentions outside code are not commands and are left alone.
 */
export function commandsIn(file: string, markdown: string, program: string): DocCommand[] {
  const found: DocCommand[] = [];
  const lines = markdown.split('\n');
  let fenced = false;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (/^\s*```/.test(line)) {
      fenced = !fenced;
      continue;
    }
    // In a table cell a pipe inside code is written \|.
    const pieces = (
      fenced ? [joinContinuations(lines, index)] : [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '')
    ).map((p) => p.replaceAll('\\|', '|'));
    for (const piece of pieces) {
      for (let at = piece.indexOf(program); at !== -1; at = piece.indexOf(program, at + 1)) {
        const before = piece[at - 1];
        if (before !== undefined && !/[\s($]/.test(before)) continue;
        const rest = piece.slice(at + program.length);
        if (rest !== '' && !/^\s/.test(rest)) continue;
        const text = `${program}${rest.split(COMMAND_END)[0] ?? ''}`.trimEnd();
        found.push({ file, line: index + 1, args: shellWords(text.slice(program.length)), text });
      }
    }
  }
  return found;
}

/** A fenced line with the lines its trailing backslashes continue onto. */
function joinContinuations(lines: readonly string[], index: number): string {
  let text = lines[index] ?? '';
  for (let next = index + 1; text.endsWith('\\') && next < lines.length; next++)
    text = `${text.slice(0, -1)} ${(lines[next] ?? '').trim()}`;
  return text;
}

/** The escapes bash reads inside $'…' that the docs use. */
const ANSI_C_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', '\\': '\\', "'": "'", '"': '"' };

/** Splits a command line into words as bash would for plain, '…', "…" and $'…' quoting. */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: "'" | '"' | "$'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] ?? '';
    if (quote === "$'" && char === '\\') {
      const next = text[++i] ?? '';
      word = (word ?? '') + (ANSI_C_ESCAPES[next] ?? `\\${next}`);
    } else if (quote !== undefined) {
      if (char === quote.at(-1)) quote = undefined;
      else word = (word ?? '') + char;
    } else if (char === '$' && text[i + 1] === "'") {
      quote = "$'";
      word ??= '';
      i++;
    } else if (char === "'" || char === '"') {
      quote = char;
      word ??= '';
    } else if (/\s/.test(char)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? '') + char;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/**
 * A synopsis made into one concrete call: `[--role agent|supervisor]` becomes `--role agent`,
 * `ADDRESS ...` becomes `ADDRESS`. Placeholders such as `<agent>` or `N` stay: they are values.
 */
export function concreteArgs(args: readonly string[]): string[] {
  return args
    .filter((word) => word !== '...' && word !== '|')
    .map((word) => word.replace(/^\[|\]$/g, ''))
    .map((word) => (word.startsWith('<') || word.includes('<') ? word : (word.split('|')[0] ?? word)))
    .map((word) => word.replace(/\.\.\.$/, ''))
    .filter((word) => word !== '');
}
