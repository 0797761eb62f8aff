import * as z from 'zod/mini';
import { messageType } from './message.ts';

/** A message on the documents queue: email one learner one of their profiles. */
export const profileShareMessages = messageType({
  queue: 'documents',
  type: 'profile.share',
  v: 1,
  shape: {
    shareId: z.string().check(z.minLength(1)),
    org: z.string().check(z.minLength(1)),
    learnerId: z.string().check(z.minLength(1)),
    profileId: z.string().check(z.minLength(1)),
    delivery: z.enum(['link', 'attachment']),
    language: z.string().check(z.minLength(2)),
    requestedBy: z.string().check(z.minLength(1)),
  },
});

export const profileShareMessage = profileShareMessages.schema;
/** THE producer of share jobs. */
export const queueProfileShare = profileShareMessages.produce;

export type ProfileShareMessage = z.infer<typeof profileShareMessage>;
