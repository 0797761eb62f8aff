import { defineConfig } from 'vitest/config';

// This machine runs Node 20 while Lambda runs Node 22: the SDK's reminder about it is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/**
 * One run for every layer: unit (domain), functions (adapters with aws-sdk-client-mock), infra
 * (template assertions, cdk-nag) and integration (the local stack, started once by the global setup
 * on free ports with in-memory data).
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/stack-environment.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
