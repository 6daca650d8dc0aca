import { SupportConfigError } from '../../infra/config.ts';
import { TEST_SUPPORT_CONTEXT } from './support-stack-fixture.ts';

/** A billing queue on the support domain: its domain adds nothing to receive or send at. */
export const BILLING_QUEUE = {
  id: 'billing',
  address: 'billing@help.example.com',
  displayName: 'Example Billing',
  teamAddress: 'billing-team@staff.example.org',
  agents: [
    { name: 'Bea Kim', email: 'bea@staff.example.org', agentId: 'B-1', role: 'agent' },
    { name: 'Ola Berg', email: 'ola@staff.example.org', agentId: 'B-9', role: 'supervisor' },
  ],
} as const;

/** A second brand on its own domain, with its own hours, language and signature. */
export const BRAND_QUEUE = {
  id: 'brand',
  address: 'Hallo@Kunden.Example.DE',
  displayName: 'Beispiel Kundendienst',
  teamAddress: 'team-de@staff.example.org',
  engineeringAddress: 'eng-de@staff.example.org',
  agents: [{ name: 'Jonas Weber', email: 'jonas@staff.example.org', agentId: 'D-1', role: 'supervisor' }],
  businessHours: { timeZone: 'Europe/Berlin', weekly: { mon: ['08:00-16:00'] } },
  language: 'de',
  signature: 'Ihr Beispiel-Team\nhttps://kunden.example.de',
} as const;

/** The test deployment with both queues. */
export const TWO_QUEUE_CONTEXT = { ...TEST_SUPPORT_CONTEXT, queues: [BILLING_QUEUE, BRAND_QUEUE] } as const;

/** What `run` refused with, as a person reads it: a configuration error's message (anything else is rethrown). */
export function refusalOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof SupportConfigError) return error.message;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}
