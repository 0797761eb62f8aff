import * as z from 'zod';
import { invitationEmailAnswer } from './email-delivery.ts';
import { freeText, listQuery, timestamp } from './common.ts';
import { languageTag } from './downloads.ts';
import { offered, product } from './practice.ts';
import { profileResults } from './learning.ts';

/** Request and response schemas of invitations and of "my assignments and profiles" (seed 000). */
export const invitationBody = z
  .object({
    email: z.email().max(254),
    product,
    includeCareerGuide: z.boolean().optional(),
    groupIds: z.array(z.string().min(1).max(64)).max(20).optional(),
    newGroupName: freeText({ min: 1, max: 120 }).optional(),
    withhold: z.boolean().optional(),
    /** Plain text, shown escaped; several lines allowed (see freeText). */
    message: freeText({ max: 2000, trim: false, multiline: true }).optional(),
    expiresInDays: z
      .number()
      .int()
      .min(1)
      .max(90)
      .optional()
      .meta({ description: 'After this many days it can no longer be accepted and its use returns' }),
    remindAfterDays: z.array(z.number().int().min(1).max(89)).max(10).optional().meta({
      description: 'Days after sending on which the invitee is reminded; each before expiresInDays',
    }),
    /** The invitee's language for reminders (English when absent or not one we write in). */
    language: languageTag.optional(),
  })
  .superRefine((body, context) => {
    for (const [i, day] of (body.remindAfterDays ?? []).entries())
      if (body.expiresInDays !== undefined && day >= body.expiresInDays)
        context.addIssue({
          code: 'custom',
          path: ['remindAfterDays', i],
          message: 'must be before expiresInDays',
        });
  });
export const invitationParams = z.object({ invitationId: z.string().min(1).max(64) });
export const invitationListQuery = listQuery.extend({
  status: z.enum(['sent', 'accepted', 'revoked', 'expired']).optional(),
});
export const acceptBody = z.object({ token: z.string().min(20).max(200) });
export const completionBody = z.object({ results: profileResults });
export const assignmentParams = z.object({ assignmentId: z.string().min(1).max(64) });

export const invitationAnswer = z
  .object({
    id: z.string(),
    status: z.enum(['sent', 'accepted', 'revoked', 'expired']),
    email: z.string(),
    product,
    withhold: z.boolean(),
    releaseAt: timestamp.optional().meta({ description: 'When a withheld profile is released' }),
    includeCareerGuide: z.boolean(),
    groupIds: z.array(z.string()),
    message: z.string().optional().meta({ description: 'The personal message sent with it' }),
    sentAt: timestamp,
    acceptedAt: timestamp.optional(),
    releasedAt: timestamp.optional().meta({ description: 'When a withheld profile was released' }),
    revokedAt: timestamp.optional(),
    expiresAt: timestamp.optional().meta({ description: 'After this it can no longer be accepted' }),
    expiredAt: timestamp.optional(),
    reminders: z.array(z.object({ at: timestamp, status: z.enum(['scheduled', 'sent', 'cancelled']) })).meta({
      description:
        'Scheduled and manual reminders; scheduled ones are cancelled once it is accepted, revoked or expired',
    }),
    profileId: z.string().optional(),
    profile: z.object({ id: z.string(), completedAt: timestamp, results: profileResults }).optional(),
  })
  .meta({ id: 'Invitation' });
/** `GET /v1/invitations/{id}`: the invitation, its `email` being what became of the email (api.md). */
export const invitationDetailAnswer = invitationAnswer
  .extend({ email: invitationEmailAnswer })
  .meta({ id: 'InvitationDetail' });
export const previewAnswer = z
  .object({ subject: z.string(), html: z.string(), text: z.string() })
  .meta({ id: 'EmailPreview' });
export const myProfileAnswer = z
  .object({
    id: z.string(),
    ...offered,
    completedAt: timestamp,
    withheld: z.boolean(),
    releaseAt: timestamp.optional(),
  })
  .meta({ id: 'MyProfile' });
export const reminderAnswer = z
  .object({ invitationId: z.string(), at: timestamp })
  .meta({ id: 'InvitationReminder', description: 'The reminder on its way' });
export const groupReminderParams = z.object({ groupId: z.string().min(1).max(64) });
export const groupReminderAnswer = z
  .object({ reminded: z.number().int().min(0).meta({ description: 'Members emailed now' }) })
  .meta({ id: 'GroupReminder' });
