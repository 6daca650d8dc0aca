import { describe, expect, it } from 'vitest';
import { extractReplyText, stripQuotedText } from '../../functions/mail/reply-text.ts';
import { decodeFlowed, readReplyBodies } from '../../functions/mail/reply-source.ts';

const reply = (text: string): string => stripQuotedText(text).reply;

describe('quoted text below a reply', () => {
  it('cuts an English "On <date>, <name> wrote:" header and the quote under it', () => {
    const text =
      'Thanks, that fixed it.\n\nOn Mon, 2 Apr 2012 at 18:26, Example Support <support@example.com> wrote:\n\n> Please try again.\n> Regards';
    expect(stripQuotedText(text)).toEqual({
      reply: 'Thanks, that fixed it.',
      replyWithSignature: 'Thanks, that fixed it.',
      strippedBy: ['reply-header'],
    });
  });

  it('cuts a header that the client wrapped over two lines', () => {
    expect(
      reply('Done.\n\nOn Mon, Feb 1, 2016 at 6:32 PM, Example Support <support@example.com>\nwrote:\n\n> Did it work?'),
    ).toBe('Done.');
  });

  it('keeps the last line of the reply out of the header under it, even when it starts with a number', () => {
    expect(reply('3pm works for me.\nOn Mon, 2 Apr 2012 at 18:26, Support <support@example.com> wrote:\n> When?')).toBe(
      '3pm works for me.',
    );
  });

  it('cuts a German "schrieb" header, with the name after the verb', () => {
    expect(
      reply(
        'Danke, passt.\n\nAm 21.04.2016 17:48 schrieb "Example Support" <support@example.com>:\n\n> Bitte erneut versuchen.',
      ),
    ).toBe('Danke, passt.');
  });

  it('cuts a Russian "написал" header', () => {
    expect(
      reply(
        'Спасибо!\n\n20 окт. 2016 г. 19:37 пользователь "Поддержка" <support@example.com> написал:\n\n> Попробуйте ещё раз.',
      ),
    ).toBe('Спасибо!');
  });

  it('cuts a Polish "napisał(a)" header', () => {
    expect(
      reply(
        'Dziękuję.\n\nW dniu 23.03.2017 o 21:25 Obsługa <support@example.com> napisał(a):\n\n> Prosimy spróbować ponownie.',
      ),
    ).toBe('Dziękuję.');
  });

  it('cuts a Swedish Outlook block that starts with "Från:"', () => {
    const text =
      'Tack, det fungerar nu.\n\nFrån: Support <support@example.com>\nSkickat: den 3 april 2024 10:00\nTill: Anna <anna@example.se>\nÄmne: Ditt ärende\n\nHar du provat igen?';
    expect(reply(text)).toBe('Tack, det fungerar nu.');
  });

  it('cuts an Outlook From/Sent/To/Subject block, which quotes without ">"', () => {
    const text =
      'Yes, order 4711.\n\n________________________________\nFrom: Example Support <support@example.com>\nSent: Monday, April 2, 2012 5:44 PM\nTo: Ana\nSubject: Your order\n\nWhich order do you mean?';
    expect(stripQuotedText(text)).toEqual({
      reply: 'Yes, order 4711.',
      replyWithSignature: 'Yes, order 4711.',
      strippedBy: ['header-block', 'signature'],
    });
  });

  it('cuts at "-----Original Message-----"', () => {
    const text =
      'Hello\n\n-----Original Message-----\nFrom: support@example.com\nSent: Mon, Apr 2, 2012 5:49 pm\nSubject: Test\n\nHi';
    expect(stripQuotedText(text)).toMatchObject({ reply: 'Hello', strippedBy: ['original-message'] });
  });

  it('drops a trailing ">" quote even without a header', () => {
    expect(reply('Hello\n\n> Subject: Test\n> From: support@example.com\n>\n> Hi')).toBe('Hello');
  });
});

