import { releaseMessage } from '../../events/release.ts';
import { logger } from '../shared/logger.ts';
import { sqsWorker } from '../shared/worker.ts';
import { invitationWiring } from '../shared/wiring/invitations.ts';

const invitations = invitationWiring();

/**
 * Fired by an invitation's release schedule. Idempotent: the invitation is marked released once
 * (conditional write), the "ready" email is queued under a fixed dedupe key, and a schedule that
 * fires after a cancel or an early release finds nothing left to do.
 */
export const handler = sqsWorker(releaseMessage, async (message) => {
  const outcome = await invitations.release(message.org, message.invitationId, 'scheduler');
  logger.info('Release processed', { invitationId: message.invitationId, outcome });
});
