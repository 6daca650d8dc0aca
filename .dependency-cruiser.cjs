/**
 * The layering rules the code keeps (issue 17), checked by `npm test` and so by CI:
 * - functions/core is the pure core: it imports only itself and Node's built-ins;
 * - functions (what runs on Lambda) never imports deploy code, the bench or the tests;
 * - adapters do I/O only: they read no environment and call no handler, planner or outbox;
 * - nothing imports in a circle.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'functions/core decides; it reads no SDK, adapter, mail library or environment. Give it plain data instead.',
      severity: 'error',
      from: { path: '^functions/core/' },
      to: { pathNot: ['^functions/core/'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'runtime-not-deploy',
      comment: 'Runtime code must not import infra/, bench/ or tests/: names and key shapes it needs live in functions/, and infra imports them from there.',
      severity: 'error',
      from: { path: '^functions/' },
      to: { path: '^(infra|bench|tests)/' },
    },
    {
      name: 'adapters-do-io-only',
      comment: 'An adapter reads and writes what it is told to; settings come to it as values, and it never calls back into a function, the outbox or the mail composer.',
      severity: 'error',
      from: { path: '^functions/adapters/' },
      to: { path: '^functions/(inbound|alerts|survey|suppression|outbox|mail)/|^functions/config/(?!(resources|team-schema|zod-mini)\\.ts$)' },
    },
    {
      name: 'no-circular',
      comment: 'Two modules that need each other are one concept split wrongly, or a shared piece that wants its own module.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|cdk\\.out|\\.local)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.mjs', '.js', '.json'] },
  },
};