describe('signatures', () => {
  it('drops everything from the "-- " separator down, and keeps it in replyWithSignature', () => {
    const text =
      'See you then.\n\n-- \nAna Example\nExample Ltd.\n\nOn Tue, Apr 3, 2012 at 4:55 PM, Support <support@example.com> wrote:\n\n> When?';
    expect(stripQuotedText(text)).toEqual({
      reply: 'See you then.',
      replyWithSignature: 'See you then.\n\n-- \nAna Example\nExample Ltd.',
      strippedBy: ['reply-header', 'signature'],
    });
  });

  it('drops "Sent from my iPhone" and its translations at the end of the reply', () => {
    expect(
      reply(
        'Works now.\n\nSent from my iPhone\n\nOn Apr 3, 2012, at 4:19 PM, Support <support@example.com> wrote:\n\n> Hi',
      ),
    ).toBe('Works now.');
    expect(reply('Geht wieder.\n\nVon meinem iPhone gesendet')).toBe('Geht wieder.');
    expect(reply('Merci.\n\nEnvoyé de mon iPhone')).toBe('Merci.');
  });

  it('keeps a sentence that only starts like a device signature when text follows it', () => {
    expect(reply('Sent via DHL on Monday, tracking number 123.\n\nThanks, Ana')).toBe(
      'Sent via DHL on Monday, tracking number 123.\n\nThanks, Ana',
    );
  });

  it('drops device lines in languages that put the device last, and keeps the same verb without a device', () => {
    expect(reply("Tamam, teşekkürler.\n\niPhone'umdan gönderildi")).toBe('Tamam, teşekkürler.');
    expect(reply('Köszönöm!\n\nAz iPhone-omról küldve')).toBe('Köszönöm!');
    expect(reply('Fatura dün gönderildi')).toBe('Fatura dün gönderildi');
  });
});

describe('what stays whole', () => {
  it('keeps a reply with no quote at all, line for line', () => {
    const text = 'Hello,\n\nmy order 4711 never arrived.\n    - ordered on 1 May\n    - paid by card\n\nAna';
    expect(stripQuotedText(text)).toEqual({ reply: text, replyWithSignature: text, strippedBy: [] });
  });

  it('keeps answers written between quotes, with the quotes they answer', () => {
    const text =
      'Answers below.\n\nOn Mon, 2 Apr 2012 at 18:26, Example Support <support@example.com> wrote:\n> Which size?\n\nLarge.\n\n> Which colour?\n\nBlue.\n\n> Anything else?';
    expect(reply(text)).toBe('Answers below.\n\n> Which size?\n\nLarge.\n\n> Which colour?\n\nBlue.');
  });

  it('keeps a short line of the reply out of a wrapped intro in words it does not know', () => {
    // Prepare: a phone number right above an Indonesian Gmail intro that the client wrapped
    const text =
      'Call me at 0171 5551234\nPada tanggal Sel, 3 Jun 2025 pukul 16.20 Example Support <\nsupport@example.com> menulis:\n\n> Please call us.';

    // Act and Assess
    expect(reply(text)).toBe('Call me at 0171 5551234');
  });

  it('keeps a long dated line of the reply out of a known header right under it', () => {
    expect(
      reply(
        'I ordered 3 items on Monday and only got 2 of them so far\nOn Mon, 2 Apr 2012 at 18:26, Support <support@example.com> wrote:\n> When?',
      ),
    ).toBe('I ordered 3 items on Monday and only got 2 of them so far');
  });

  it('keeps "Something wrote:", and a colon line above a quote that names no sender in brackets', () => {
    expect(reply('Something wrote:\nHello there.')).toBe('Something wrote:\nHello there.');
    expect(reply('The error at 10:15 says:\n> disk full\nWhat now?')).toBe(
      'The error at 10:15 says:\n> disk full\nWhat now?',
    );
    expect(reply('Here is what noreply@bank.example sent me:\n> Account locked\nWhat now?')).toBe(
      'Here is what noreply@bank.example sent me:\n> Account locked\nWhat now?',
    );
  });

  it('keeps "I wrote:" in a sentence, which names no date or address', () => {
    expect(reply('Figured it out, I wrote one of my own:\n\n  run --fast')).toBe(
      'Figured it out, I wrote one of my own:\n\n  run --fast',
    );
  });

  it('keeps a reply written under the quote (bottom-posting)', () => {
    expect(reply('On 04/02/2012 06:26 PM, Support wrote:\n> Hi\nHello')).toBe('Hello');
  });

  it('keeps lines inside a code fence even when they look like separators', () => {
    expect(reply('Config:\n```\n####\nkey = 1\n```\nThat is all.')).toBe(
      'Config:\n```\n####\nkey = 1\n```\nThat is all.',
    );
  });
});

