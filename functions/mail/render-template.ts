import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import type { TemplateData, TemplateName } from '../core/outbound-draft.ts';

export interface RenderedMessage {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

type Compiled = (data: TemplateData) => string;

/**
 * Renders the handlebars templates in one folder. HTML parts escape every value; subject and text
 * parts do not (they are not HTML), and the subject is folded to one line so no value can inject a
 * header. `strict` makes a missing variable an error instead of a blank in a customer's mail.
 */
export class TemplateRenderer {
  readonly #cache = new Map<string, Compiled>();

  constructor(private readonly directory: string) {}

  render(name: TemplateName, data: TemplateData): RenderedMessage {
    return {
      subject: this.#compiled(`${name}.subject.hbs`, false)(data).replace(/\s+/g, ' ').trim(),
      text: this.#compiled(`${name}.text.hbs`, false)(data),
      html: this.#compiled(`${name}.html.hbs`, true)(data),
    };
  }

  #compiled(file: string, escapeHtml: boolean): Compiled {
    let template = this.#cache.get(file);
    if (template === undefined) {
      const source = readFileSync(join(this.directory, file), 'utf8');
      template = Handlebars.compile<TemplateData>(source, { strict: true, noEscape: !escapeHtml });
      this.#cache.set(file, template);
    }
    return template;
  }
}
