import type { EmailDelivery } from '../delivery/email-status.ts';
import type { ExportedLearner } from '../../events/profile-export.ts';
import type { OutgoingMessage } from '../../events/message.ts';
import type { Actor, Page, PageRequest } from '../kernel.ts';
import type { ShareChannel } from '../learning/share-policy.ts';
import type { ExportAction, ExportCounts } from './job-status.ts';
import type { ExportFailureReason } from './share-summary.ts';

/** Days a job, its rows and its zip are kept (the exports bucket's lifecycle removes the zip a day later). */
export const exportRetentionDays = 7;

/** Where the job stands in the pipeline; moves forward only, each move by a conditional write. */
export type ExportStage = 'rendering' | 'packaging' | 'summarising' | 'done';

/** A bulk export job (POST /v1/teams/{teamId}/profile-exports), in its own partition. */
export interface ExportJob extends ExportCounts {
  id: string;
  org: string;
  teamId: string;
  action: ExportAction;
  /** `preferred` or a language tag, as asked. */
  language: string;
  delivery?: 'link' | 'attachment' | undefined;
  requestedBy: string;
  requesterEmail: string;
  requesterName?: string | undefined;
  requestedAt: string;
  /** Learners neither settled nor given up on; the chunk that brings it to 0 moves the stage on. */
  remaining: number;
  stage: ExportStage;
  /** How many selection parts the request stored (the start step reads them). */
  parts: number;
  packaging?: 'succeeded' | 'failed' | undefined;
  downloadUrl?: string | undefined;
  expiresAt?: string | undefined;
  /** When packaging's outcome was recorded (a download's last step). */
  finishedAt?: string | undefined;
  /** When the requester's summary was queued (a share's last step). */
  summarisedAt?: string | undefined;
}

/** Bytes `offset` to `offset + bytes - 1` of an object. */
export interface PdfRange {
  offset: number;
  bytes: number;
}

/** One learner's outcome in a job, written once when the learner settles. */
export interface ExportResult {
  /** What became of its email (delivery tracking), once sent. */
  emailDelivery?: EmailDelivery | undefined;
  learnerId: string;
  profileId: string;
  language: string;
  name: string;
  email: string;
  completedAt: string;
  status: 'rendered' | 'delivered' | 'failed';
  reason?: ExportFailureReason | undefined;
  /** The cached PDF, when it is a whole object (download: what goes into the zip). */
  pdfKey?: string | undefined;
  /** The cached PDF, when it shares its object with the PDFs rendered with it (instead of `pdfKey`). */
  pdfPart?: (PdfRange & { key: string }) | undefined;
  /** Share: how the email went, and what was asked for (an attachment sent as a link fell back). */
  channel?: ShareChannel | undefined;
  requested?: 'link' | 'attachment' | undefined;
  settledAt: string;
}

export interface ExportStore {
  /** The job, its selection parts, its audit entry and the message it owes, in one transaction. */
  createJob(
    job: ExportJob,
    parts: ExportedLearner[][],
    actor: Actor,
    owed: { outbox: readonly OutgoingMessage[] },
  ): Promise<void>;
  job(jobId: string): Promise<ExportJob | undefined>;
  part(jobId: string, index: number): Promise<ExportedLearner[]>;
  result(jobId: string, learnerId: string): Promise<ExportResult | undefined>;
  /** Which of these learners already have a row (one batched read for a whole chunk). */
  settledAmong(jobId: string, learnerIds: readonly string[]): Promise<Set<string>>;
  results(jobId: string, page: PageRequest): Promise<Page<ExportResult>>;
  /**
   * Writes a learner's row if it has none and counts it on the job in the same transaction; false
   * when the row was already there (a redelivery), in which case nothing is counted again.
   */
  settle(
    jobId: string,
    result: ExportResult,
    counts: Partial<ExportCounts>,
    outbox?: readonly OutgoingMessage[],
  ): Promise<boolean>;
  /**
   * Settles several learners at once, as `settle` would one by one: each row written if it has none
   * and counted with it, in as few transactions as DynamoDB allows (one for a chunk). A row found
   * already written (a redelivery racing this one) sends that batch down the one-by-one path, so
   * nothing is counted twice.
   */
  settleAll(
    jobId: string,
    settlements: readonly { result: ExportResult; counts: Partial<ExportCounts> }[],
  ): Promise<void>;
  /**
   * Moves the job from `from` to `to` when no learner remains, recording `owed` with the move; true
   * only for the one write that moved it, so what follows is owed exactly once.
   */
  advance(
    jobId: string,
    from: ExportStage,
    to: ExportStage,
    owed: readonly OutgoingMessage[],
  ): Promise<boolean>;
  /** Records packaging's outcome once (and the email it owes); false if it was already recorded. */
  finishPackaging(
    jobId: string,
    outcome:
      | { packaging: 'succeeded'; delivered: number; downloadUrl: string; expiresAt: string }
      | { packaging: 'failed' },
    at: string,
    owed: readonly OutgoingMessage[],
  ): Promise<boolean>;
  /** Marks the share summary sent (idempotent). */
  finishSummary(jobId: string, at: string): Promise<void>;
}
