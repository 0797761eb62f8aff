import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { profileRenderer } from '../../functions/adapters/documents/fonts.ts';
import { startLocalStack } from '../../infra/local/stack.ts';
import { freeLocalPorts } from '../support/free-ports.ts';
import { sampleResults as results } from '../support/profile-results.ts';

/**
 * `npm run bench:export [-- --n 1000]`: bulk profile exports end to end on the local stack (gateway,
 * outbox relay, SQS pollers, workers, DynamoDB Local, s3rver, the SES emulator), in one run:
 * - seeds N learners with a profile in one team (default 1,000), then warms the stack up with a
 *   small export of 60 other learners (every worker's container started, as the floor renders one
 *   PDF before it is timed);
 * - times a download export with nothing cached (request → zip written, job `succeeded`);
 * - measures the floor right after: the same N PDFs rendered in this one process, no I/O at all;
 * - times the same export again with every PDF cached, then a share export (link);
 * - packages 1,000 then 10,000 cached PDFs (test/bench/export-packager.ts, which runs each in a
 *   child bundled like the Lambda and reads its peak RSS; `--packager-small/--packager-large`).
 * Goals (issue 10): uncached/floor ≤ 1.5, cached/uncached ≤ 0.25, packager RSS growth ≤ 10 %.
 * The last line reads exactly:
 * `export: uncached X s (floor Y s, ratio R1), cached Z s (ratio to uncached R2), packager peak RSS 1k A MB -> 10k B MB (+G%)`
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '1000' },
    'packager-small': { type: 'string', default: '1000' },
    'packager-large': { type: 'string', default: '10000' },
  },
});
const n = Number(args.n);
const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const names = [
  'Łukasz Wójcik',
  'François Lefèvre',
  'Jürgen Weiß',
  'Begoña Núñez',
  'Daniël van Dijk',
  'Zoë Ångström',
];
const languages = ['pl', 'fr', 'de', 'es', 'nl', 'en'];
/** Learners of the warm-up export (below), enough for every worker to run at its concurrency. */
const warmUpLearners = 60;
const seconds = (since: number) => (performance.now() - since) / 1000;

/** Runs `work` on every item with at most `width` in flight. */
async function pooled<T>(items: T[], width: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let i = next++; i < items.length; i = next++) await work(items[i]!);
    }),
  );
}

/** The same PDFs rendered back to back in this process: what an export cannot beat. */
async function floorSeconds(count: number) {
  const renderer = profileRenderer();
  await renderer.render({
    personName: 'Warm Up',
    product: 'discovery',
    completedAt: '2026-03-01T10:00:00Z',
    language: 'en',
    scores: results.scores,
  });
  const started = performance.now();
  for (let i = 0; i < count; i++)
    await renderer.render({
      personName: `${names[i % names.length]} ${i}`,
      product: 'discovery',
      completedAt: '2026-03-01T10:00:00Z',
      language: languages[i % languages.length]!,
      scores: results.scores,
      summary: results.summary,
    });
  return seconds(started);
}

/** F's packager bench in its own process (it starts its own stack); answers its RSS figures. */
function packagerRss(): Promise<{ a: number; b: number; growth: number; line: string }> {
  return new Promise((done, fail) => {
    const child = spawn('npx', ['tsx', 'test/bench/export-packager.ts'], {
      cwd: root,
      env: { ...process.env, BENCH_SMALL: args['packager-small'], BENCH_LARGE: args['packager-large'] },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      process.stdout.write(chunk);
    });
    child.on('error', fail);
    child.on('close', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      const match = /packager peak RSS \S+ (\d+) MB -> \S+ (\d+) MB \(([+-]?[\d.]+)%\)/.exec(line);
      if (code !== 0 || !match) return fail(new Error(`packager bench exited with ${code}: ${line}`));
      done({ a: Number(match[1]), b: Number(match[2]), growth: Number(match[3]), line });
    });
  });
}

