import * as z from 'zod/mini';
import { languageTag, messageType, nonEmpty } from './message.ts';

/** A message on the documents queue: email one learner one of their profiles. */
export const profileShareMessages = messageType({
  queue: 'documents',
  type: 'profile.share',
  v: 1,
  shape: {
    shareId: nonEmpty,
    org: nonEmpty,
    learnerId: nonEmpty,
    profileId: nonEmpty,
    delivery: z.enum(['link', 'attachment']),
    language: languageTag,
    requestedBy: nonEmpty,
  },
});

export const profileShareMessage = profileShareMessages.schema;
/** THE producer of share jobs. */
export const queueProfileShare = profileShareMessages.produce;

export type ProfileShareMessage = z.infer<typeof profileShareMessage>;
