import * as z from 'zod';
import { freeText, timestamp } from './common.ts';
import { product } from './practice.ts';
import { profileResults } from './learning.ts';

/** Request and response schemas of invitations and of "my assignments and profiles" (seed 000). */
export const invitationBody = z.object({
  email: z.email().max(254),
  product,
  includeCareerGuide: z.boolean().optional(),
  groupIds: z.array(z.string().min(1).max(64)).max(20).optional(),
  newGroupName: freeText({ min: 1, max: 120 }).optional(),
  withhold: z.boolean().optional(),
  /** Plain text, shown escaped; several lines allowed (see freeText). */
  message: freeText({ max: 2000, trim: false, multiline: true }).optional(),
});
export const invitationParams = z.object({ invitationId: z.string().min(1).max(64) });
export const invitationListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().min(1).max(2048).optional(),
  status: z.enum(['sent', 'accepted', 'revoked']).optional(),
});
export const acceptBody = z.object({ token: z.string().min(20).max(200) });
export const completionBody = z.object({ results: profileResults });
export const assignmentParams = z.object({ assignmentId: z.string().min(1).max(64) });

export const invitationAnswer = z
  .object({
    id: z.string(),
    status: z.enum(['sent', 'accepted', 'revoked']),
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
    profileId: z.string().optional(),
    profile: z.object({ id: z.string(), completedAt: timestamp, results: profileResults }).optional(),
  })
  .meta({ id: 'Invitation' });
export const previewAnswer = z
  .object({ subject: z.string(), html: z.string(), text: z.string() })
  .meta({ id: 'EmailPreview' });
export const myProfileAnswer = z
  .object({
    id: z.string(),
    product,
    includeCareerGuide: z.boolean(),
    completedAt: timestamp,
    withheld: z.boolean(),
    releaseAt: timestamp.optional(),
  })
  .meta({ id: 'MyProfile' });
