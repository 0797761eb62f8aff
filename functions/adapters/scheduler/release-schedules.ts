import type { ReleaseSchedules } from '../../../domain/invitations/ports.ts';
import { releaseInvitation, releaseScheduleName } from '../../../events/release.ts';
import { eventBridgeOneTimeSchedules } from './one-time-schedules.ts';

/**
 * One-time EventBridge Scheduler schedules that release withheld profiles: one-time schedules like
 * any other (one-time-schedules.ts), named after the invitation (creating twice is harmless,
 * cancelling needs no lookup), delivering a release message to the release queue.
 */
export function eventBridgeReleaseSchedules(): ReleaseSchedules {
  const schedules = eventBridgeOneTimeSchedules();
  return {
    // The schedule fires at the release queue, so its input is a release message, made by its producer.
    create: (org, invitationId, at) =>
      schedules.create(releaseScheduleName(invitationId), at, releaseInvitation({ org, invitationId })),
    cancel: (invitationId) => schedules.cancel(releaseScheduleName(invitationId)),
  };
}
