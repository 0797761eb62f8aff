import { describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../../events/message.ts';
import type { ExportCounts } from '../../domain/exports/job-status.ts';
import type { ExportJob, ExportResult, ExportStore } from '../../domain/exports/model.ts';
import { exportDeadLetters } from '../../domain/exports/dead-letters.ts';
import { exportStatus } from '../../domain/exports/job-status.ts';
import { profileExportPipeline, type ExportPipelineDependencies } from '../../domain/exports/pipeline.ts';
import type { ExportedLearner } from '../../events/profile-export.ts';
import { freshExportJob } from '../support/export-jobs.ts';
import type { Learner, LearnerProfile } from '../../domain/learning/model.ts';
import type { IndexedPdf, RenderableProfile, WantedPdf } from '../../domain/learning/ports.ts';

/** An in-memory store with the table's conditions: a row is written once, a stage moves once. */
function memoryStore(job: ExportJob, parts: ExportedLearner[][] = []) {
  const rows = new Map<string, ExportResult>();
  const outbox: OutgoingMessage[] = [];
  /** What the learners' rows owe (their emails), recorded in the same write as each row. */
  const owedWithRows: OutgoingMessage[] = [];
  const store: ExportStore = {
    createJob: async () => undefined,
    job: async () => structuredClone(job),
    part: async (_id, index) => structuredClone(parts[index] ?? []),
    result: async (_id, learnerId) => rows.get(learnerId),
    settledAmong: async (_id, ids) => new Set(ids.filter((id) => rows.has(id))),
    results: async (_id, page) => {
      const all = [...rows.values()].sort((a, b) => a.learnerId.localeCompare(b.learnerId));
      const start = page.after ? Number(page.after.i) : 0;
      const items = all.slice(start, start + page.limit);
      return { items, next: start + page.limit < all.length ? { i: start + page.limit } : undefined };
    },
    settle: async (_id, result, counts: Partial<ExportCounts>, owed = []) => {
      if (rows.has(result.learnerId)) return false;
      rows.set(result.learnerId, result);
      owedWithRows.push(...owed);
      for (const [name, n] of Object.entries(counts)) (job as any)[name] += n;
      job.remaining -= 1;
      return true;
    },
    advance: async (_id, from, to, owed) => {
      if (job.stage !== from || job.remaining !== 0) return false;
      job.stage = to;
      outbox.push(...owed);
      return true;
    },
    finishPackaging: async (_id, outcome) => {
      if (job.packaging) return false;
      Object.assign(job, outcome, { stage: 'done' });
      return true;
    },
    finishSummary: async () => undefined,
    settleAll: async (id, settlements) => {
      // As DynamoDB refuses a transaction that names one item twice.
      const ids = settlements.map((one) => one.result.learnerId);
      if (new Set(ids).size < ids.length) throw new Error('Transaction names one row twice');
      for (const { result, counts } of settlements) await store.settle(id, result, counts);
    },
  };
  return { store, rows, outbox, owedWithRows, job };
}

const learner = (id: string): Learner => ({
  id,
  name: `Name ${id}`,
  email: `${id}@example.com`,
  preferredLanguage: 'en',
  createdAt: '2026-01-01T00:00:00.000Z',
  profiles: [],
});
const profile = (learnerId: string): LearnerProfile => ({
  id: `p-${learnerId}`,
  learnerId,
  product: 'discovery',
  completedAt: '2026-03-01T10:00:00.000Z',
  format: 'pdf',
  results: { scores: [] },
  importedAt: '2026-03-01T10:00:00.000Z',
});

function pipelineFor(
  job: ExportJob,
  poisoned = new Set<string>(),
  parts: ExportedLearner[][] = [],
  packager: ExportPipelineDependencies['packager'] = { package: async () => ({ bytes: 1, entries: 1 }) },
) {
  const memory = memoryStore(job, parts);
  const sent: OutgoingMessage[] = [];
  /** The cache's index, by profile and language; and every render asked for, in order. */
  const indexed = new Map<string, IndexedPdf>();
  const renders: string[] = [];
  const render = async (_org: string, p: RenderableProfile, _name: string, language: string) => {
    if (poisoned.has((p as LearnerProfile).learnerId)) throw new Error('cannot render');
    renders.push(`${p.id} ${language}`);
    return { key: `rendered/${p.id}/${language}.pdf`, bytes: 1000 };
  };
  /** Set `fail` to make `renderTogether`'s one write fail. */
  const failingWrites = { fail: false };
  /** Objects written by `renderTogether`, each with the renders it holds. */
  const together: string[][] = [];
  const renderTogether = async (_org: string, wanted: readonly WantedPdf[]) => {
    if (failingWrites.fail) throw new Error('S3 is down');
    const key = `rendered/together/${together.length}.pdfs`;
    const held: string[] = [];
    let offset = 0;
    const answers = wanted.map(({ profile: p, language }) => {
      if (poisoned.has((p as LearnerProfile).learnerId)) return { error: new Error('cannot render') };
      renders.push(`${p.id} ${language}`);
      held.push(`${p.id} ${language}`);
      offset += 1000;
      return { key, offset: offset - 1000, bytes: 1000 };
    });
    if (held.length > 0) together.push(held);
    return answers;
  };
  /** PDFs copied out of a shared object (`storeAlone`); one whose key ends `.gone` cannot be read. */
  const copied: string[] = [];
  const storeAlone = async (_org: string, pdfs: readonly IndexedPdf[]) =>
    pdfs.map((pdf) => {
      if (pdf.key.endsWith('.gone')) return { error: new Error('NoSuchKey') };
      copied.push(`${pdf.profileId} ${pdf.language}`);
      return { key: `rendered/${pdf.profileId}/${pdf.language}.pdf`, bytes: pdf.bytes };
    });
  /** The stored PDF each issued link points at. */
  const linked: string[] = [];
  /** The learners of each batched profile read. */
  const profileReads: string[][] = [];
  const pipeline = profileExportPipeline({
    store: memory.store,
    learners: {
      learner: async (_org, id) => learner(id),
      learnersById: async (_org, ids) => ids.map(learner),
      profile: async (_org, id) => profile(id),
      profilesById: async (_org, refs) => {
        profileReads.push(refs.map((ref) => ref.learnerId));
        return refs.map((ref) => profile(ref.learnerId));
      },
    },
    documents: { ensureRendered: render, renderTogether, storeAlone },
    renderedIndex: {
      among: async (_org, wanted) =>
        wanted.flatMap((pdf) => indexed.get(`${pdf.profileId} ${pdf.language}`) ?? []),
      remember: async (_org, pdfs) => {
        for (const pdf of pdfs) indexed.set(`${pdf.profileId} ${pdf.language}`, pdf);
      },
    },
    links: {
      issue: async ({ key }) => {
        linked.push(key);
        return {
          token: 't',
          url: 'https://api.example.com/v1/links/t',
          expiresAt: '2026-03-08T00:00:00.000Z',
        };
      },
    },
    send: async (message) => void sent.push(message),
    packager,
    clock: { now: () => new Date('2026-03-01T12:00:00.000Z') },
    appUrl: 'https://app.example.com',
    support: 'help@example.com',
  });
  const deadLetters = exportDeadLetters({
    store: memory.store,
    learners: { learnersById: async (_org, ids) => ids.filter((id) => id !== 'gone').map(learner) },
    clock: { now: () => new Date('2026-03-01T13:00:00.000Z') },
  });
  return {
    pipeline,
    deadLetters,
    sent,
    indexed,
    renders,
    together,
    copied,
    linked,
    profileReads,
    failingWrites,
    ...memory,
  };
}

const newJob = (action: 'download' | 'share', total: number) => freshExportJob(action, total);
const entries = (...ids: string[]) =>
  ids.map((id) => ({ learnerId: id, profileId: `p-${id}`, language: 'en' }));

describe('the export pipeline', () => {
  it('counts each learner once and owes packaging once, however often and in whatever order chunks arrive', async () => {
    const { pipeline, job, outbox } = pipelineFor(newJob('download', 4));
    await pipeline.chunk({ jobId: 'job1', learners: entries('b', 'a') }, { last: false });
    expect(outbox).toEqual([]);
    await pipeline.chunk({ jobId: 'job1', learners: entries('a', 'b') }, { last: false });
    await Promise.all([
      pipeline.chunk({ jobId: 'job1', learners: entries('c', 'd') }, { last: false }),
      pipeline.chunk({ jobId: 'job1', learners: entries('d', 'c') }, { last: false }),
    ]);
    await pipeline.chunk({ jobId: 'job1', learners: entries('c') }, { last: false });
    expect(job).toMatchObject({ rendered: 4, failed: 0, remaining: 0, stage: 'packaging' });
    expect(outbox.map((m) => m.body)).toEqual([{ v: 1, type: 'export.package', jobId: 'job1' }]);
  });

  it('packages every rendered row in order, page after page, each page read before the one before it is used up', async () => {
    const names: string[] = [];
    let taken = 0;
    /** For each page after the first: how many entries the packager had taken when it was asked for. */
    const takenWhenAsked: number[] = [];
    const { pipeline, store } = pipelineFor(newJob('download', 250), new Set(), [], {
      package: async ({ entries: zipEntries }) => {
        for await (const entry of zipEntries) {
          names.push(entry.name);
          taken += 1;
          await new Promise((resolve) => setImmediate(resolve));
        }
        return { bytes: 1, entries: taken };
      },
    });
    const ids = Array.from({ length: 250 }, (_, i) => `l${String(i).padStart(3, '0')}`);
    for (let i = 0; i < ids.length; i += 50)
      await pipeline.chunk({ jobId: 'job1', learners: entries(...ids.slice(i, i + 50)) }, { last: false });
    const results = store.results.bind(store);
    store.results = async (id, page) => {
      if (page.after) takenWhenAsked.push(taken);
      return results(id, page);
    };
    await pipeline.package('job1');
    expect(names.map((name) => /l\d{3}/.exec(name)?.[0] ?? name)).toEqual(ids);
    // Pages of 100: the second is asked for before the first page's last entry is taken, and so on.
    expect(takenWhenAsked).toHaveLength(2);
    expect(takenWhenAsked[0]).toBeLessThan(100);
    expect(takenWhenAsked[1]).toBeLessThan(200);
  });

  it('retries a learner that fails, and records them failed with their reason on the last delivery so the job moves on', async () => {
    const { pipeline, job, rows, outbox } = pipelineFor(newJob('share', 2), new Set(['bad']));
    await expect(
      pipeline.chunk({ jobId: 'job1', learners: entries('ok', 'bad') }, { last: false }),
    ).rejects.toThrow('cannot render');
    expect(job).toMatchObject({ delivered: 1, failed: 0, remaining: 1, stage: 'rendering' });
    await pipeline.chunk({ jobId: 'job1', learners: entries('ok', 'bad') }, { last: true });
    expect(rows.get('bad')).toMatchObject({ status: 'failed', reason: 'render-failed', name: 'Name bad' });
    expect(job).toMatchObject({ rendered: 1, delivered: 1, failed: 1, remaining: 0, stage: 'summarising' });
    expect(outbox.map((m) => m.body)).toEqual([{ v: 1, type: 'export.summary', jobId: 'job1' }]);
  });

  it('renders for a download only the PDFs the cache index lacks, together, and indexes where each one is', async () => {
    const first = pipelineFor(newJob('download', 3));
    first.indexed.set('p-a en', { profileId: 'p-a', language: 'en', key: 'rendered/cached-a.pdf', bytes: 7 });
    await first.pipeline.chunk({ jobId: 'job1', learners: entries('a', 'b', 'c') }, { last: false });
    expect(first.renders).toEqual(['p-b en', 'p-c en']);
    // One object for the chunk's renders; each row says which bytes of it are its PDF.
    expect(first.together).toEqual([['p-b en', 'p-c en']]);
    expect(first.rows.get('a')).toMatchObject({ status: 'rendered', pdfKey: 'rendered/cached-a.pdf' });
    expect(first.rows.get('a')).not.toHaveProperty('pdfPart');
    // A PDF sharing its object is never named by `pdfKey`, which code before shared objects read whole.
    expect(first.rows.get('b')).not.toHaveProperty('pdfKey');
    expect(first.rows.get('b')).toMatchObject({
      status: 'rendered',
      pdfPart: { key: 'rendered/together/0.pdfs', offset: 0, bytes: 1000 },
    });
    expect(first.rows.get('c')).toMatchObject({
      pdfPart: { key: 'rendered/together/0.pdfs', offset: 1000, bytes: 1000 },
    });
    expect(first.indexed.get('p-c en')).toEqual({
      profileId: 'p-c',
      language: 'en',
      key: 'rendered/together/0.pdfs',
      offset: 1000,
      bytes: 1000,
    });
    expect(first.job).toMatchObject({ rendered: 3, remaining: 0, stage: 'packaging' });
  });

  it('settles a download chunk’s cached learners even when storing its fresh renders fails, and retries the rest', async () => {
    const { pipeline, job, rows, indexed, failingWrites } = pipelineFor(newJob('download', 3));
    indexed.set('p-a en', { profileId: 'p-a', language: 'en', key: 'rendered/a.pdf', bytes: 7 });
    // The renders' one write fails (S3 unavailable) for this delivery only.
    const original = failingWrites.fail;
    failingWrites.fail = true;
    await expect(
      pipeline.chunk({ jobId: 'job1', learners: entries('a', 'b', 'c') }, { last: false }),
    ).rejects.toThrow('S3 is down');
    failingWrites.fail = original;
    expect(rows.get('a')).toMatchObject({ status: 'rendered', pdfKey: 'rendered/a.pdf' });
    expect(rows.has('b')).toBe(false);
    expect(job).toMatchObject({ rendered: 1, remaining: 2 });

    await pipeline.chunk({ jobId: 'job1', learners: entries('a', 'b', 'c') }, { last: false });
    expect(job).toMatchObject({ rendered: 3, failed: 0, remaining: 0, stage: 'packaging' });
  });

  it('reads no profile for a download whose PDFs are cached, taking the completion date from the selection', async () => {
    const { pipeline, indexed, renders, profileReads, rows } = pipelineFor(newJob('download', 3));
    for (const id of ['a', 'b', 'c'])
      indexed.set(`p-${id} en`, {
        profileId: `p-${id}`,
        language: 'en',
        key: `rendered/${id}.pdf`,
        bytes: 7,
      });
    const selected = entries('a', 'b', 'c').map((entry) => ({
      ...entry,
      completedAt: '2026-02-02T09:00:00.000Z',
    }));
    // A message sent before the selection carried the date: that learner's profile is read.
    delete (selected[2] as { completedAt?: string }).completedAt;

    await pipeline.chunk({ jobId: 'job1', learners: selected }, { last: false });

    expect(renders).toEqual([]);
    expect(profileReads).toEqual([['c']]);
    expect(rows.get('a')).toMatchObject({ status: 'rendered', completedAt: '2026-02-02T09:00:00.000Z' });
    expect(rows.get('c')).toMatchObject({ status: 'rendered', completedAt: '2026-03-01T10:00:00.000Z' });
  });

  it('retries a download learner whose render fails, settling the rest, and records them failed on the last delivery', async () => {
    const { pipeline, job, rows } = pipelineFor(newJob('download', 3), new Set(['bad']));
    await expect(
      pipeline.chunk({ jobId: 'job1', learners: entries('a', 'bad', 'c') }, { last: false }),
    ).rejects.toThrow('cannot render');
    expect(job).toMatchObject({ rendered: 2, failed: 0, remaining: 1, stage: 'rendering' });
    await pipeline.chunk({ jobId: 'job1', learners: entries('a', 'bad', 'c') }, { last: true });
    expect(rows.get('bad')).toMatchObject({ status: 'failed', reason: 'render-failed', name: 'Name bad' });
    expect(job).toMatchObject({ rendered: 2, failed: 1, remaining: 0, stage: 'packaging' });
  });

  it('settles a learner repeated in a chunk message once, and counts them off once', async () => {
    const { pipeline, job } = pipelineFor(newJob('download', 2));
    await pipeline.chunk({ jobId: 'job1', learners: entries('a', 'a', 'b') }, { last: false });
    expect(job).toMatchObject({ rendered: 2, remaining: 0, stage: 'packaging' });
  });

  it('shares a PDF the cache index knows without rendering it: copied out when rendered together, as it is when alone', async () => {
    const { pipeline, indexed, renders, copied, linked, job } = pipelineFor(newJob('share', 4));
    const pdf = (id: string, key: string, offset?: number) => ({
      profileId: `p-${id}`,
      language: 'en',
      key,
      bytes: 1000,
      ...(offset === undefined ? {} : { offset }),
    });
    indexed.set('p-a en', pdf('a', 'rendered/together/0.pdfs', 1000));
    indexed.set('p-b en', pdf('b', 'rendered/alone-b.pdf'));
    // Indexed, but its object is gone: rendered again rather than failing the learner.
    indexed.set('p-d en', pdf('d', 'rendered/together/1.pdfs.gone', 0));

    await pipeline.chunk({ jobId: 'job1', learners: entries('a', 'b', 'c', 'd') }, { last: false });

    expect(copied).toEqual(['p-a en']);
    expect(renders.sort()).toEqual(['p-c en', 'p-d en']);
    expect(linked.sort()).toEqual([
      'rendered/alone-b.pdf',
      'rendered/p-a/en.pdf',
      'rendered/p-c/en.pdf',
      'rendered/p-d/en.pdf',
    ]);
    expect(job).toMatchObject({ delivered: 4, failed: 0, remaining: 0 });
  });

  it('shares each learner by the single-share rules, one email per learner under one dedupe key', async () => {
    const { pipeline, sent, rows, owedWithRows } = pipelineFor(newJob('share', 1));
    await pipeline.chunk({ jobId: 'job1', learners: entries('a') }, { last: false });
    await pipeline.chunk({ jobId: 'job1', learners: entries('a') }, { last: false });
    // The email is owed with the learner's row (the outbox), never sent on its own.
    const emails = owedWithRows.filter((m) => m.queue === 'email');
    expect(emails.map((m) => (m.body as { dedupeKey: string }).dedupeKey)).toEqual(['share:job1.a']);
    expect(emails[0]!.body).toMatchObject({ tags: { kind: 'export-learner', job: 'job1', learner: 'a' } });
    expect(sent.filter((m) => m.queue === 'email')).toEqual([]);
    expect(rows.get('a')).toMatchObject({ status: 'delivered', channel: 'download-link', requested: 'link' });
  });
});

describe('giving up on export messages that failed every delivery', () => {
  const chunk = (...ids: string[]) => ({
    v: 1 as const,
    type: 'export.chunk' as const,
    jobId: 'job1',
    index: 0,
    learners: entries(...ids),
  });

  it('records each unsettled learner of a dead chunk failed with its reason, once, and owes packaging once', async () => {
    const { pipeline, deadLetters, job, rows, outbox } = pipelineFor(newJob('download', 3));
    await pipeline.chunk({ jobId: 'job1', learners: entries('a') }, { last: false });
    // The dead message repeats a learner (a poison message may) and is handed over twice.
    expect(await deadLetters.giveUp(chunk('a', 'b', 'gone', 'b'))).toEqual({
      outcome: 'learners-failed',
      failed: 2,
    });
    expect(await deadLetters.giveUp(chunk('a', 'b', 'gone', 'b'))).toEqual({
      outcome: 'learners-failed',
      failed: 0,
    });
    expect(rows.get('a')).toMatchObject({ status: 'rendered' });
    expect(rows.get('b')).toMatchObject({
      status: 'failed',
      reason: 'abandoned',
      name: 'Name b',
      email: 'b@example.com',
    });
    // A learner whose record is gone is still given up on, without a name.
    expect(rows.get('gone')).toMatchObject({ status: 'failed', reason: 'abandoned', name: '' });
    expect(job).toMatchObject({ rendered: 1, failed: 2, remaining: 0, stage: 'packaging' });
    expect(outbox.map((m) => m.body)).toEqual([{ v: 1, type: 'export.package', jobId: 'job1' }]);
  });

  it('gives up on every learner of every part nobody settled when the start died, and owes the share summary', async () => {
    const parts = [entries('a', 'b'), entries('c')];
    const { pipeline, deadLetters, job, rows, outbox } = pipelineFor(
      { ...newJob('share', 3), parts: 2 },
      new Set(),
      parts,
    );
    await pipeline.chunk({ jobId: 'job1', learners: entries('a') }, { last: false });
    const start = { v: 1 as const, type: 'export.start' as const, jobId: 'job1' };
    expect(await deadLetters.giveUp(start)).toEqual({ outcome: 'learners-failed', failed: 2 });
    expect(await deadLetters.giveUp(start)).toEqual({ outcome: 'learners-failed', failed: 0 });
    expect([...rows.values()].map((row) => [row.learnerId, row.status]).sort()).toEqual([
      ['a', 'delivered'],
      ['b', 'failed'],
      ['c', 'failed'],
    ]);
    expect(job).toMatchObject({ delivered: 1, failed: 2, remaining: 0, stage: 'summarising' });
    expect(exportStatus('share', job)).toBe('partially_succeeded');
    expect(outbox.map((m) => m.body)).toEqual([{ v: 1, type: 'export.summary', jobId: 'job1' }]);
  });

  it('records a dead packaging failed once, so the download ends failed', async () => {
    const { deadLetters, job } = pipelineFor({
      ...newJob('download', 1),
      rendered: 1,
      remaining: 0,
      stage: 'packaging',
    });
    const dead = { v: 1 as const, type: 'export.package' as const, jobId: 'job1' };
    expect(await deadLetters.giveUp(dead)).toEqual({ outcome: 'packaging-failed', recorded: true });
    expect(await deadLetters.giveUp(dead)).toEqual({ outcome: 'packaging-failed', recorded: false });
    expect(exportStatus('download', job, job.packaging)).toBe('failed');
  });

  it('leaves a job whose summary died as its counts end it, and says the summary was lost', async () => {
    const { deadLetters, job } = pipelineFor({
      ...newJob('share', 1),
      delivered: 1,
      rendered: 1,
      remaining: 0,
      stage: 'summarising',
    });
    const before = structuredClone(job);
    expect(await deadLetters.giveUp({ v: 1, type: 'export.summary', jobId: 'job1' })).toEqual({
      outcome: 'summary-lost',
    });
    expect(job).toEqual(before);
    expect(exportStatus('share', job)).toBe('succeeded');
  });
});
