import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMAND_HELP } from '../../functions/core/agent-commands.ts';
import { parseCommandArgs } from '../../infra/cli/command-line.ts';
import { COMMANDS, runSupport } from '../../infra/cli/main.ts';
import { parseStartOptions } from '../../infra/local/start-options.ts';
import { commandsIn, concreteArgs, type DocCommand } from '../support/markdown-commands.ts';

const REPO_ROOT = new URL('../../', import.meta.url);
const DOC_FILES = [
  'README.md',
  ...readdirSync(new URL('docs/', REPO_ROOT))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const docs = DOC_FILES.map((file) => ({ file, text: readFileSync(new URL(file, REPO_ROOT), 'utf8') }));
const all = (program: string): DocCommand[] => docs.flatMap(({ file, text }) => commandsIn(file, text, program));
const where = (c: DocCommand) => `${c.file}:${c.line}: ${c.text}`;

describe('the command lines in README.md and docs/', () => {
  it('find the commands to check', () => {
    // Assess: a broken extraction would pass every check below by finding nothing.
    expect(all('npm start').length).toBeGreaterThanOrEqual(3);
    expect(all('npx support').length).toBeGreaterThanOrEqual(15);
  });

  it('pass npm start its options after --, as npm needs, and only options it knows', () => {
    // Prepare
    const problems: string[] = [];

    // Act
    for (const command of all('npm start')) {
      const args = concreteArgs(command.args);
      if (args.length === 0) continue;
      if (args[0] !== '--') {
        problems.push(`${where(command)}: npm takes these options itself; write npm start -- ${args.join(' ')}`);
        continue;
      }
      try {
        // npm start's own parser, with no environment: what npm passes on after the --.
        parseStartOptions(args.slice(1), {});
      } catch (error) {
        problems.push(`${where(command)}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }

    // Assess
    expect(problems).toEqual([]);
  });

  it('name support commands that exist, with the options and arguments each takes', async () => {
    // Prepare
    const problems: string[] = [];
    const io = { out: () => undefined, err: (text: string) => void problems.push(text.split('\n')[0] ?? text) };

    // Act
    for (const command of all('npx support')) {
      const args = concreteArgs(command.args);
      const before = problems.length;
      // The real entry point, asked for help: it finds the command and parses its options, and opens no stack.
      if ((await runSupport([...args, '--help'], io)) !== 0) problems.push(`  in ${where(command)}`);
      const found = COMMANDS.find((c) => c.path.join(' ') === args.slice(0, c.path.length).join(' '));
      if (found === undefined || problems.length > before) continue;
      try {
        parseCommandArgs(found, args.slice(found.path.length));
      } catch (error) {
        problems.push(`${where(command)}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }

    // Assess
    expect(problems).toEqual([]);
  });

  it('run only npm scripts package.json has', () => {
    // Prepare
    const scripts = Object.keys(
      (JSON.parse(readFileSync(new URL('package.json', REPO_ROOT), 'utf8')) as { scripts: Record<string, string> })
        .scripts,
    );

    // Act
    const unknown = all('npm run')
      .filter((c) => !scripts.includes(c.args[0] ?? ''))
      .map(where);

    // Assess
    expect(unknown).toEqual([]);
  });
});

describe('the agent guide', () => {
  it('explains every command an agent can write', () => {
    // Prepare
    const guide = readFileSync(new URL('docs/agent-guide.md', REPO_ROOT), 'utf8');
    const names = COMMAND_HELP.split('\n').map((line) => /^(#[a-z]+)/.exec(line)?.[1]);

    // Act
    const missing = names.filter((name) => name === undefined || !guide.includes(`\`${name}`));

    // Assess
    expect(names.length).toBe(17);
    expect(missing).toEqual([]);
  });
});

describe('the links between README.md and docs/', () => {
  it('point at files that exist and headings they have', () => {
    // Prepare: GitHub's anchors: the heading in lower case, punctuation dropped, spaces as dashes.
    const anchorsOf = (text: string) =>
      new Set(
        [...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) =>
          (m[1] ?? '')
            .toLowerCase()
            .replace(/[^\p{L}\p{N} -]/gu, '')
            .replace(/ /g, '-'),
        ),
      );
    const broken: string[] = [];

    // Act
    for (const { file, text } of docs) {
      for (const [, target = ''] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target)) continue;
        const [path = '', anchor] = target.split('#');
        const url = path === '' ? new URL(file, REPO_ROOT) : new URL(path, new URL(file, REPO_ROOT));
        let linked: string;
        try {
          linked = readFileSync(url, 'utf8');
        } catch {
          broken.push(`${file}: ${target} (no such file)`);
          continue;
        }
        if (anchor !== undefined && !anchorsOf(linked).has(anchor)) broken.push(`${file}: ${target} (no such heading)`);
      }
    }

    // Assess
    expect(broken).toEqual([]);
  });
});
