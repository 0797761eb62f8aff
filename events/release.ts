import type * as z from 'zod/mini';
import { messageType, nonEmpty } from './message.ts';

/**
 * The input of an invitation's one-time release schedule (EventBridge Scheduler → release queue):
 * release the withheld profile of one invitation. The worker re-checks the invitation's state, so a
 * schedule that fires after a cancel or an early release does nothing twice.
 */
export const releaseMessages = messageType({
  queue: 'release',
  type: 'invitation.release',
  v: 1,
  shape: {
    org: nonEmpty,
    invitationId: nonEmpty,
  },
});

export const releaseMessage = releaseMessages.schema;
/** THE producer of release messages (the scheduler adapter sends its body as the schedule's input). */
export const releaseInvitation = releaseMessages.produce;

export type ReleaseMessage = z.infer<typeof releaseMessage>;

/** Deterministic, so creating twice is harmless (ConflictException) and cancelling needs no lookup. */
export const releaseScheduleName = (invitationId: string) => `release-${invitationId}`;
