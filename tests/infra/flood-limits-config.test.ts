import { describe, expect, it } from 'vitest';
import { FREE_MAIL_DOMAINS } from '../../functions/core/flood-guard.ts';
import { parseSupportConfig } from '../../infra/config.ts';
import { floodLimits } from '../../infra/function-environment.ts';
import { TEST_SUPPORT_CONTEXT } from './support-stack-fixture.ts';

describe('flood bounds in the support configuration', () => {
  it('default to 10 new cases an hour per sender and 50 per domain, with the big mailbox providers unbounded', () => {
    // Act
    const config = parseSupportConfig(TEST_SUPPORT_CONTEXT);

    // Assess
    expect(config.limits).toEqual({ newCasesPerSenderPerHour: 10, newCasesPerDomainPerHour: 50, unboundedDomains: [] });
    expect(floodLimits(config)).toEqual({
      newCasesPerSenderPerHour: 10,
      newCasesPerDomainPerHour: 50,
      unboundedDomains: FREE_MAIL_DOMAINS,
    });
  });

  it('add the configured unbounded domains to the providers, in lower case, keeping the defaults a partial setting leaves out', () => {
    // Act
    const config = parseSupportConfig({
      ...TEST_SUPPORT_CONTEXT,
      limits: { newCasesPerSenderPerHour: 4, unboundedDomains: ['Students.Example.edu', 'gmail.com'] },
    });

    // Assess
    const limits = floodLimits(config);
    expect(limits).toMatchObject({ newCasesPerSenderPerHour: 4, newCasesPerDomainPerHour: 50 });
    expect(limits.unboundedDomains).toEqual([...FREE_MAIL_DOMAINS, 'students.example.edu']);
  });

  it('refuse a bound of no cases, or a domain that is not one, naming the field', () => {
    // Act
    const attempt = () =>
      parseSupportConfig({
        ...TEST_SUPPORT_CONTEXT,
        limits: { newCasesPerDomainPerHour: 0, unboundedDomains: ['not a domain'] },
      });

    // Assess
    expect(attempt).toThrow(/support\.limits\.newCasesPerDomainPerHour: must be at least 1 new case an hour/);
    expect(attempt).toThrow(/support\.limits\.unboundedDomains\.0: must be a domain name/);
  });
});
