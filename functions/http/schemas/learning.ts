import * as z from 'zod';
import { emailDeliveryAnswer } from './email-delivery.ts';
import { freeText, queuedWork, timestamp } from './common.ts';
import { languageTag, learnerParams, learnerProfileParams } from './downloads.ts';

export { learnerParams, learnerProfileParams };

/** Request and response schemas of learners, teams and single-profile routes (seed 001). */

const score = z.object({
  key: freeText({ min: 1, max: 64 }),
  label: freeText({ min: 1, max: 120 }),
  value: z.number().min(0).max(100),
});
export const profileResults = z.object({
  scores: z.array(score).min(1).max(50),
  summary: freeText({ max: 5000, trim: false, multiline: true }).optional(),
});

export const learnerBody = z.object({
  name: freeText({ min: 1, max: 200 }),
  email: z.email().max(254),
  preferredLanguage: languageTag,
});
export const profileImportBody = z.object({
  product: z.literal('discovery'),
  completedAt: z.iso
    .datetime({ offset: true })
    .transform((value) => new Date(value).toISOString())
    .refine((value) => value <= new Date(Date.now() + 5 * 60_000).toISOString(), 'must not be in the future'),
  format: z.enum(['pdf', 'digital']),
  results: profileResults,
});
export const shareBody = z.object({
  delivery: z.enum(['link', 'attachment']),
  language: languageTag.optional(),
});
export const teamBody = z.object({ name: freeText({ min: 1, max: 200 }) });
export const teamMembersBody = z.object({ learnerIds: z.array(z.string().min(1).max(64)).min(1).max(500) });

export const shareParams = learnerProfileParams.extend({ shareId: z.string().min(1).max(64) });
export const teamParams = z.object({ teamId: z.string().min(1).max(64) });

const profileSummary = z.object({
  id: z.string(),
  product: z.string(),
  completedAt: timestamp,
  format: z.enum(['pdf', 'digital']),
});
export const learnerAnswer = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    preferredLanguage: z.string(),
    createdAt: timestamp,
    profiles: z.array(profileSummary),
  })
  .meta({ id: 'Learner' });
export const learnerProfileAnswer = profileSummary
  .extend({ learnerId: z.string(), results: profileResults, importedAt: timestamp })
  .meta({ id: 'LearnerProfile' });
export const shareAnswer = z
  .object({
    ...queuedWork('emailed'),
    learnerId: z.string(),
    profileId: z.string(),
    delivery: z.enum(['link', 'attachment']),
    language: z.string(),
    channel: z.enum(['attachment', 'download-link', 'digital-link']).optional(),
    emailedAt: timestamp.optional(),
    email: emailDeliveryAnswer.optional().meta({ description: 'What became of the email, once sent' }),
  })
  .meta({ id: 'ProfileShare' });
export const teamAnswer = z
  .object({ id: z.string(), name: z.string(), createdAt: timestamp })
  .meta({ id: 'Team' });
export const teamDetailAnswer = teamAnswer
  .extend({
    members: z.array(
      z.object({
        learner: learnerAnswer,
        latestProfile: z
          .object({
            id: z.string(),
            completedAt: timestamp,
            format: z.enum(['pdf', 'digital']),
            product: z.string(),
          })
          .nullable(),
      }),
    ),
  })
  .meta({ id: 'TeamDetail' });
