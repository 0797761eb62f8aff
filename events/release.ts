import * as z from 'zod/mini';

/**
 * The input of an invitation's one-time release schedule (EventBridge Scheduler → release queue):
 * release the withheld profile of one invitation. The worker re-checks the invitation's state, so a
 * schedule that fires after a cancel or an early release does nothing twice.
 */
export const releaseMessage = z.object({
  v: z.literal(1),
  type: z.literal('invitation.release'),
  org: z.string().check(z.minLength(1)),
  invitationId: z.string().check(z.minLength(1)),
});

export type ReleaseMessage = z.infer<typeof releaseMessage>;

/** Deterministic, so creating twice is harmless (ConflictException) and cancelling needs no lookup. */
export const releaseScheduleName = (invitationId: string) => `release-${invitationId}`;
