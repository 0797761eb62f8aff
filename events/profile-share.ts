import * as z from 'zod/mini';

/** A message on the documents queue: email one learner one of their profiles. */
export const profileShareMessage = z.object({
  v: z.literal(1),
  type: z.literal('profile.share'),
  shareId: z.string().check(z.minLength(1)),
  org: z.string().check(z.minLength(1)),
  learnerId: z.string().check(z.minLength(1)),
  profileId: z.string().check(z.minLength(1)),
  delivery: z.enum(['link', 'attachment']),
  language: z.string().check(z.minLength(2)),
  requestedBy: z.string().check(z.minLength(1)),
});

export type ProfileShareMessage = z.infer<typeof profileShareMessage>;
