import { describe, expect, it } from 'vitest';
import {
  detectAutomaticMail,
  isNoReplyAddress,
  type AutomaticMailSignals,
} from '../../functions/core/automatic-mail.ts';

const person: AutomaticMailSignals = { envelopeSender: 'ana@customer.test', fromAddress: 'ana@customer.test' };

describe('telling automatic mail from mail a person wrote (RFC 3834)', () => {
  it('treats plain mail from a person as personal', () => {
    expect(detectAutomaticMail(person)).toBeUndefined();
  });

  it('treats Auto-Submitted: no (any case, with parameters) as personal', () => {
    expect(detectAutomaticMail({ ...person, autoSubmitted: 'No' })).toBeUndefined();
    expect(detectAutomaticMail({ ...person, autoSubmitted: 'no; owner=ana' })).toBeUndefined();
  });

  it.each(['auto-replied', 'auto-generated', 'auto-notified', 'Auto-Replied (vacation)'])(
    'treats Auto-Submitted: %s as automatic',
    (value) => {
      expect(detectAutomaticMail({ ...person, autoSubmitted: value })).toBe('auto-submitted');
    },
  );

  it.each(['bulk', 'junk', 'list', 'BULK'])('treats Precedence: %s as automatic', (value) => {
    expect(detectAutomaticMail({ ...person, precedence: value })).toBe('precedence');
  });

  it('leaves Precedence: first-class alone', () => {
    expect(detectAutomaticMail({ ...person, precedence: 'first-class' })).toBeUndefined();
  });

  it('recognises X-Autoreply, X-Autorespond and List-Id', () => {
    expect(detectAutomaticMail({ ...person, xAutoreply: 'yes' })).toBe('autoreply-header');
    expect(detectAutomaticMail({ ...person, xAutorespond: '1' })).toBe('autoreply-header');
    expect(detectAutomaticMail({ ...person, listId: '<users.lists.example.org>' })).toBe('mailing-list');
  });

  it('treats an empty return path as a bounce', () => {
    expect(detectAutomaticMail({ ...person, envelopeSender: '' })).toBe('null-sender');
    expect(detectAutomaticMail({ ...person, envelopeSender: '<>' })).toBe('null-sender');
  });

  it('recognises mailer-daemon and postmaster senders in the envelope or From', () => {
    expect(detectAutomaticMail({ envelopeSender: 'MAILER-DAEMON@mx.example.org' })).toBe('mailer-daemon');
    expect(detectAutomaticMail({ envelopeSender: 'bounces@example.org', fromAddress: 'postmaster@example.org' })).toBe(
      'mailer-daemon',
    );
  });

  it('recognises a bare MAILER-DAEMON From that has no address', () => {
    expect(detectAutomaticMail({ envelopeSender: 'x@y.test', fromText: 'MAILER-DAEMON <>' })).toBe('mailer-daemon');
    expect(detectAutomaticMail({ envelopeSender: 'x@y.test', fromText: 'Ana Postmasterson <>' })).toBeUndefined();
  });

  it('treats mail from post_master@ as automatic', () => {
    expect(detectAutomaticMail({ envelopeSender: 'x@y.test', fromAddress: 'post_master@carrier.test' })).toBe(
      'mailer-daemon',
    );
  });

  it.each([
    'no-reply@sns.amazonaws.com',
    'noreply@bank.test',
    'do-not-reply@shop.test',
    'donotreply+x@shop.test',
    'No.Reply@shop.test',
  ])('does not call mail from %s automatic for its address alone, but knows it takes no replies', (address) => {
    expect(detectAutomaticMail({ envelopeSender: 'x@y.test', fromAddress: address })).toBeUndefined();
    expect(isNoReplyAddress(address)).toBe(true);
  });

  it('holds no-reply mail that also carries an automatic header for that header', () => {
    expect(
      detectAutomaticMail({
        envelopeSender: 'x@y.test',
        fromAddress: 'noreply@shop.test',
        autoSubmitted: 'auto-generated',
      }),
    ).toBe('auto-submitted');
    expect(
      detectAutomaticMail({ envelopeSender: 'x@y.test', fromAddress: 'noreply@shop.test', precedence: 'bulk' }),
    ).toBe('precedence');
    expect(
      detectAutomaticMail({ envelopeSender: 'x@y.test', fromAddress: 'noreply@shop.test', listId: '<news.shop.test>' }),
    ).toBe('mailing-list');
  });

  it.each(['ana@customer.test', 'replyall@shop.test', 'noreplyguy@shop.test', undefined])(
    'takes %s for an address that takes replies',
    (address) => {
      expect(isNoReplyAddress(address)).toBe(false);
    },
  );

  it('treats an Amazon SNS notification mailed from no-reply@sns.amazonaws.com as automatic', () => {
    expect(
      detectAutomaticMail({
        envelopeSender: 'x@us-west-2.amazonses.com',
        fromAddress: 'no-reply@sns.amazonaws.com',
        snsMessageId: 'ad6bdf42-f483-5bae-bf50-8fc1aad3f981',
      }),
    ).toBe('sns-notification');
  });

  it('names delivery and feedback reports before anything else', () => {
    expect(detectAutomaticMail({ ...person, envelopeSender: '', reportType: 'delivery-status' })).toBe(
      'delivery-report',
    );
    expect(detectAutomaticMail({ ...person, reportType: 'feedback-report' })).toBe('feedback-report');
  });
});
