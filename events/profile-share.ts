import * as z from 'zod';

/** A message on the documents queue: email one learner one of their profiles. */
export const profileShareMessage = z.object({
  v: z.literal(1),
  type: z.literal('profile.share'),
  shareId: z.string().min(1),
  org: z.string().min(1),
  learnerId: z.string().min(1),
  profileId: z.string().min(1),
  delivery: z.enum(['link', 'attachment']),
  language: z.string().min(2),
  requestedBy: z.string().min(1),
});

export type ProfileShareMessage = z.infer<typeof profileShareMessage>;
