import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { bundleLambda } from '../../infra/bundling.ts';
import { workers, type WorkerDefinition } from '../../functions/workers/workers.ts';

/**
 * `npx tsx test/bench/export-packager.ts`: the zip packager's peak memory for 1,000 and for 10,000
 * cached PDFs. Each run is a fresh child process (export-packager-child.ts, bundled as a Lambda
 * handler is by infra/bundling.ts and run by plain Node, so neither tsx nor this script is in the
 * figure) whose peak resident set size (`process.resourceUsage().maxRSS`) is read once the zip is
 * uploaded. A packager whose memory is flat shows nearly the same peak for both; one that holds
 * entries, names or parts per entry grows with them. Goal (issue 10): growth ≤ 10 %. Also printed:
 * the heap still live after a full collection at the end, which tells what is retained from what
 * the collector had simply not reclaimed yet.
 *
 * The PDFs are one real rendered profile (small: per-entry costs weigh most), made distinct per
 * learner by a trailing comment and put into the local stack's profiles bucket (s3rver, started
 * here) before anything is measured; every entry gets a readable unique name and an index row, as
 * an export's would. BENCH_SMALL and BENCH_LARGE change the two sizes. The last line reads
 * `packager peak RSS 1k A MB -> 10k B MB (+G%)`.
 *
 * The child's V8 heap is sized as Lambda's Node.js runtime sizes the packaging worker's: its
 * bootstrap derives both limits from the function's memory (a tenth for the young generation, half
 * of that per semi-space, the rest for the old generation), printed before the figures. Node's
 * defaults on a large machine differ both ways (a 16 MiB semi-space where Lambda's 25 MB rounds up
 * to 32 MiB; an old generation of gigabytes, which V8 lets fill with more garbage between full
 * collections), so the figure would otherwise be that of a process the worker never is.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const prefix = 'bench/export-packager';
const completedAt = '2026-03-01T10:00:00Z';

interface ChildReport {
  entries: number;
  zipBytes: number;
  seconds: number;
  maxRssMb: number;
  liveHeapMb: number;
}

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const childDir = join(root, '.bench', 'export-packager');

/** The V8 flags Lambda's Node.js bootstrap passes to a function of `memoryMb`. */
function lambdaHeapFlags(memoryMb: number): string[] {
  const newSpace = Math.floor(memoryMb / 10);
  return [`--max-semi-space-size=${Math.floor(newSpace / 2)}`, `--max-old-space-size=${memoryMb - newSpace}`];
}
const packagingWorker: WorkerDefinition = workers.find((worker) => worker.queue === 'packaging')!;
// Lambda's limits first, then the worker's own NODE_OPTIONS flags, which win as they do in Lambda.
const heapFlags = [...lambdaHeapFlags(packagingWorker.memoryMb), ...(packagingWorker.v8Flags ?? [])];

function runChild(count: number): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const args = ['--expose-gc', ...heapFlags, join(childDir, 'index.mjs'), String(count)];
    const child = spawn(process.execPath, args, {
      env: process.env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`packaging ${count} PDFs exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1)!) as ChildReport);
    });
  });
}

await main();

async function main() {
  const small = Number(process.env.BENCH_SMALL ?? 1_000);
  const large = Number(process.env.BENCH_LARGE ?? 10_000);
  const { startLocalStack } = await import('../../infra/local/stack.ts');
  const { freeLocalPorts } = await import('../support/free-ports.ts');
  const { profileRenderer } = await import('../../functions/adapters/documents/fonts.ts');
  bundleLambda(root, 'test/bench/export-packager-child.ts', childDir);

  const stack = await startLocalStack({
    ports: await freeLocalPorts(),
    workers: false,
    schedulerTickMs: 0,
    handlerLogLevel: 'SILENT',
  });
  // After the stack has set this process's environment: the shared client reads it when created.
  const { s3 } = await import('../../functions/shared/clients/s3.ts');
  try {
    const pdf = await profileRenderer().render({
      personName: 'Łukasz Żółć',
      product: 'discovery',
      completedAt,
      language: 'pl',
      scores: [
        { key: 'red', label: 'Fiery Red', value: 72 },
        { key: 'blue', label: 'Cool Blue', value: 41 },
      ],
    });
    const bucket = stack.env.BUCKET_PROFILES!;
    let next = 0;
    const seedStarted = performance.now();
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        for (let i = next++; i < large; i = next++)
          await s3.send(
            new PutObjectCommand({
              Bucket: bucket,
              Key: `${prefix}/${i}.pdf`,
              Body: Buffer.concat([pdf, Buffer.from(`\n%learner ${i}\n`)]),
              ContentType: 'application/pdf',
            }),
          );
      }),
    );
    console.log(
      `seeded ${large} PDFs of ${(pdf.byteLength / 1024).toFixed(1)} KB in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
    );

    console.log(
      `packaging worker: ${packagingWorker.memoryMb} MB, run as Lambda runs it: ${heapFlags.join(' ')}`,
    );
    const results: ChildReport[] = [];
    for (const count of [small, large]) {
      const report = await runChild(count);
      results.push(report);
      console.log(
        `${count} PDFs: ${report.entries} entries, zip ${(report.zipBytes / 1024 ** 2).toFixed(1)} MB in ${report.seconds.toFixed(1)} s, peak RSS ${report.maxRssMb.toFixed(1)} MB`,
      );
    }
    const [a, b] = results.map((r) => r.maxRssMb) as [number, number];
    const growth = ((b - a) / a) * 100;
    const label = (n: number) => (n % 1000 === 0 ? `${n / 1000}k` : String(n));
    const [liveA, liveB] = results.map((r) => r.liveHeapMb.toFixed(1));
    console.log(
      `live heap after a full collection ${label(small)} ${liveA} MB -> ${label(large)} ${liveB} MB`,
    );
    console.log(
      `packager peak RSS ${label(small)} ${a.toFixed(0)} MB -> ${label(large)} ${b.toFixed(0)} MB (${growth >= 0 ? '+' : ''}${growth.toFixed(1)}%)`,
    );
  } finally {
    await stack.stop();
  }
}
