import { defineConfig } from 'vitest/config';

// This machine runs Node 20 while Lambda runs Node 22: the SDK's reminder about it is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/**
 * Three projects, one run (`npm test` runs them all):
 * - `unit`: the domain, and the adapters and handlers against aws-sdk-client-mock or fakes. No
 *   emulators, no global setup, no Java, no compiler: the inner loop (`npm run test:unit`, seconds).
 * - `build`: what builds before it can be checked: CDK templates and cdk-nag, the Lambda bundles
 *   (esbuild), and a typed client compiled (tsc) against types generated from the OpenAPI document.
 *   No emulators either, but tens of seconds (`npm run test:build`).
 * - `integration`: against the local stack, started once by the global setup on free ports with
 *   in-memory data; every test file sees its endpoints (`npm run test:integration`).
 */
/** Unit tests that run the TypeScript compiler: too slow for the inner loop, so they run with `build`. */
const compiling = ['test/unit/typed-client.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/functions/**/*.test.ts'],
          exclude: compiling,
          // Worker threads start faster than forked processes, and nothing here spawns or exits a
          // process: on 2 cores the inner loop takes ~21 s instead of ~33 s.
          pool: 'threads',
        },
      },
      { extends: true, test: { name: 'build', include: ['test/infra/**/*.test.ts', ...compiling] } },
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
