import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';

/** What a mail of the fault bench is meant to be; its invariants follow from it. */
export type FaultMailKind = 'new-case' | 'customer-reply' | 'agent-answer' | 'agent-solve';

export interface FaultMail {
  readonly kind: FaultMailKind;
  /** Envelope sender; an agent's answer is sent logged in, as the agents' SMTP login does. */
  readonly from: string;
  readonly agent: boolean;
  /** The customer whose case it is: an acknowledgement or an answer goes to them. */
  readonly customer: string;
  readonly raw: Buffer;
}

/** A case replies and answers join: its customer, number and the acknowledgement's Message-ID. */
export interface FaultThread {
  readonly customer: string;
  readonly caseNumber: number;
  readonly ackMessageId: string;
}

export function newCaseMail(runId: string, index: number, supportAddress: string): Promise<FaultMail> {
  const customer = `${runId}-${index}@customer.test`;
  return composed('new-case', customer, customer, false, {
    from: `Customer ${index} <${customer}>`,
    to: supportAddress,
    subject: `Order ${5000 + index}: the parcel never arrived`,
    messageId: `<${runId}.${index}@customer.test>`,
    text: 'Hello,\n\nmy parcel has said "in transit" for ten days. Where is it?\n\nThanks',
  });
}

export function customerReply(runId: string, thread: FaultThread, supportAddress: string): Promise<FaultMail> {
  return composed('customer-reply', thread.customer, thread.customer, false, {
    from: thread.customer,
    to: supportAddress,
    subject: `Re: [Case #${thread.caseNumber}] the parcel never arrived`,
    messageId: `<${runId}.${thread.caseNumber}.reply@customer.test>`,
    inReplyTo: thread.ackMessageId,
    references: [thread.ackMessageId],
    text: 'The tracking number is 00340434161234567890; I am home all week.',
  });
}

/** An agent's answer with a command: `#pending` (an answer) or `#solve` (the closing mail with its survey). */
export function agentAnswer(
  runId: string,
  thread: FaultThread,
  addresses: { readonly supportAddress: string; readonly agentAddress: string },
  command: 'pending' | 'solve',
): Promise<FaultMail> {
  const kind = command === 'solve' ? 'agent-solve' : 'agent-answer';
  return composed(kind, addresses.agentAddress, thread.customer, true, {
    from: `Maria Lopez <${addresses.agentAddress}>`,
    to: addresses.supportAddress,
    subject: `Re: [Case #${thread.caseNumber}] the parcel never arrived`,
    messageId: `<${runId}.${thread.caseNumber}.${command}@staff.example.com>`,
    inReplyTo: thread.ackMessageId,
    references: [thread.ackMessageId],
    text: `#${command}\n\nHello,\n\nthe carrier lost it; a replacement left today and arrives on Friday.\n\nMaria`,
  });
}

async function composed(
  kind: FaultMailKind,
  from: string,
  customer: string,
  agent: boolean,
  message: Mail.Options,
): Promise<FaultMail> {
  const raw = await new MailComposer({ ...message, date: new Date() }).compile().build();
  return { kind, from, agent, customer, raw };
}
