import { describe, expect, it } from 'vitest';
import { parseAgentCommands } from '../../functions/core/agent-commands.ts';
import { planAgentReply, type AgentReplyInput } from '../../functions/core/agent-reply.ts';
import { answerWithMacros, firstName, type MacroBook } from '../../functions/core/macros.ts';
import { sampleCase, sampleReply } from '../support/sample-case.ts';

/** A book of two saved answers, rendered the way a template would be. */
const book: MacroBook = {
  names: ['need-more-details', 'password-reset'],
  render: (name, v) =>
    name === 'password-reset'
      ? `Hi ${v.customerFirstName}, reset it from the sign-in page. Case #${v.caseNumber}, ${v.agentName} (${v.agentId}).`
      : name === 'need-more-details'
        ? `Hi ${v.customerFirstName}, could you send a screenshot?`
        : undefined,
};
const base = sampleCase({
  subject: 'Cannot sign in',
  requester: { address: 'ana@customer.test', name: 'Ana Souza' },
});
const input = (written: string, macros: MacroBook | undefined = book): AgentReplyInput =>
  sampleReply(base, written, { written, ...(macros === undefined ? {} : { macros }) });

describe('saved answers (#macro)', () => {
  it("puts the saved answer after the agent's own words, with the customer's first name, the case and the agent filled in", () => {
    // Act
    const plan = planAgentReply(input('#macro password-reset\n\nSorry for the trouble!'));
    // Assess
    expect(plan.problems).toEqual([]);
    expect(plan.drafts.reply?.data.answer).toBe(
      'Sorry for the trouble!\n\nHi Ana, reset it from the sign-in page. Case #1001, Maria Lopez (A-101).',
    );
    expect(plan.drafts.reply?.words).toBe(plan.drafts.reply?.data.answer);
    expect(plan.supportCase.recent.at(-1)).toMatchObject({
      kind: 'agent-reply',
      snippet: expect.stringContaining('Sorry'),
    });
  });

  it('is the whole answer when the agent wrote nothing else, and two saved answers follow in the order named', () => {
    expect(planAgentReply(input('#macro need-more-details')).drafts.reply?.data.answer).toBe(
      'Hi Ana, could you send a screenshot?',
    );
    expect(planAgentReply(input('#macro need-more-details\n#macro password-reset')).drafts.reply?.data.answer).toMatch(
      /^Hi Ana, could you send a screenshot\?\n\nHi Ana, reset it/,
    );
  });

  it('is a command error when no saved answer has the name: nothing is sent, and the agent learns which exist', () => {
    // Act
    const plan = planAgentReply(input('#macro refund\n\nHello Ana'));
    // Assess
    expect(Object.keys(plan.drafts)).toEqual(['explanation']);
    expect(plan.problems).toEqual([
      '#macro refund: there is no saved answer of that name. Saved answers: need-more-details, password-reset.',
    ]);
    expect(plan.drafts.explanation?.data.unsent).toBe('#macro refund\n\nHello Ana');
  });

  it('is a command error beside #note, which would keep it from the customer', () => {
    expect(planAgentReply(input('#note\n#macro password-reset')).problems).toEqual([
      expect.stringMatching(/^#macro adds a saved answer for the customer, and #note keeps/),
    ]);
  });

  it('refuses a name that could leave the macros folder', () => {
    expect(parseAgentCommands('#macro ../secrets').problems).toEqual([
      '#macro needs the name of a saved answer, e.g. "#macro password-reset"; "../secrets" is not one.',
    ]);
  });

  it('greets by the first name as people write it, and "there" when the case knows none', () => {
    expect(firstName('Ana Souza')).toBe('Ana');
    expect(firstName('Souza, Ana')).toBe('Ana');
    expect(firstName('"Ana"')).toBe('Ana');
    expect(firstName('ana@customer.test')).toBe('there');
    expect(firstName(undefined)).toBe('there');
  });

  it('leaves out a saved answer the book cannot render', () => {
    const vars = { customerFirstName: 'Ana', caseNumber: 1, agentName: 'M', agentId: 'A' };
    expect(answerWithMacros('Hello', ['missing'], book, vars)).toBe('Hello');
  });
});
