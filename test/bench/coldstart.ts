import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { routes } from '../../functions/http/routes.ts';
import { workers } from '../../functions/workers/workers.ts';
import { lambdaBundling } from '../../infra/bundling.ts';
import { localEnvironment } from '../../infra/local/config.ts';

/**
 * `npm run bench:coldstart`: builds every Lambda bundle with the deployed esbuild settings, then
 * for each prints its size and the median time for a fresh Node process to import it, beside a bare
 * `node -e ''` measured in the same run. Goals: ≤ 1 MB minified, ≤ 150 ms to load beyond bare Node.
 * BENCH_RUNS sets the number of processes per bundle (default 15).
 */
const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const outDir = join(root, '.bench', 'bundles');
mkdirSync(outDir, { recursive: true });
const runs = Number(process.env.BENCH_RUNS ?? 15);

const entries = [
  ...new Set([
    ...routes.filter((r) => !('localOnly' in r && r.localOnly)).map((r) => r.entry),
    ...workers.map((w) => w.entry),
  ]),
];

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

function timeProcess(args: string[]): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${result.stderr.toString()}`);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return median(samples);
}

const bare = timeProcess(['-e', '']);
const rows: { entry: string; kb: number; ms: number; beyond: number }[] = [];
for (const entry of entries) {
  const outfile = join(outDir, `${entry.replace(/[/.]/g, '_')}.mjs`);
  await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    outfile,
    format: lambdaBundling.format,
    platform: lambdaBundling.platform,
    target: lambdaBundling.target,
    minify: lambdaBundling.minify,
    sourcemap: lambdaBundling.sourcemap,
    mainFields: [...lambdaBundling.mainFields],
    banner: { js: lambdaBundling.banner },
    alias: Object.fromEntries(
      Object.entries(lambdaBundling.alias).map(([module, file]) => [module, join(root, file)]),
    ),
    logLevel: 'error',
  });
  const ms = timeProcess([
    '--input-type=module',
    '-e',
    `await import(${JSON.stringify(`file://${outfile}`)})`,
  ]);
  rows.push({ entry, kb: statSync(outfile).size / 1024, ms, beyond: ms - bare });
}

console.log(`\nbare node -e '': ${bare.toFixed(1)} ms (median of ${runs})\n`);
console.log('| bundle | size KB | import ms (median) | beyond bare ms | ≤ 1 MB | ≤ 150 ms |');
console.log('|---|---:|---:|---:|:-:|:-:|');
for (const r of rows) {
  console.log(
    `| ${r.entry} | ${r.kb.toFixed(0)} | ${r.ms.toFixed(1)} | ${r.beyond.toFixed(1)} | ${r.kb <= 1024 ? 'yes' : 'NO'} | ${r.beyond <= 150 ? 'yes' : 'NO'} |`,
  );
}
