import { join } from 'node:path';
import Handlebars from 'handlebars/runtime';
import type { TemplateData, TemplateName } from '../core/outbound-draft.ts';
import { FALLBACK_LANGUAGE } from '../core/queues.ts';
import { loadPartials, loadTemplate } from './compiled-templates.ts';

export interface RenderedMessage {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

type Compiled = (data: TemplateData) => string;

/** A template could not be compiled or rendered: the file is named, and the cause says why (a missing variable, a missing file). */
export class TemplateRenderError extends Error {
  constructor(
    /** The template file, relative to the templates folder (e.g. `acknowledgement.text.hbs`). */
    readonly file: string,
    options: { cause: unknown },
  ) {
    super(`${file}: ${options.cause instanceof Error ? options.cause.message : String(options.cause)}`, options);
    this.name = 'TemplateRenderError';
  }
}

/**
 * Renders the precompiled templates of a folder (see compiled-templates.ts). HTML parts escape every
 * value; subject and text parts do not (they are not HTML), and the subject is folded to one line
 * so no value can inject a header. Every part is strict: a missing variable is an error instead of
 * a blank in a customer's mail. A template is loaded when first rendered, then kept.
 */
export class TemplateRenderer {
  readonly #templates = new Map<string, Promise<Compiled>>();
  readonly #handlebars = Handlebars.create();

  /** @param directory The folder of precompiled templates (TEMPLATES_DIR); saved answers are read from it too (macro-book.ts). */
  private constructor(readonly directory: string) {}

  /** The renderer of a folder of precompiled templates, with its partials registered. */
  static async load(directory: string): Promise<TemplateRenderer> {
    const renderer = new TemplateRenderer(directory);
    for (const [name, spec] of await loadPartials(join(directory, FALLBACK_LANGUAGE)))
      renderer.#handlebars.registerPartial(name, renderer.#handlebars.template(spec));
    return renderer;
  }

  async render(name: TemplateName, data: TemplateData): Promise<RenderedMessage> {
    const [subject, text, html] = await Promise.all([
      this.#run(`${FALLBACK_LANGUAGE}/${name}.subject.hbs`, data),
      this.#run(`${FALLBACK_LANGUAGE}/${name}.text.hbs`, data),
      this.#run(`${FALLBACK_LANGUAGE}/${name}.html.hbs`, data),
    ]);
    return { subject: subject.replace(/\s+/g, ' ').trim(), text, html };
  }

  async #run(file: string, data: TemplateData): Promise<string> {
    try {
      return (await this.#compiled(file))(data);
    } catch (error) {
      throw new TemplateRenderError(file, { cause: error });
    }
  }

  #compiled(file: string): Promise<Compiled> {
    let template = this.#templates.get(file);
    if (template === undefined) {
      template = loadTemplate(this.directory, file).then((spec) => this.#handlebars.template<TemplateData>(spec));
      this.#templates.set(file, template);
    }
    return template;
  }
}
