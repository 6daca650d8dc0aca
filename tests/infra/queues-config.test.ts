import { describe, expect, it } from 'vitest';
import { DEFAULT_BUSINESS_HOURS } from '../../functions/core/business-hours.ts';
import { DEFAULT_SLA_POLICY } from '../../functions/core/sla-clock.ts';
import { parseSupportConfig } from '../../infra/config.ts';
import { supportQueues } from '../../infra/queue-environment.ts';
import { receivingDomains } from '../../infra/queue-rules.ts';
import { BILLING_QUEUE, BRAND_QUEUE, refusalOf, TWO_QUEUE_CONTEXT } from './queue-fixture.ts';
import { TEST_SUPPORT_CONTEXT } from './support-stack-fixture.ts';

const problemsWith = (queues: unknown[], top: Record<string, unknown> = {}) =>
  refusalOf(() => parseSupportConfig({ ...TEST_SUPPORT_CONTEXT, ...top, queues }));

describe('queues in the support configuration', () => {
  it('a configuration without queues has none, and receives at its one domain', () => {
    // Act
    const config = parseSupportConfig(TEST_SUPPORT_CONTEXT);

    // Assess
    expect(config.queues).toEqual([]);
    expect(receivingDomains(config)).toEqual(['help.example.com']);
  });

  it("fills each queue's calendar, targets, engineering address and language from the default queue", () => {
    // Act
    const [billing, brand] = supportQueues(parseSupportConfig(TWO_QUEUE_CONTEXT));

    // Assess
    expect(billing).toEqual({
      id: 'billing',
      address: 'billing@help.example.com',
      displayName: 'Example Billing',
      team: {
        agents: BILLING_QUEUE.agents,
        teamAddress: BILLING_QUEUE.teamAddress,
        engineeringAddress: TEST_SUPPORT_CONTEXT.engineeringAddress,
      },
      businessHours: DEFAULT_BUSINESS_HOURS,
      slaPolicy: DEFAULT_SLA_POLICY,
      language: 'en',
    });
    expect(brand).toMatchObject({
      address: 'hallo@kunden.example.de',
      team: { engineeringAddress: 'eng-de@staff.example.org' },
      businessHours: { timeZone: 'Europe/Berlin', weekly: { mon: ['08:00-16:00'] }, holidays: [] },
      slaPolicy: DEFAULT_SLA_POLICY,
      language: 'de',
      signature: 'Ihr Beispiel-Team\nhttps://kunden.example.de',
    });
  });

  it('receives at the support domain and at every domain a queue address is on, each once', () => {
    // Act
    const domains = receivingDomains(parseSupportConfig(TWO_QUEUE_CONTEXT));

    // Assess
    expect(domains).toEqual(['help.example.com', 'kunden.example.de']);
  });

  it('names the queue and the rule when a queue has no supervisor', () => {
    // Prepare
    const agents = [{ name: 'Bea Kim', email: 'bea@staff.example.org', agentId: 'B-1', role: 'agent' }];

    // Act
    const message = problemsWith([BILLING_QUEUE, { ...BRAND_QUEUE, agents }]);

    // Assess
    expect(message).toContain(
      'support.queues[1] (brand): configure at least one agent with role "supervisor": escalations and breaches need someone on duty',
    );
  });

  it('names the queue when it has no agents, or none configured at all', () => {
    // Act
    const empty = problemsWith([{ ...BILLING_QUEUE, agents: [] }]);
    const { agents: _none, ...withoutAgents } = BILLING_QUEUE;
    const missing = problemsWith([withoutAgents]);

    // Assess
    expect(empty).toContain('support.queues[0] (billing).agents: configure at least one agent for this queue');
    expect(missing).toContain('support.queues[0] (billing).agents: is required: the people who answer this queue');
  });

  it('refuses an address used twice, by two queues or by a queue and the support address', () => {
    // Act
    const twice = problemsWith([BILLING_QUEUE, { ...BRAND_QUEUE, address: 'BILLING@help.example.com' }]);
    const support = problemsWith([{ ...BILLING_QUEUE, address: TEST_SUPPORT_CONTEXT.supportAddress }]);

    // Assess
    expect(twice).toContain(
      'support.queues[1] (brand).address: BILLING@help.example.com is already queues[0] (billing): one address, one queue',
    );
    expect(support).toContain(
      'support.queues[0] (billing).address: support@help.example.com is already supportAddress',
    );
  });

  it("refuses a repeated id, the default queue's id, and an id that is not one short word", () => {
    // Act
    const message = problemsWith([
      BILLING_QUEUE,
      { ...BRAND_QUEUE, id: 'billing' },
      { ...BRAND_QUEUE, id: 'support', address: 'x@kunden.example.de' },
      { ...BRAND_QUEUE, id: 'Sales Team', address: 'y@kunden.example.de' },
    ]);

    // Assess
    expect(message).toContain('support.queues[1] (billing).id: "billing" is already the id of queues[0]');
    expect(message).toContain('support.queues[2] (support).id: "support" is the default queue\'s');
    expect(message).toContain('support.queues[3] (Sales Team).id: must be a short name of lowercase letters');
  });

  it("refuses any team's address on a receiving domain, a queue's domain included", () => {
    // Prepare: the default team's address on the brand's domain, the brand's agent on the support domain
    const agents = [{ name: 'Jonas Weber', email: 'jonas@help.example.com', agentId: 'D-1', role: 'supervisor' }];

    // Act
    const message = problemsWith([{ ...BRAND_QUEUE, agents }], { teamAddress: 'team@kunden.example.de' });

    // Assess
    expect(message).toContain(
      "support.agents: agent, team and engineering addresses must not be on the support domain or a queue's domain (help.example.com, kunden.example.de)",
    );
    expect(message).toContain('support.queues[0] (brand): agent, team and engineering addresses must not be on');
  });

  it('refuses a queue address on a MAIL FROM domain, which takes bounces only', () => {
    // Act
    const message = problemsWith([{ ...BILLING_QUEUE, address: 'billing@bounce.help.example.com' }]);

    // Assess
    expect(message).toContain('support.queues[0] (billing).address: bounce.help.example.com is a MAIL FROM domain');
  });

  it('explains a bad language, signature, templates folder and an unknown field, field by field', () => {
    // Act
    const message = problemsWith([
      { ...BILLING_QUEUE, language: 'jp', signature: 'Billing\u202e team', templates: '../secrets' },
      { ...BRAND_QUEUE, language: 'german', signature: 'x'.repeat(501), templates: 'no-such-folder', colour: 'red' },
    ]);

    // Assess
    expect(message).toContain('support.queues[0] (billing).language: jp is not an ISO 639-1 language code');
    expect(message).toContain('support.queues[0] (billing).signature: must be plain text');
    expect(message).toContain(
      'support.queues[0] (billing).templates: must be the name of a folder under templates/queues/',
    );
    expect(message).toContain('support.queues[1] (brand).language: must be a two-letter ISO 639-1 language code');
    expect(message).toContain('support.queues[1] (brand).signature: must be at most 500 characters');
    expect(message).toContain('support.queues[1] (brand).templates: templates/queues/no-such-folder does not exist');
    expect(message).toContain('support.queues[1] (brand): Unrecognized key: "colour"');
  });

  it('refuses a signature of more than six lines, and keeps one with Windows line breaks as plain lines', () => {
    // Act
    const long = problemsWith([{ ...BILLING_QUEUE, signature: 'a\nb\nc\nd\ne\nf\ng' }]);
    const config = parseSupportConfig({
      ...TEST_SUPPORT_CONTEXT,
      queues: [{ ...BILLING_QUEUE, signature: 'Bea\r\nBilling\r\n' }],
    });

    // Assess
    expect(long).toContain('support.queues[0] (billing).signature: must be at most 6 lines');
    expect(config.queues[0]?.signature).toBe('Bea\nBilling');
  });

  it("checks a queue's duty roster against its own supervisors and calendar", () => {
    // Prepare
    const duty = { shifts: [{ agentId: 'B-9', weekly: { mon: ['00:00-24:00'] } }], fallback: 'B-9' };

    // Act
    const message = problemsWith([{ ...BILLING_QUEUE, duty }]);

    // Assess
    expect(message).toMatch(
      /support\.queues\[0\] \(billing\)\.duty: the shifts leave these hours of the week \(UTC\) without a supervisor/,
    );
  });
});