const stack = await startLocalStack({
  ports: await freeLocalPorts(),
  schedulerTickMs: 0,
  handlerLogLevel: 'SILENT',
});
let summary: string;
try {
  const org = `bench-export-${Date.now()}`;
  const token = await stack.mintToken({ email: 'rita@bench.example', org, roles: ['admin'], name: 'Rita' });
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${stack.apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const answer = (await response.json()) as any;
    if (response.status >= 300)
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
    return answer;
  };

  /** Adds `count` learners with a profile each, numbered from `from`, in a new team; answers the team. */
  const seed = async (count: number, from: number) => {
    const ids: string[] = [];
    await pooled(
      Array.from({ length: count }, (_, i) => from + i),
      16,
      async (i) => {
        const learner = await call('POST', '/v1/learners', {
          name: `${names[i % names.length]} ${i}`,
          email: `learner${i}@bench.example`,
          preferredLanguage: languages[i % languages.length],
        });
        await call('POST', `/v1/learners/${learner.id}/profiles`, {
          product: 'discovery',
          completedAt: '2026-03-01T10:00:00Z',
          format: 'pdf',
          results,
        });
        ids.push(learner.id);
      },
    );
    const team = await call('POST', '/v1/teams', { name: `Bench ${from}` });
    for (let i = 0; i < ids.length; i += 500)
      await call('POST', `/v1/teams/${team.id}/members`, { learnerIds: ids.slice(i, i + 500) });
    return team as { id: string };
  };
  const seeded = performance.now();
  const team = await seed(n, 0);
  console.log(`seeded ${n} learners with profiles in ${seconds(seeded).toFixed(1)} s`);

  /**
   * Requests an export and answers the seconds from the request to the job's recorded end
   * (`finishedAt`: the zip written, or a share's summary queued). The end is read from the job, not
   * from when a poll first sees it, so the polls can be few: a poll every 50 ms, each a few table
   * reads, took CPU from the export on this 2-core machine, and one every 250 ms would have added
   * up to a quarter of a second to a cached export's figure.
   */
  const timed = async (body: object, teamId = team.id) => {
    const started = Date.now();
    const job = await call('POST', `/v1/teams/${teamId}/profile-exports`, body);
    // An export of this size ends within minutes; one that does not is a failure to report, not wait on.
    const deadline = started + 10 * 60_000;
    for (;;) {
      if (Date.now() > deadline) throw new Error(`export ${job.id} has not finished after 10 minutes`);
      await new Promise((r) => setTimeout(r, 250));
      const state = await call('GET', `/v1/profile-exports/${job.id}?limit=1`);
      if (!['succeeded', 'partially_succeeded', 'failed'].includes(state.status)) continue;
      if (state.status !== 'succeeded') throw new Error(`export ${job.id} ended ${state.status}`);
      if (state.finishedAt) return (Date.parse(state.finishedAt) - started) / 1000;
    }
  };
  // Warm-up, as the floor renders one PDF first: a small export of other learners starts every
  // worker's Lambda container (module loading, the renderer's fonts) before anything is timed.
  const warmUp = await seed(warmUpLearners, n);
  await timed({ all: true, action: 'download', language: 'preferred' }, warmUp.id);
  await timed({ all: true, action: 'share', language: 'preferred', delivery: 'link' }, warmUp.id);
  /** Waits until the SES emulator holds `count` emails: what the exports owe is all sent. */
  const emailsSent = async (count: number) => {
    for (; ; await new Promise((r) => setTimeout(r, 100))) {
      const { emails } = (await (await fetch(`${stack.mailboxUrl}/store`)).json()) as { emails: unknown[] };
      if (emails.length >= count) return;
    }
  };
  // ...and its emails are all sent (the zip's link, one per learner, the summary) before timing starts.
  await emailsSent(warmUpLearners + 2);
  const uncached = await timed({ all: true, action: 'download', language: 'preferred' });
  console.log(`download, nothing cached: ${uncached.toFixed(1)} s`);
  // Right after the uncached export (once its email is sent and the stack is idle again), so that
  // both run on the machine as it is then: this VM's speed drifts by a quarter from minute to minute,
  // and the ratio should not measure the drift.
  await emailsSent(warmUpLearners + 3);
  const floor = await floorSeconds(n);
  console.log(`floor: ${n} PDFs rendered in one process, no I/O: ${floor.toFixed(1)} s`);
  // The floor held this process's event loop, which the stack's servers share: let them close the
  // connections that timed out meanwhile, or the next request may go out on one of them.
  await new Promise((r) => setTimeout(r, 1000));
  const cached = await timed({ all: true, action: 'download', language: 'preferred' });
  console.log(`download, every PDF cached: ${cached.toFixed(1)} s`);
  const share = await timed({ all: true, action: 'share', language: 'preferred', delivery: 'link' });
  console.log(`share (links, PDFs cached): ${share.toFixed(1)} s`);
  summary = JSON.stringify({ uncached, cached, share, floor });
} finally {
  await stack.stop();
}
const { uncached, cached, floor } = JSON.parse(summary) as Record<string, number>;
const rss = await packagerRss();
const label = (value: string) => (Number(value) % 1000 === 0 ? `${Number(value) / 1000}k` : value);
console.log(
  `export: uncached ${uncached!.toFixed(1)} s (floor ${floor!.toFixed(1)} s, ratio ${(uncached! / floor!).toFixed(2)}), cached ${cached!.toFixed(1)} s (ratio to uncached ${(cached! / uncached!).toFixed(2)}), packager peak RSS ${label(args['packager-small'])} ${rss.a} MB -> ${label(args['packager-large'])} ${rss.b} MB (${rss.growth >= 0 ? '+' : ''}${rss.growth.toFixed(0)}%)`,
);
