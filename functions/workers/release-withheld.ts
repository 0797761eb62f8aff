import { scheduledMessage } from '../../events/schedules.ts';
import { logger } from '../shared/logger.ts';
import { sqsWorker } from '../shared/worker.ts';
import { invitationWiring } from '../shared/wiring/invitations.ts';
import { transferWiring } from '../shared/wiring/transfers.ts';

const invitations = invitationWiring();
const transfers = transferWiring();

/**
 * Fired by the one-time schedules (events/schedules.ts): an invitation's release, expiry or
 * reminder, a transfer's expiry. Idempotent: each re-reads what it names and changes it only through a conditional write
 * (released once, expired only while pending), emails go under fixed dedupe keys, and a schedule
 * that fires after a cancel, an acceptance or an early release finds nothing left to do.
 */
export const handler = sqsWorker(scheduledMessage, async (message) => {
  switch (message.type) {
    case 'invitation.release': {
      const outcome = await invitations.release(message.org, message.invitationId, 'scheduler');
      logger.info('Release processed', { invitationId: message.invitationId, outcome });
      return;
    }
    case 'transfer.expire': {
      const outcome = await transfers.expire(message.org, message.transferId);
      logger.info('Transfer expiry processed', { transferId: message.transferId, outcome });
      return;
    }
    case 'invitation.expire': {
      const outcome = await invitations.expire(message.org, message.invitationId);
      logger.info('Invitation expiry processed', { invitationId: message.invitationId, outcome });
      return;
    }
    case 'invitation.remind': {
      const outcome = await invitations.remindScheduled(message.org, message.invitationId, message.day);
      logger.info('Invitation reminder processed', { invitationId: message.invitationId, outcome });
      return;
    }
  }
});
