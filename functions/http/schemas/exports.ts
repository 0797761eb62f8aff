import * as z from 'zod';
import { emailDeliveryAnswer } from './email-delivery.ts';
import { maxExportLearners } from '../../../domain/exports/selection.ts';
import { count, listQuery, timestamp } from './common.ts';
import { languageTag } from './downloads.ts';

/** Request and response schemas of bulk profile exports (seed 001). */

const id = z.string().min(1).max(64);

export const teamExportParams = z.object({ teamId: id });
export const exportParams = z.object({ exportId: id });

const selection = {
  learnerIds: z.array(id).min(1).max(maxExportLearners).optional(),
  all: z.literal(true).optional(),
};
export const exportSummaryBody = z.object(selection);
export const exportBody = z.object({
  ...selection,
  action: z.enum(['download', 'share']),
  language: z.union([z.literal('preferred'), languageTag]),
  delivery: z.enum(['link', 'attachment']).optional(),
});
/** A page of an export's results, as any list pages. */
export const exportQuery = listQuery;

export const exportSummaryAnswer = z
  .object({ selected: count, withLatestProfile: count, withoutProfile: z.array(z.string()) })
  .meta({ id: 'ProfileExportSummary' });
const status = z.enum(['queued', 'running', 'succeeded', 'partially_succeeded', 'failed']);
export const exportAcceptedAnswer = z
  .object({ id: z.string(), status, total: count })
  .meta({ id: 'ProfileExportAccepted' });
export const exportResultAnswer = z
  .object({
    learnerId: z.string(),
    status: z.enum(['rendered', 'delivered', 'failed']),
    error: z.string().optional(),
    channel: z.enum(['attachment', 'download-link', 'digital-link']).optional(),
    email: emailDeliveryAnswer
      .optional()
      .meta({ description: "A share: what became of the learner's email" }),
    openedAt: timestamp.optional(),
  })
  .meta({ id: 'ProfileExportResult' });
export const exportJobAnswer = z
  .object({
    id: z.string(),
    action: z.enum(['download', 'share']),
    status,
    total: count,
    rendered: count,
    delivered: count,
    failed: count,
    downloadUrl: z.string().optional(),
    expiresAt: timestamp.optional(),
    requestedAt: timestamp.meta({ description: 'When the export was requested' }),
    finishedAt: timestamp.optional().meta({
      description:
        "When the job's last step was recorded: the zip written or given up on (download), the requester's summary queued (share). It may follow the final status by a moment, and a share whose summary email could not be queued never gets it",
    }),
    results: z.array(exportResultAnswer),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'ProfileExport' });
