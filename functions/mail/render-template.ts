import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import type { TemplateData, TemplateName } from '../core/outbound-draft.ts';

export interface RenderedMessage {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

type Compiled = (data: TemplateData) => string;

/** A template could not be rendered: the file is named, and the cause says why (a missing variable, a missing file). */
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

/** Sections several messages share live in `partials/`: `<name>-text.hbs` and `<name>-html.hbs`. */
const PARTIALS_DIR = 'partials';

/**
 * Renders the handlebars templates in one folder. HTML parts escape every value; subject and text
 * parts do not (they are not HTML), and the subject is folded to one line so no value can inject a
 * header. `strict` makes a missing variable an error instead of a blank in a customer's mail.
 */
export class TemplateRenderer {
  readonly #cache = new Map<string, Compiled>();
  readonly #handlebars = Handlebars.create();

  constructor(private readonly directory: string) {
    const partials = join(directory, PARTIALS_DIR);
    if (!existsSync(partials)) return;
    for (const file of readdirSync(partials).filter((f) => f.endsWith('.hbs'))) {
      const name = file.slice(0, -'.hbs'.length);
      // Compiled here, not on first use, so a text partial can never inherit an HTML part's escaping or the reverse.
      this.#handlebars.registerPartial(name, this.#handlebars.compile(readFileSync(join(partials, file), 'utf8'), { strict: true, noEscape: !name.endsWith('-html') }));
    }
  }

  render(name: TemplateName, data: TemplateData): RenderedMessage {
    return {
      subject: this.#run(`${name}.subject.hbs`, false, data).replace(/\s+/g, ' ').trim(),
      text: this.#run(`${name}.text.hbs`, false, data),
      html: this.#run(`${name}.html.hbs`, true, data),
    };
  }

  #run(file: string, escapeHtml: boolean, data: TemplateData): string {
    try {
      return this.#compiled(file, escapeHtml)(data);
    } catch (error) {
      throw new TemplateRenderError(file, { cause: error });
    }
  }

  #compiled(file: string, escapeHtml: boolean): Compiled {
    let template = this.#cache.get(file);
    if (template === undefined) {
      const source = readFileSync(join(this.directory, file), 'utf8');
      template = this.#handlebars.compile<TemplateData>(source, { strict: true, noEscape: !escapeHtml });
      this.#cache.set(file, template);
    }
    return template;
  }
}
