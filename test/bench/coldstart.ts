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
