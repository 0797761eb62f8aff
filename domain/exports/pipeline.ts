import { emailTags } from '../../events/email-subject.ts';
import { queueEmail, type EmailMessage } from '../../events/email.ts';
import type { OutgoingMessage } from '../../events/message.ts';
import {
  queueExportChunk,
  queueExportPackage,
  queueExportSummary,
  type ExportedLearner,
} from '../../events/profile-export.ts';
import { exportReadyEmail, shareSummaryEmail } from '../documents/emails/profile-export-emails.ts';
import type { Clock } from '../kernel.ts';
import type { LinkUseCases } from '../links/use-cases.ts';
import type { Learner, LearnerProfile } from '../learning/model.ts';
import type {
  IndexedPart,
  IndexedPdf,
  LearningStore,
  PdfPart,
  ProfileDocuments,
  RenderedPdfIndex,
  StoredPdf,
} from '../learning/ports.ts';
import { shareProfile, type ShareProfileDependencies } from '../learning/share-profile.ts';
import { exportChunkSize, oncePerLearner } from './chunks.ts';
import { zipFileNames } from './file-names.ts';
import type { ExportCounts } from './job-status.ts';
import type { ExportJob, ExportResult, ExportStore, PdfRange } from './model.ts';
import { exportShareId } from './use-cases.ts';
import { shareSummary, type ExportFailureReason, type ShareOutcome } from './share-summary.ts';
import { zipIndex, zipIndexRow } from './zip-index.ts';

/** One file for the zip: its name inside it, the cached PDF it copies and its row of the index. */
export interface ExportZipEntry {
  name: string;
  pdfKey: string;
  /** Where the PDF is in `pdfKey`'s object, when it shares it (see `ProfileDocuments.renderTogether`). */
  pdfRange?: PdfRange | undefined;
  indexRow: string[];
}

/** Streams cached PDFs into one zip in the exports bucket (functions/adapters/s3/zip-packager.ts). */
export interface ExportPackager {
  package(input: {
    entries: AsyncIterable<ExportZipEntry>;
    key: string;
    index: { name: string; header: readonly string[] };
    expectedBytes: number;
  }): Promise<{ bytes: number; entries: number }>;
}

export interface ExportPipelineDependencies {
  store: ExportStore;
  learners: Pick<LearningStore, 'learner' | 'profile' | 'learnersById' | 'profilesById'>;
  documents: Pick<ProfileDocuments, 'ensureRendered' | 'renderTogether' | 'storeAlone'>;
  /** Which PDFs are cached, a chunk at a time (a download looks up no PDF one by one). */
  renderedIndex: RenderedPdfIndex;
  links: Pick<LinkUseCases, 'issue'>;
  /** Sends a message to its queue now (workers send what they owe directly; they are retried). */
  send(message: OutgoingMessage): Promise<void>;
  packager: ExportPackager;
  clock: Clock;
  appUrl: string;
  support: string;
}

/** Whether this delivery of a message is the queue's last: then a learner that still fails is given up on. */
export interface Attempt {
  last: boolean;
}

/** Retained with the zip: the link lives as long as the zip (7 days, links' own maximum). */
const downloadLinkDays = 7;

/** The exports bucket's key of a job's zip: one per job, so a packaging run repeated overwrites the same object. */
export const exportZipKey = (org: string, jobId: string) =>
  `exports/${encodeURIComponent(org)}/${jobId}/profiles.zip`;

/**
 * Learners of a share chunk handled at once: each waits mostly on the table and S3, so the chunk's
 * time is its slowest few round trips rather than the sum of 50 learners'.
 */
export const learnersInFlight = 8;

/** Runs `work` on every item, at most `width` at a time. */
export async function inTurns<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) await work(items[i]!);
    }),
  );
}

/** Chunk messages the start step sends at once. */
const chunksSentAtOnce = 5;

/** Page size when reading a job's rows back (packaging, summary). */
const rowsPerRead = 100;

/**
 * What follows rendering, owed by the one write that finds no learner remaining: packaging a
 * download, or the share's summary. Called by every step that may settle a job's last learner (a
 * chunk, or the dead-letter worker giving up on one: domain/exports/dead-letters.ts).
 */
export async function advanceAfterRendering(store: ExportStore, job: ExportJob) {
  if (job.action === 'download')
    await store.advance(job.id, 'rendering', 'packaging', [queueExportPackage({ jobId: job.id })]);
  else await store.advance(job.id, 'rendering', 'summarising', [queueExportSummary({ jobId: job.id })]);
}

