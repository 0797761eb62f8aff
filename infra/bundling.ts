import { cpSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { buildSync, type Metafile } from 'esbuild';
import { fontFiles, profileFontFiles } from '../functions/adapters/documents/font-files.ts';

/**
 * How every Lambda bundle is built: CDK (infra/constructs/app-function.ts, through local asset
 * bundling) and the cold-start benchmark (test/bench/coldstart.ts) both call {@link bundleLambda},
 * so the benchmark measures exactly what is deployed.
 *
 * ESM, minified, SDK v3 bundled in (one version, tree-shaken), no source maps (reading `.stack` with
 * source maps enabled costs time on every error), and code splitting: what a handler loads with
 * `import()` becomes a separate file that a cold start does not read. That keeps the AWS SDK's
 * fallback credential providers (SSO, STS, profile files: Lambda's credentials are in environment
 * variables) and the PDF renderer (loaded on the first cache miss) out of the cold start. CDK's
 * NodejsFunction cannot split (it bundles to one `--outfile`), hence this small builder.
 */

/**
 * Libraries replaced at bundle time by smaller stand-ins with the part of their API our dependencies
 * call (each file says what it keeps and why). They only concern pdf-lib: the renderer draws with
 * embedded TrueType fonts and no images. test/infra/bundles.test.ts renders a profile
 * with the bundled renderer to show the stand-ins suffice.
 */
export const bundleStandIns = {
  pako: 'infra/bundle-stand-ins/pako-deflate.ts',
  '@pdf-lib/standard-fonts': 'infra/bundle-stand-ins/no-standard-fonts.ts',
  '@pdf-lib/upng': 'infra/bundle-stand-ins/no-png.ts',
} as const;

/** The Lambda handler setting of every bundle: `index.mjs`, export `handler`. */
export const lambdaHandler = 'index.handler';

export interface BundledFile {
  /** Path inside the bundle directory. */
  readonly path: string;
  readonly bytes: number;
  /** Read on a cold start: the entry and every file it imports statically (not through `import()`). */
  readonly eager: boolean;
  /** The source files bundled into it, relative to the project root (`node_modules/...` for packages). */
  readonly modules: readonly string[];
}

/**
 * Bundles one handler entry (a path relative to `projectRoot`, as the route and worker tables spell
 * it) into `outdir` as `index.mjs` plus its chunks, and copies the profile fonts beside it when the
 * bundle contains the font loader (esbuild bundles no binaries; see font-files.ts).
 */
export function bundleLambda(projectRoot: string, entry: string, outdir: string): BundledFile[] {
  const { metafile } = buildSync({
    entryPoints: { index: join(projectRoot, entry) },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    platform: 'node',
    target: 'node22',
    minify: true,
    sourcemap: false,
    mainFields: ['module', 'main'],
    // Some dependencies still `require()` Node built-ins; ESM bundles need a `require` to give them.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    alias: Object.fromEntries(
      Object.entries(bundleStandIns).map(([module, file]) => [module, join(projectRoot, file)]),
    ),
    metafile: true,
    logLevel: 'error',
    absWorkingDir: projectRoot,
  });
  const files = describe(metafile, outdir, projectRoot);
  const fontLoader = 'functions/adapters/documents/fonts.ts';
  if (Object.values(metafile.outputs).some((output) => fontLoader in output.inputs))
    for (const file of profileFontFiles) {
      const target = join(outdir, 'node_modules', file);
      mkdirSync(dirname(target), { recursive: true });
      cpSync(join(projectRoot, 'node_modules', file), target);
    }
  return files;
}

/** The fonts' place inside a bundle that carries them (for tests of the built asset). */
export const bundledFontPath = (style: keyof typeof fontFiles) => join('node_modules', fontFiles[style]);

function describe(metafile: Metafile, outdir: string, projectRoot: string): BundledFile[] {
  const inBundle = (output: string) => relative(outdir, join(projectRoot, output));
  const outputs = new Map(
    Object.entries(metafile.outputs)
      .filter(([output]) => output.endsWith('.mjs'))
      .map(([output, info]) => [inBundle(output), info]),
  );
  const eager = new Set<string>();
  const pending = ['index.mjs'];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (eager.has(file)) continue;
    eager.add(file);
    for (const imported of outputs.get(file)?.imports ?? [])
      if (imported.kind === 'import-statement' && !imported.external) pending.push(inBundle(imported.path));
  }
  return [...outputs].map(([path, info]) => ({
    path,
    bytes: info.bytes,
    eager: eager.has(path),
    modules: Object.keys(info.inputs),
  }));
}
