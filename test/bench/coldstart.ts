import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { routes } from '../../functions/http/routes.ts';
import { workers } from '../../functions/workers/workers.ts';
import { bundleLambda } from '../../infra/bundling.ts';
import { localEnvironment } from '../../infra/local/config.ts';

/**
 * `npm run bench:coldstart`: builds every Lambda bundle as CDK deploys it (infra/bundling.ts), then
 * for each prints its size, the part a cold start loads, and the median time for a fresh Node process
 * to import it, beside a bare
 * `node -e ''` measured in the same run. Goals: ≤ 1 MB minified, ≤ 150 ms to load beyond bare Node.
 * BENCH_RUNS sets the number of processes per bundle (default 15); BENCH_ONLY=downloads,links
 * measures only the entries whose path contains one of the words.
 */
const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const outDir = join(root, '.bench', 'bundles');
rmSync(outDir, { recursive: true, force: true });
const runs = Number(process.env.BENCH_RUNS ?? 15);

const only = process.env.BENCH_ONLY?.split(',');
const entries = [
  ...new Set([
    ...routes.filter((r) => !('localOnly' in r && r.localOnly)).map((r) => r.entry),
    ...workers.map((w) => w.entry),
  ]),
].filter((entry) => !only || only.some((part) => entry.includes(part)));

// The handlers validate configuration at import, as in Lambda: give them a complete environment.
const env = {
  ...process.env,
  ...localEnvironment(
    '127.0.0.1',
    { api: 1, dynamodb: 2, s3: 3, sqs: 4, ses: 5, scheduler: 6 },
    (id) => `http://127.0.0.1:4/q/${id}`,
    (id) => `arn:aws:sqs:eu-west-1:123456789012:${id}`,
  ),
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function runOnce(args: string[]): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${result.stderr.toString()}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/**
 * Median times of a bare `node -e ''` and of importing the bundle, runs alternating between the two
 * so that both see the same machine load (a baseline measured once drifts with the load).
 */
function timeImport(bundleDir: string): { bare: number; bundle: number } {
  const importArgs = [
    '--input-type=module',
    '-e',
    `await import(${JSON.stringify(`file://${join(bundleDir, 'index.mjs')}`)})`,
  ];
  const bare: number[] = [];
  const bundle: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    bare.push(runOnce(['-e', '']));
    bundle.push(runOnce(importArgs));
  }
  return { bare: median(bare), bundle: median(bundle) };
}

const rows: { entry: string; eagerKb: number; totalKb: number; bare: number; ms: number }[] = [];
for (const entry of entries) {
  const bundleDir = join(outDir, entry.replace(/[/.]/g, '_'));
  const files = bundleLambda(root, entry, bundleDir);
  const kb = (part: typeof files) => part.reduce((sum, f) => sum + f.bytes, 0) / 1024;
  const { bare, bundle } = timeImport(bundleDir);
  rows.push({ entry, eagerKb: kb(files.filter((f) => f.eager)), totalKb: kb(files), bare, ms: bundle });
}

console.log(
  `\nMedians of ${runs} fresh Node processes per bundle, alternating with as many bare \`node -e ''\`.`,
);
console.log(
  'Size: every .mjs file of the bundle; loaded: the part a cold start reads (the entry and its static',
);
console.log('imports; what the handler loads with import() comes later, when a request needs it).\n');
console.log('| bundle | size KB | loaded KB | bare ms | import ms | beyond bare ms | ≤ 1 MB | ≤ 150 ms |');
console.log('|---|---:|---:|---:|---:|---:|:-:|:-:|');
for (const r of rows) {
  console.log(
    `| ${r.entry} | ${r.totalKb.toFixed(0)} | ${r.eagerKb.toFixed(0)} | ${r.bare.toFixed(1)} | ${r.ms.toFixed(1)} | ${(r.ms - r.bare).toFixed(1)} | ${r.totalKb <= 1024 ? 'yes' : 'NO'} | ${r.ms - r.bare <= 150 ? 'yes' : 'NO'} |`,
  );
}

/**
 * What the two PDF bundles defer: on a container's first cache miss the renderer chunk loads, the
 * fonts are read and parsed, and the first PDF is drawn. Measured inside fresh processes (Node's own
 * start excluded) with the renderer bundled by the same builder, its stand-ins included.
 */
const rendererDir = join(outDir, 'renderer');
bundleLambda(root, 'functions/adapters/documents/fonts.ts', rendererDir);
const firstRender = `
  const started = performance.now();
  const { profileRenderer } = await import(${JSON.stringify(`file://${join(rendererDir, 'index.mjs')}`)});
  const loaded = performance.now();
  await profileRenderer().render({
    personName: 'Łukasz Żółć', product: 'expert', completedAt: '2026-03-01T10:00:00Z', language: 'pl',
    scores: [{ key: 'drive', label: 'Drive', value: 61 }, { key: 'calm', label: 'Calm', value: 72 }],
    summary: 'Calm under pressure.',
  });
  console.log(JSON.stringify({ load: loaded - started, total: performance.now() - started }));`;
const samples: { load: number; total: number }[] = [];
for (let i = 0; i < runs; i += 1) {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', firstRender], { env });
  if (result.status !== 0) throw new Error(`first render failed: ${result.stderr.toString()}`);
  samples.push(JSON.parse(result.stdout.toString()) as { load: number; total: number });
}
const load = median(samples.map((s) => s.load));
const total = median(samples.map((s) => s.total));
console.log(
  `\nFirst cache miss in a PDF bundle (not part of the cold start above): renderer chunk loaded in ${load.toFixed(1)} ms, first PDF ready ${total.toFixed(1)} ms after the request needs it (medians of ${runs}).`,
);
