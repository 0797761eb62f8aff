import * as z from 'zod';
import { product } from './practice.ts';
import { profileResults } from './learning.ts';

/** Request and response schemas of invitations and of "my assignments and profiles" (seed 000). */
export const invitationBody = z.object({
  email: z.email().max(254),
  product,
  includeCareerGuide: z.boolean().optional(),
  groupIds: z.array(z.string().min(1).max(64)).max(20).optional(),
  newGroupName: z.string().trim().min(1).max(120).optional(),
  withhold: z.boolean().optional(),
  /** Plain text, shown escaped. */
  message: z.string().max(2000).optional(),
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
    releaseAt: z.string().optional(),
    includeCareerGuide: z.boolean(),
    groupIds: z.array(z.string()),
    sentAt: z.string(),
    profileId: z.string().optional(),
    profile: z.object({ id: z.string(), completedAt: z.string(), results: profileResults }).optional(),
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
    completedAt: z.string(),
    withheld: z.boolean(),
    releaseAt: z.string().optional(),
  })
  .meta({ id: 'MyProfile' });
