import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { composeMessage } from '../../functions/mail/compose-message.ts';
import { TemplateRenderer } from '../../functions/mail/render-template.ts';
import { repoTemplatesDir } from '../support/repo-templates.ts';

const renderer = await TemplateRenderer.load(await repoTemplatesDir());
const data = {
  greetingName: '<b>Ana</b>',
  caseNumber: 1001,
  caseTag: '[Case #1001]',
  subject: 'Help <script>alert(1)</script> & more',
  firstResponse: '4 hours',
  supportName: 'Example Support',
};

describe('rendering and composing what we send', () => {
  it('escapes mail content in the HTML part and leaves the text part as written', async () => {
    const rendered = await renderer.render('acknowledgement', data);
    expect(rendered.html).toContain('Help &lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
    expect(rendered.html).toContain('Hi &lt;b&gt;Ana&lt;/b&gt;,');
    expect(rendered.html).not.toContain('<script>');
    expect(rendered.text).toContain('Hi <b>Ana</b>,');
    expect(rendered.subject).toBe('[Case #1001] Help <script>alert(1)</script> & more');
  });

  it('fails loudly on a missing template variable rather than sending a blank', async () => {
    const { supportName: _omitted, ...incomplete } = data;
    await expect(renderer.render('acknowledgement', incomplete)).rejects.toThrow(/supportName/);
  });

  it('composes multipart/alternative with threading and RFC 3834 headers, and no header injection', async () => {
    const raw = await composeMessage({
      from: { name: 'Example Support', address: 'support@example.test' },
      to: [{ name: 'Ana\r\nBcc: victim@evil.test', address: 'ana@customer.test' }],
      content: { subject: 'Hi\r\nBcc: victim@evil.test', text: 'plain', html: '<p>html</p>' },
      inReplyTo: '<m1@customer.test>',
      references: ['<m0@customer.test>', '<m1@customer.test>'],
      automatic: true,
      date: new Date('2026-11-22T08:00:00Z'),
    });
    const head = raw.toString('latin1').split('\r\n\r\n')[0] ?? '';
    expect(head).not.toMatch(/^Bcc:/im);
    const mail = await simpleParser(raw);
    expect(mail.headers.get('auto-submitted')).toBe('auto-replied');
    expect(mail.headers.get('x-auto-response-suppress')).toBe('All');
    expect(mail.inReplyTo).toBe('<m1@customer.test>');
    expect(mail.references).toEqual(['<m0@customer.test>', '<m1@customer.test>']);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value.map((a) => a.address) : []).toEqual([
      'ana@customer.test',
    ]);
    expect(mail.text?.trim()).toBe('plain');
    expect(mail.html).toContain('<p>html</p>');
    expect(mail.messageId).toMatch(/@example\.test>$/);
  });

  it('leaves a message a person wrote unmarked', async () => {
    const raw = await composeMessage({
      from: { address: 'support@example.test' },
      to: [{ address: 'ana@customer.test' }],
      content: { subject: 's', text: 't', html: '<p>t</p>' },
      references: [],
      automatic: false,
      date: new Date(),
    });
    expect(raw.toString()).not.toMatch(/Auto-Submitted/i);
  });
});
