/**
 * How every Lambda bundle is built: CDK's NodejsFunction (infra/constructs/app-function.ts) and the
 * cold-start benchmark (test/bench/coldstart.ts) both read these settings, so the benchmark measures
 * exactly what is deployed. ESM, minified, SDK v3 bundled in (one version, tree-shaken), no source
 * maps (reading `.stack` with source maps enabled costs time on every error).
 */
export const lambdaBundling = {
  format: 'esm',
  platform: 'node',
  target: 'node22',
  minify: true,
  sourcemap: false,
  mainFields: ['module', 'main'],
  /** Some dependencies still `require()` Node built-ins; ESM bundles need a `require` to give them. */
  /**
   * Modules replaced at bundle time, relative to the project root: the font engine's WOFF2
   * decompressor, which profile PDFs (TrueType fonts) never use.
   */
  alias: { 'brotli/decompress.js': './functions/adapters/documents/without-woff2.ts' },
  banner:
    "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
} as const;
