import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Handlebars from 'handlebars/runtime';
import { describe, expect, it } from 'vitest';
import { loadPartials, loadTemplate } from '../../functions/mail/compiled-templates.ts';
import { TemplateRenderError } from '../../functions/mail/render-template.ts';
import { compileTemplates } from '../../infra/templates/compile-templates.ts';

async function sources(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mailcase-sources-'));
  await mkdir(join(dir, 'partials'));
  for (const [file, text] of Object.entries(files)) await writeFile(join(dir, file), text);
  return dir;
}

describe('templates compiled at build time', () => {
  it('escapes values in HTML parts and partials only, and makes a missing variable an error', async () => {
    // Prepare
    const dir = await sources({
      'note.html.hbs': '<p>{{name}}</p>{{> sig-html}}',
      'note.text.hbs': 'Hi {{name}}',
      'note.subject.hbs': '{{name}}',
      'partials/sig-html.hbs': '<i>{{name}}</i>',
    });
    const out = join(dir, '..', `${dir.split('/').at(-1)}-compiled`);

    // Act
    const files = await compileTemplates(dir, out);
    const runtime = Handlebars.create();
    for (const [name, spec] of await loadPartials(out)) runtime.registerPartial(name, runtime.template(spec));
    const render = async (file: string, data: object) => runtime.template(await loadTemplate(out, file))(data);

    // Assess
    expect(files).toEqual(['note.html.hbs', 'note.subject.hbs', 'note.text.hbs', 'partials/sig-html.hbs']);
    expect(await render('note.html.hbs', { name: '<b>Ana</b>' })).toBe(
      '<p>&lt;b&gt;Ana&lt;/b&gt;</p><i>&lt;b&gt;Ana&lt;/b&gt;</i>',
    );
    expect(await render('note.text.hbs', { name: '<b>Ana</b>' })).toBe('Hi <b>Ana</b>');
    await expect(render('note.subject.hbs', {})).rejects.toThrow(/"name" not defined/);
  });

  it('names a file that does not compile and writes nothing; never replaces the folder holding the sources', async () => {
    // Prepare
    const dir = await sources({ 'good.text.hbs': 'fine', 'bad.text.hbs': '{{#if x}}unclosed' });
    const out = join(dir, '..', `${dir.split('/').at(-1)}-compiled`);

    // Act
    const failure = await compileTemplates(dir, out).catch((error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(TemplateRenderError);
    expect((failure as TemplateRenderError).file).toBe('bad.text.hbs');
    await expect(readdir(out)).rejects.toThrow(/ENOENT/);
    await expect(compileTemplates(dir, dir)).rejects.toThrow(/cannot replace/);
    await expect(compileTemplates(dir, join(dir, '..'))).rejects.toThrow(/cannot replace/);
    expect((await readdir(dir)).sort()).toEqual(['bad.text.hbs', 'good.text.hbs', 'partials']);
  });
});
