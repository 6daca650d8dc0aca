import { join } from 'node:path';
import Handlebars from 'handlebars/runtime';
import type { TemplateData, TemplateName } from '../core/outbound-draft.ts';
import { loadPartials, loadTemplate } from './compiled-templates.ts';
import { resolveTemplate, templateFolders, type TemplateChoice } from './template-folders.ts';

export interface RenderedMessage {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** The language the text was found in (`de`; `en` for a file German lacks): the message's Content-Language. */
  readonly language?: string;
}

type Compiled = (data: TemplateData) => string;

interface CompiledFile {
  /** Relative to the templates folder: `de/acknowledgement.text.hbs`. */
  readonly path: string;
  readonly template: Promise<Compiled>;
}

/** A template could not be compiled or rendered: the file is named, and the cause says why (a missing variable, a missing file). */
export class TemplateRenderError extends Error {
  constructor(
    /** The template file, relative to the templates folder (e.g. `en/acknowledgement.text.hbs`). */
    readonly file: string,
    options: { cause: unknown },
  ) {
    super(`${file}: ${options.cause instanceof Error ? options.cause.message : String(options.cause)}`, options);
    this.name = 'TemplateRenderError';
  }
}

/** One lookup order's templates: a Handlebars environment with its partials, and each file as first rendered. */
interface TemplateSet {
  readonly handlebars: typeof Handlebars;
  /** By file name (`acknowledgement.text.hbs`): where it was found, and its template. */
  readonly compiled: Map<string, CompiledFile>;
  readonly folders: readonly string[];
}

/**
 * Renders the precompiled templates of a folder (see compiled-templates.ts) in a language and for a
 * queue, each file looked up in the order templateFolders gives (a German case's mail takes any file
 * German lacks from English). HTML parts escape every value; subject and text parts do not (they are
 * not HTML), and the subject is folded to one line so no value can inject a header. Every part is
 * strict: a missing variable is an error instead of a blank in a customer's mail. A template is
 * loaded when first rendered, then kept.
 */
export class TemplateRenderer {
  /** By lookup order (templateFolders joined): few, one per language and queue folder in use. */
  readonly #sets = new Map<string, Promise<TemplateSet>>();

  /** @param directory The folder of precompiled templates (TEMPLATES_DIR); saved answers are read from it too (macro-book.ts). */
  private constructor(readonly directory: string) {}

  /** The renderer of a folder of precompiled templates, with the English partials registered. */
  static async load(directory: string): Promise<TemplateRenderer> {
    const renderer = new TemplateRenderer(directory);
    await renderer.#set(templateFolders());
    return renderer;
  }

  /** A message's subject, text and HTML, in `choice`'s language and queue folder (English and shared when absent). */
  async render(name: TemplateName, data: TemplateData, choice: TemplateChoice = {}): Promise<RenderedMessage> {
    const set = await this.#set(templateFolders(choice));
    const [subject, text, html] = await Promise.all([
      this.#run(set, `${name}.subject.hbs`, data),
      this.#run(set, `${name}.text.hbs`, data),
      this.#run(set, `${name}.html.hbs`, data),
    ]);
    const language = this.#compiled(set, `${name}.text.hbs`).path.split('/').at(-2);
    return {
      subject: subject.replace(/\s+/g, ' ').trim(),
      text,
      html,
      ...(language === undefined ? {} : { language }),
    };
  }

  async #run(set: TemplateSet, file: string, data: TemplateData): Promise<string> {
    const { path, template } = this.#compiled(set, file);
    try {
      return (await template)(data);
    } catch (error) {
      throw new TemplateRenderError(path, { cause: error });
    }
  }

  /** The file as this lookup order finds it: looked up (a few stat calls) and loaded once. */
  #compiled(set: TemplateSet, file: string): CompiledFile {
    let found = set.compiled.get(file);
    if (found === undefined) {
      const path = resolveTemplate(this.directory, set.folders, file);
      found = { path, template: loadTemplate(this.directory, path).then((spec) => set.handlebars.template(spec)) };
      set.compiled.set(file, found);
    }
    return found;
  }

  #set(folders: readonly string[]): Promise<TemplateSet> {
    const key = folders.join('|');
    let set = this.#sets.get(key);
    if (set === undefined) {
      set = this.#partials(folders);
      this.#sets.set(key, set);
    }
    return set;
  }

  /** Partials are looked up per name like files: registered from the last folder to the first, the first one's win. */
  async #partials(folders: readonly string[]): Promise<TemplateSet> {
    const handlebars = Handlebars.create();
    for (const folder of [...folders].reverse())
      for (const [name, spec] of await loadPartials(join(this.directory, folder)))
        handlebars.registerPartial(name, handlebars.template(spec));
    return { handlebars, compiled: new Map(), folders };
  }
}
