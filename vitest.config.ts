import { defineConfig } from 'vitest/config';

// This machine runs Node 20 while Lambda runs Node 22: the SDK's reminder about it is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/**
 * Three projects, one run (`npm test` runs them all):
 * - `unit`: the domain, and the adapters and handlers against aws-sdk-client-mock or fakes. No
 *   emulators, no global setup, no Java: the inner loop (`npm run test:unit`, seconds).
 * - `infra`: CDK template assertions, cdk-nag and the Lambda bundles (esbuild); no emulators either,
 *   but bundling makes it slower (`npm run test:infra`).
 * - `integration`: against the local stack, started once by the global setup on free ports with
 *   in-memory data; every test file sees its endpoints (`npm run test:integration`).
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/functions/**/*.test.ts'] },
      },
      { extends: true, test: { name: 'infra', include: ['test/infra/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          setupFiles: ['test/support/stack-environment.ts'],
        },
      },
    ],
  },
});
