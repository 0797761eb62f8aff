import { staffShareMessage } from '../../events/staff-share.ts';
import { logger } from '../shared/logger.ts';
import { sqsWorker } from '../shared/worker.ts';
import { shareStaffWiring } from '../shared/wiring/sharing.ts';

const shareStaff = shareStaffWiring();

/**
 * The sharing queue's worker: one message, one staff share job (domain/sharing/share-staff.ts),
 * idempotent, so a message delivered twice shares each person once.
 */
export const handler = sqsWorker(staffShareMessage, async (message) => {
  const result = await shareStaff(message);
  logger.info('Staff share job done', { jobId: message.jobId, ...result });
});
