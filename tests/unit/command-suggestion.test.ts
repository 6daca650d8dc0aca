import { describe, expect, it } from 'vitest';
import { COMMAND_HELP, parseAgentCommands } from '../../functions/core/agent-commands.ts';
import { commandNamesIn, editDistance, suggestCommand } from '../../functions/core/command-suggestion.ts';

const known = commandNamesIn(COMMAND_HELP);

describe('the command an agent most likely meant', () => {
  it('reads every command the help shows, so a new command is suggested with no list to keep', () => {
    // Prepare / Act: the help text as agents see it.
    // Assess
    expect(known).toEqual(
      expect.arrayContaining(['note', 'pending', 'solve', 'take', 'assign', 'escalate', 'transcript', 'macro']),
    );
  });

  it('maps the words other helpdesks use to ours', () => {
    expect(suggestCommand('close', known)).toBe('solve');
    expect(suggestCommand('resolve', known)).toBe('solve');
    expect(suggestCommand('Comment', known)).toBe('note');
    expect(suggestCommand('reopen', known)).toBe('open');
  });

  it('finds a typo within two edits, and suggests nothing for a word far from every command', () => {
    expect(suggestCommand('sovle', known)).toBe('solve');
    expect(suggestCommand('pendign', known)).toBe('pending');
    expect(suggestCommand('asign', known)).toBe('assign');
    expect(suggestCommand('escalte', known)).toBe('escalate');
    expect(suggestCommand('banana', known)).toBeUndefined();
  });

  it('does not suggest a synonym whose command this team lacks', () => {
    expect(suggestCommand('close', ['note', 'pending'])).toBeUndefined();
  });

  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('solve', 'solve')).toBe(0);
    expect(editDistance('', 'note')).toBe(4);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('sovle', 'solve')).toBe(2);
  });

  it('says both what was wrong and what to write instead in the parsed reply', () => {
    // Act
    const parsed = parseAgentCommands('#close\n#sovle\n#frobnicate\n\nAll done, Ana!');
    // Assess
    expect(parsed.problems).toEqual([
      '#close is not a command I know. Did you mean #solve?',
      '#sovle is not a command I know. Did you mean #solve?',
      '#frobnicate is not a command I know.',
    ]);
    expect(parsed.body).toBe('All done, Ana!');
  });
});