/** A learner's row when they are given up on: named as far as they are known. */
export const failedRow = (
  entry: ExportedLearner,
  reason: ExportFailureReason,
  settledAt: string,
  learner?: Learner,
  profile?: LearnerProfile,
): ExportResult => ({
  learnerId: entry.learnerId,
  profileId: entry.profileId,
  language: entry.language,
  name: learner?.name ?? '',
  email: learner?.email ?? '',
  completedAt: profile?.completedAt ?? '',
  status: 'failed',
  reason,
  settledAt,
});

/**
 * The worker side of bulk exports: split the job into chunks, render (and for a share, email) each
 * learner, and let the chunk that settles the last learner move the job on, exactly once, by a
 * conditional write (never by polling). Every step may run twice: rows are written once, counted
 * once with them, and what follows is owed only by the write that moved the stage.
 */
export function profileExportPipeline(deps: ExportPipelineDependencies) {
  const { store, learners, documents, renderedIndex, links, send, packager, clock, appUrl, support } = deps;
  const now = () => clock.now().toISOString();

  /** The job's rows in order, the next page already being read while one is consumed. */
  async function* rows(jobId: string) {
    let reading = store.results(jobId, { limit: rowsPerRead });
    for (;;) {
      const page = await reading;
      if (page.next) {
        reading = store.results(jobId, { limit: rowsPerRead, after: page.next });
        // Its failure surfaces when it is awaited, above; not as an unhandled rejection meanwhile.
        reading.catch(() => undefined);
      }
      yield* page.items;
      if (!page.next) return;
    }
  }

  const advance = (job: ExportJob) => advanceAfterRendering(store, job);

  /**
   * Renders the PDFs a chunk of a download still lacks (every format gets one, digital included) and
   * settles the chunk's learners together. Per chunk, not per learner: the cache's index is read with
   * the chunk's rows and learners; profiles only for the PDFs to render, in one batched read; the
   * missing PDFs are rendered into one object (`renderTogether`: one write, and later one ranged
   * read for the zip), written into the index at once, and the rows go with their counts in one
   * transaction, so a cached chunk costs a few round trips. A learner whose render fails is left
   * unsettled to be retried with the message (on its last delivery, recorded failed); the others
   * are settled all the same.
   */
  async function downloadChunk(
    job: ExportJob,
    pending: readonly ExportedLearner[],
    known: ReadonlyMap<string, Learner>,
    pdfs: ReadonlyMap<string, IndexedPdf>,
    attempt: Attempt,
  ): Promise<unknown[]> {
    const settlements: { result: ExportResult; counts: Partial<ExportCounts> }[] = [];
    const errors: unknown[] = [];
    const settleRendered = (
      entry: ExportedLearner,
      learner: Learner,
      completedAt: string,
      pdf: StoredPdf | PdfPart,
    ) =>
      settlements.push({
        result: {
          learnerId: learner.id,
          profileId: entry.profileId,
          language: entry.language,
          name: learner.name,
          email: learner.email,
          completedAt,
          status: 'rendered',
          // A part of a shared object goes under its own name: code that knows only `pdfKey` (as
          // before shared objects) must never take the whole object for this learner's PDF.
          ...(pdf.offset === undefined
            ? { pdfKey: pdf.key }
            : { pdfPart: { key: pdf.key, offset: pdf.offset, bytes: pdf.bytes } }),
          settledAt: now(),
        },
        counts: { rendered: 1 },
      });
    const cachedPdf = (entry: ExportedLearner) => pdfs.get(pdfOf(entry));
    // A cached PDF's row needs only the completion date the selection carries: profiles (the
    // table's heaviest items) are read for what must be rendered, in one batched read.
    const toRead = pending.filter((entry) => !(cachedPdf(entry) && entry.completedAt));
    const profileById = new Map(
      (toRead.length > 0 ? await learners.profilesById(job.org, toRead) : []).map((p) => [p.id, p]),
    );
    const missing: { entry: ExportedLearner; learner: Learner; profile: LearnerProfile }[] = [];
    for (const entry of pending) {
      const learner = known.get(entry.learnerId);
      const cached = cachedPdf(entry);
      if (learner && cached && entry.completedAt) {
        settleRendered(entry, learner, entry.completedAt, cached);
        continue;
      }
      const profile = profileById.get(entry.profileId);
      if (!learner || !profile) {
        settlements.push({ result: failedRow(entry, 'profile-missing', now()), counts: { failed: 1 } });
        continue;
      }
      if (cached) settleRendered(entry, learner, profile.completedAt, cached);
      else missing.push({ entry, learner, profile });
    }
    const rendered: IndexedPdf[] = [];
    if (missing.length > 0) {
      // One write for them all: if it fails, every one of them failed to render (and is retried),
      // while the learners whose PDFs were cached are settled all the same.
      const outcomes = await documents
        .renderTogether(
          job.org,
          missing.map(({ entry, learner, profile }) => ({
            profile,
            personName: learner.name,
            language: entry.language,
          })),
        )
        .catch((error: unknown) => missing.map(() => ({ error })));
      outcomes.forEach((outcome, i) => {
        const { entry, learner, profile } = missing[i]!;
        if ('error' in outcome) {
          if (!attempt.last) return void errors.push(outcome.error);
          settlements.push({
            result: failedRow(entry, 'render-failed', now(), learner, profile),
            counts: { failed: 1 },
          });
          return;
        }
        rendered.push({ profileId: profile.id, language: entry.language, ...outcome });
        settleRendered(entry, learner, profile.completedAt, outcome);
      });
    }
    // Indexed before the rows are written: if this write fails the whole chunk is retried, instead of
    // settling learners whose fresh PDFs the next export could not find (it would render them again).
    if (rendered.length > 0) await renderedIndex.remember(job.org, rendered);
    await store.settleAll(job.id, settlements);
    return errors;
  }

  /**
   * The chunk's PDFs the cache's index knows, each as an object of its own (a link or an attachment
   * needs the PDF alone), by `<profileId> <language>`: as they are when alone already; copied out,
   * together, when rendered with a download's chunk (`storeAlone`: one ranged read per run of them,
   * one write each, far cheaper than rendering). A copy that fails is left out: that learner's PDF
   * is looked for and rendered as a single share's is.
   */
  async function cachedAlone(org: string, cached: readonly IndexedPdf[]) {
    const alone = new Map<string, StoredPdf>();
    const together = cached.filter((pdf): pdf is IndexedPart => pdf.offset !== undefined);
    const copies = together.length > 0 ? await documents.storeAlone(org, together) : [];
    copies.forEach((copy, i) => {
      if (!('error' in copy)) alone.set(pdfOf(together[i]!), copy);
    });
    for (const pdf of cached)
      if (pdf.offset === undefined) alone.set(pdfOf(pdf), { key: pdf.key, bytes: pdf.bytes });
    return alone;
  }

  /** Emails one learner by the single-share rules (domain/learning/share-profile.ts). */
  async function shareOne(
    job: ExportJob,
    entry: ExportedLearner,
    known: Learner | undefined,
    /** The learner's PDF as an object of its own, when the cache has it (`cachedAlone`). */
    cached: StoredPdf | undefined,
  ) {
    let learner: Learner | undefined;
    let profile: LearnerProfile | undefined;
    let rendering = false;
    // The learner's email, recorded in the outbox with the row and the counts (below), so the row it
    // is tracked on (delivery tracking) exists before the mail worker can send it, and a chunk that
    // dies between the two can neither lose the email nor send it without its row.
    let owedEmail: OutgoingMessage | undefined;
    const share = shareProfile({
      learners: {
        learner: async (org, id) => (learner = known ?? (await learners.learner(org, id))),
        profile: async (org, id, profileId) => (profile = await learners.profile(org, id, profileId)),
        // The job's row is this share's record: written once, with the counts, when the email is queued.
        markShareEmailed: async (_org, _shareId, channel, at) => {
          await store.settle(
            job.id,
            {
              learnerId: entry.learnerId,
              profileId: entry.profileId,
              language: entry.language,
              name: learner!.name,
              email: learner!.email,
              completedAt: profile!.completedAt,
              status: 'delivered',
              channel,
              requested: job.delivery ?? 'link',
              settledAt: at,
            },
            { rendered: 1, delivered: 1 },
            owedEmail ? [owedEmail] : [],
          );
        },
      },
      documents: {
        ensureRendered: async (org, wantedProfile, personName, language) => {
          rendering = true;
          const rendered =
            cached && wantedProfile.id === entry.profileId && language === entry.language
              ? cached
              : await documents.ensureRendered(org, wantedProfile, personName, language);
          rendering = false;
          return rendered;
        },
      },
      links,
      emails: {
        queue: async (email) => {
          owedEmail = queueEmail(email);
        },
      },
      clock,
      appUrl,
      support,
    } satisfies ShareProfileDependencies);
    try {
      const outcome = await share({
        org: job.org,
        shareId: exportShareId(job.id, entry.learnerId),
        learnerId: entry.learnerId,
        profileId: entry.profileId,
        delivery: job.delivery ?? 'link',
        language: entry.language,
        requestedBy: job.requestedBy,
        emailSubject: { kind: 'export-learner', org: job.org, job: job.id, learner: entry.learnerId },
      });
      if (outcome.outcome === 'gone')
        await store.settle(job.id, failedRow(entry, 'profile-missing', now(), learner, profile), {
          failed: 1,
        });
    } catch (error) {
      (error as { exportReason?: ExportFailureReason }).exportReason = rendering
        ? 'render-failed'
        : 'email-failed';
      (error as { learner?: Learner }).learner = learner;
      (error as { profile?: LearnerProfile }).profile = profile;
      throw error;
    }
  }

  /**
   * Emails a chunk's learners, a few at a time, each settled with its own email (`shareOne`). PDFs
   * the cache's index knows (`cached`, read with the chunk's rows) are neither looked for in the
   * bucket nor rendered again.
   */
  async function shareChunk(
    job: ExportJob,
    pending: readonly ExportedLearner[],
    known: ReadonlyMap<string, Learner>,
    cached: ReadonlyMap<string, IndexedPdf>,
    attempt: Attempt,
  ): Promise<unknown[]> {
    const errors: unknown[] = [];
    const alone = await cachedAlone(
      job.org,
      pending.flatMap((entry) => cached.get(pdfOf(entry)) ?? []),
    );
    await inTurns(pending, learnersInFlight, async (entry) => {
      try {
        await shareOne(job, entry, known.get(entry.learnerId), alone.get(pdfOf(entry)));
      } catch (error) {
        if (!attempt.last) return void errors.push(error);
        const reasons = error as {
          exportReason?: ExportFailureReason;
          learner?: Learner;
          profile?: LearnerProfile;
        };
        await store.settle(
          job.id,
          failedRow(entry, reasons.exportReason ?? 'render-failed', now(), reasons.learner, reasons.profile),
          { failed: 1 },
        );
      }
    });
    return errors;
  }

  return {
    /** Splits the job into chunk messages; sent again on a redelivery, which the chunks shrug off. */
    async start(jobId: string) {
      const job = await store.job(jobId);
      if (!job) return;
      for (let part = 0; part < job.parts; part++) {
        const learnersOfPart = await store.part(jobId, part);
        const perPart = Math.ceil(learnersOfPart.length / exportChunkSize);
        // A few sends at once: the first chunks are being rendered while the last are still sent.
        await inTurns(
          Array.from({ length: perPart }, (_, k) => k),
          chunksSentAtOnce,
          (k) =>
            send(
              queueExportChunk({
                jobId,
                index: part * 1000 + k,
                learners: learnersOfPart.slice(k * exportChunkSize, (k + 1) * exportChunkSize),
              }),
            ),
        );
      }
    },

    /**
     * Settles each learner of a chunk not settled yet. A learner that fails is retried with the
     * message; on the queue's last delivery it is recorded failed with its reason, so the job always
     * ends. The chunk then tries to move the job on (only the write that finds nobody remaining does).
     */
    async chunk(message: { jobId: string; learners: ExportedLearner[] }, attempt: Attempt) {
      const job = await store.job(message.jobId);
      if (!job) return;
      // One batched read each for the rows already written, the learners and the PDF index, in one
      // round trip, instead of one read per learner.
      const entries = oncePerLearner(message.learners, (entry) => entry.learnerId);
      const learnerIds = entries.map((entry) => entry.learnerId);
      const [settled, found, cached] = await Promise.all([
        store.settledAmong(job.id, learnerIds),
        learners.learnersById(job.org, learnerIds),
        renderedIndex.among(job.org, entries).then(byProfileAndLanguage),
      ]);
      const byId = new Map(found.map((learner) => [learner.id, learner]));
      const pending = entries.filter((entry) => !settled.has(entry.learnerId));
      const errors =
        job.action === 'download'
          ? await downloadChunk(job, pending, byId, cached, attempt)
          : await shareChunk(job, pending, byId, cached, attempt);
      // Only a chunk that may have settled the last learner tries to move the job on (the move is
      // conditional, so two chunks that both see none remaining move it once).
      const after = await store.job(job.id);
      if (after && after.remaining === 0) await advance(job);
      if (errors.length > 0) throw errors.at(-1);
    },

    /**
     * Streams the job's rendered PDFs into one zip with its index, issues the requester's link and
     * records the outcome with the email it owes, once. A redelivery after that finds it recorded.
     * Whatever fails throws, to be retried with the message; once the message has failed every
     * delivery, the dead-letter worker records the packaging failed (domain/exports/dead-letters.ts),
     * which also covers what no catch here could see (a timeout, a crash).
     */
    async package(jobId: string) {
      const job = await store.job(jobId);
      if (!job || job.packaging) return;
      if (job.rendered === 0) {
        await store.finishPackaging(jobId, { packaging: 'failed' }, now(), []);
        return;
      }
      const key = exportZipKey(job.org, job.id);
      const names = zipFileNames();
      async function* entries(): AsyncIterable<ExportZipEntry> {
        for await (const row of rows(jobId)) {
          const pdfKey = row.pdfPart?.key ?? row.pdfKey;
          if (row.status !== 'rendered' || !pdfKey) continue;
          const name = names.claim({
            personName: row.name,
            completedAt: row.completedAt,
            language: row.language,
          });
          yield {
            name,
            pdfKey,
            pdfRange: row.pdfPart && { offset: row.pdfPart.offset, bytes: row.pdfPart.bytes },
            indexRow: zipIndexRow({
              learnerName: row.name,
              email: row.email,
              language: row.language,
              completedAt: row.completedAt,
              fileName: name,
            }),
          };
        }
      }
      await packager.package({
        entries: entries(),
        key,
        index: zipIndex,
        expectedBytes: job.rendered * 200_000,
      });
      const link = await links.issue({
        bucket: 'exports',
        key,
        filename: `Profiles - ${job.requestedAt.slice(0, 10)}.zip`,
        contentType: 'application/zip',
        org: job.org,
        recipient: job.requesterEmail,
        subject: `export:${job.id}`,
        issuedBy: job.requestedBy,
        lifetimeDays: downloadLinkDays,
        once: `export:${job.id}`,
      });
      const email: Omit<EmailMessage, 'v' | 'type'> = {
        dedupeKey: `export:${job.id}`,
        to: [job.requesterEmail],
        ...exportReadyEmail({
          name: job.requesterName ?? job.requesterEmail,
          language: requesterLanguage(job),
          count: job.rendered,
          url: link.url,
          expiresAt: link.expiresAt,
          support,
        }),
        tags: emailTags({ kind: 'export-requester', org: job.org, job: job.id }),
      };
      await store.finishPackaging(
        jobId,
        { packaging: 'succeeded', delivered: job.rendered, downloadUrl: link.url, expiresAt: link.expiresAt },
        now(),
        [queueEmail(email)],
      );
    },

    /** The requester's one summary of a share export, once every learner is settled. */
    async summary(jobId: string) {
      const job = await store.job(jobId);
      if (!job || job.summarisedAt) return;
      const summary = shareSummary();
      for await (const row of rows(jobId)) {
        const outcome: ShareOutcome =
          row.status === 'failed'
            ? {
                learnerId: row.learnerId,
                name: row.name,
                email: row.email,
                status: 'failed',
                reason: row.reason ?? 'render-failed',
              }
            : {
                learnerId: row.learnerId,
                name: row.name,
                email: row.email,
                status: 'delivered',
                requested: row.requested ?? 'link',
                channel: row.channel ?? 'download-link',
              };
        summary.add([outcome]);
      }
      await send(
        queueEmail({
          dedupeKey: `export-summary:${job.id}`,
          to: [job.requesterEmail],
          ...shareSummaryEmail({
            name: job.requesterName ?? job.requesterEmail,
            language: requesterLanguage(job),
            summary: summary.result(),
            support,
          }),
          tags: emailTags({ kind: 'export-requester', org: job.org, job: job.id }),
        }),
      );
      await store.finishSummary(jobId, now());
    },
  };
}

/** What names one cached PDF: its profile and language. */
const pdfOf = (pdf: { profileId: string; language: string }) => `${pdf.profileId} ${pdf.language}`;

/** Cached PDFs by {@link pdfOf}. */
const byProfileAndLanguage = (pdfs: readonly IndexedPdf[]) => new Map(pdfs.map((pdf) => [pdfOf(pdf), pdf]));

/** The requester reads their emails in the export's language when one was chosen, else English. */
const requesterLanguage = (job: ExportJob) => (job.language === 'preferred' ? 'en' : job.language);

export type ProfileExportPipeline = ReturnType<typeof profileExportPipeline>;
