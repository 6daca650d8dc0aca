import { describe, expect, it } from 'vitest';
import { parseAgentCommands } from '../../functions/core/agent-commands.ts';

describe('commands at the top of an agent reply', () => {
  it('reads one command per line and keeps the rest as the answer', () => {
    const parsed = parseAgentCommands(
      '#pending\r\n#priority HIGH\n\nHi Ana,\nwe have shipped it again.\n#not-a-command here',
    );
    expect(parsed.commands).toEqual([{ name: 'pending' }, { name: 'priority', priority: 'high' }]);
    expect(parsed.problems).toEqual([]);
    expect(parsed.body).toBe('Hi Ana,\nwe have shipped it again.\n#not-a-command here');
  });

  it('reads arguments of assign, escalate, bug, cc and note', () => {
    const parsed = parseAgentCommands(
      '#assign tom\n#escalate refund over limit\n#bug checkout times out\n#cc Bob@Customer.test\n#note called her, she is fine',
    );
    expect(parsed.commands).toEqual([
      { name: 'assign', agent: 'tom' },
      { name: 'escalate', reason: 'refund over limit' },
      { name: 'bug', summary: 'checkout times out' },
      { name: 'cc', address: 'bob@customer.test' },
      { name: 'note', text: 'called her, she is fine' },
    ]);
    expect(parsed.body).toBe('');
  });

  it('explains unknown and malformed commands in plain words', () => {
    const parsed = parseAgentCommands('#close\n#priority soon\n#cc not-an-address\n#escalate\n#pending now');
    expect(parsed.commands).toEqual([]);
    expect(parsed.problems).toEqual([
      '#close is not a command I know. Did you mean #solve?',
      '#priority needs one of low, normal, high, urgent; "soon" is not one.',
      '#cc needs one email address; "not-an-address" is not one.',
      '#escalate needs a reason, e.g. "#escalate customer asks for a refund over the limit".',
      '#pending takes nothing after it, but it was followed by "now".',
    ]);
  });

  it('treats a reply without commands as an answer', () => {
    expect(parseAgentCommands('Thanks, I am on it. #1 priority!')).toEqual({
      commands: [],
      problems: [],
      body: 'Thanks, I am on it. #1 priority!',
    });
  });
});
