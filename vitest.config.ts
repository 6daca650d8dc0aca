import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Emulators (DynamoDB Local is a JVM) take a few seconds to start once per file.
    hookTimeout: 60_000,
    testTimeout: 30_000,
    // Integration files each start their own emulators on random ports; two cores, so keep it modest.
    maxWorkers: 2,
    // What the deployed function sets; tests keep the handler's logs to warnings and errors, and
    // metrics (EMF lines for CloudWatch) off, as the local stack does: test files import handlers
    // before any stack sets its environment.
    env: {
      POWERTOOLS_LOG_LEVEL: 'WARN',
      POWERTOOLS_SERVICE_NAME: 'mailcase-inbound',
      POWERTOOLS_METRICS_DISABLED: 'true',
    },
  },
});
