import { shareProfile } from '../../../domain/learning/share-profile.ts';
import { queueEmail } from '../../../events/email.ts';
import { dynamoLearningStore } from '../../adapters/dynamo/learning-store.ts';
import { s3ProfileDocuments } from '../../adapters/s3/profile-documents.ts';
import { jobQueue } from '../../adapters/sqs/job-queue.ts';
import { envNames } from '../env-names.ts';
import { requiredEnv, supportEmail } from '../env.ts';
import { systemClock } from '../runtime.ts';
import { linkWiring } from './links.ts';

/**
 * The documents worker's composition: the one use case that emails a learner a profile. Kept apart
 * from the learners' and teams' wiring so their HTTP bundles carry neither the PDF renderer nor fonts.
 */
export const profileShareWiring = () =>
  shareProfile({
    learners: dynamoLearningStore(requiredEnv(envNames.tableName)),
    documents: s3ProfileDocuments(),
    links: linkWiring(),
    emails: { queue: (email) => jobQueue.send(queueEmail(email)) },
    clock: systemClock,
    appUrl: requiredEnv(envNames.appUrl),
    support: supportEmail(),
  });