describe('nothing new', () => {
  it('gives "" for a mail that only quotes an earlier conversation', () => {
    expect(
      stripQuotedText('> On Thu, Apr 30, 2020 at 10:07 AM, Support <support@example.com> wrote:\n>\n> Hello'),
    ).toMatchObject({ reply: '', strippedBy: ['quote'] });
  });

  it('gives "" for an empty or missing body', () => {
    expect(extractReplyText({})).toEqual({
      reply: '',
      replyWithSignature: '',
      full: '',
      source: 'none',
      strippedBy: [],
    });
    expect(extractReplyText({ text: ' \n\n ' }).reply).toBe('');
  });
});

describe('HTML-only mail', () => {
  it('reads blockquotes as ">" quotes and cuts the Gmail header above them', () => {
    const html =
      '<div dir="ltr">Hi. I am fine.<div><br></div><div>Thanks,</div><div>Alex</div></div><div class="gmail_quote">On Thu, Jun 26, 2014 at 2:14 PM, Support &lt;<a href="mailto:support@example.com">support@example.com</a>&gt; wrote:<br><blockquote class="gmail_quote">Hello! How are you?</blockquote></div>';
    const result = extractReplyText({ html });
    expect(result).toMatchObject({ reply: 'Hi. I am fine.\n\nThanks,\nAlex', source: 'html' });
    expect(result.full).toContain('> Hello! How are you?');
  });

  it('prefers the text part when both are present, and keeps it whole in full', () => {
    const text = 'Plain reply\n\nOn Mon, 2 Apr 2012 at 18:26, Support <support@example.com> wrote:\n> q';
    expect(extractReplyText({ text, html: '<p>HTML reply</p>' })).toMatchObject({
      reply: 'Plain reply',
      full: text,
      source: 'text',
    });
  });
});

describe('format=flowed', () => {
  it('does not glue a quoted line to the reply under it (RFC 3676 joins only equal quote depths)', () => {
    expect(decodeFlowed('On 04/02/2012 06:26 PM, Support wrote:\n> Hi \nHello', false)).toBe(
      'On 04/02/2012 06:26 PM, Support wrote:\n> Hi\nHello',
    );
    expect(decodeFlowed('This is one \nsentence.\n-- \nAna', false)).toBe('This is one sentence.\n-- \nAna');
    expect(decodeFlowed('Split wo \nrd', true)).toBe('Split word');
  });

  it('reads a flowed message from its raw bytes, so the stripper finds the reply', async () => {
    const raw = Buffer.from(
      'From: Ana <ana@customer.test>\r\nSubject: Re: Test\r\nContent-Type: text/plain; charset="us-ascii"; format="flowed"\r\n\r\nOn 04/02/2012 06:26 PM, Support wrote:\r\n> Hi \r\nHello\r\n',
    );
    const bodies = await readReplyBodies(raw);
    expect(extractReplyText(bodies).reply).toBe('Hello');
  });

  it('reads a message that starts with a blank line, and a multipart body without boundaries', async () => {
    const raw = Buffer.from(
      '\nFrom: Ana <ana@customer.test>\nSubject: Re: Test\nContent-Type: multipart/alternative; boundary=abc\n\nYes please.\n\nOn Mon, 2 Apr 2012 at 18:26, Support <support@example.com> wrote:\n\n> Shall we?\n',
    );
    expect(extractReplyText(await readReplyBodies(raw)).reply).toBe('Yes please.');
  });
});
