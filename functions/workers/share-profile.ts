import { profileShareMessage } from '../../events/profile-share.ts';
import { logger } from '../shared/logger.ts';
import { sqsWorker } from '../shared/worker.ts';
import { profileShareWiring } from '../shared/wiring/profile-share.ts';

const shareProfile = profileShareWiring();

/**
 * The documents queue's worker: one message, one profile emailed to one learner
 * (domain/learning/share-profile.ts). A share whose learner or profile was deleted meanwhile has
 * nobody to reach, which is no failure to retry.
 */
export const handler = sqsWorker(profileShareMessage, async (message) => {
  const result = await shareProfile(message);
  if (result.outcome === 'gone')
    logger.warn('Learner or profile no longer exists; nothing to share', { shareId: message.shareId });
});
