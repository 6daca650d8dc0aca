import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Emulators (DynamoDB Local is a JVM) take a few seconds to start once per file.
    hookTimeout: 60_000,
    testTimeout: 30_000,
    // Integration files each start their own emulators on random ports; two cores, so keep it modest.
    maxWorkers: 2,
    // What the deployed function sets; tests keep the handler's logs to warnings and errors.
    env: { POWERTOOLS_LOG_LEVEL: 'WARN', POWERTOOLS_SERVICE_NAME: 'mailcase-inbound' },
  },
});
