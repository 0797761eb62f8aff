import { invitationUseCases } from '../../domain/invitations/use-cases.ts';
import { learningUseCases } from '../../domain/learning/use-cases.ts';
import { linkUseCases } from '../../domain/links/use-cases.ts';
import { practiceUseCases } from '../../domain/practice/use-cases.ts';
import { dynamoAuditLog } from '../adapters/dynamo/audit-log.ts';
import { dynamoInvitationStore } from '../adapters/dynamo/invitation-store.ts';
import { dynamoLearningStore } from '../adapters/dynamo/learning-store.ts';
import { eventBridgeReleaseSchedules } from '../adapters/scheduler/release-schedules.ts';
import { queuedMail } from '../adapters/sqs/outgoing-mail.ts';
import { dynamoLinkStore } from '../adapters/dynamo/link-store.ts';
import { s3ProfileDocuments } from '../adapters/s3/profile-documents.ts';
import { jobQueue } from '../adapters/sqs/job-queue.ts';
import { dynamoPracticeStore } from '../adapters/dynamo/practice-store.ts';
import { envNames } from './env-names.ts';
import { requiredEnv, supportEmail } from './env.ts';
import { secureRandom, systemClock, ulidIds } from './runtime.ts';

/** Composition root: use cases with their production adapters, built once per container. */
export const practiceWiring = () =>
  practiceUseCases({
    store: dynamoPracticeStore(requiredEnv(envNames.tableName)),
    clock: systemClock,
    ids: ulidIds,
    random: secureRandom,
    appUrl: requiredEnv(envNames.appUrl),
  });

export const learningWiring = () => {
  const tableName = requiredEnv(envNames.tableName);
  return learningUseCases({
    store: dynamoLearningStore(tableName),
    audit: dynamoAuditLog(tableName),
    documents: s3ProfileDocuments(),
    shares: { enqueueProfileShare: (message) => jobQueue.profileShare(message) },
    clock: systemClock,
    ids: ulidIds,
  });
};

export const linkWiring = () =>
  linkUseCases({
    store: dynamoLinkStore(requiredEnv(envNames.tableName)),
    clock: systemClock,
    apiUrl: requiredEnv(envNames.apiUrl),
  });

export const invitationWiring = () =>
  invitationUseCases({
    store: dynamoInvitationStore(requiredEnv(envNames.tableName)),
    schedules: eventBridgeReleaseSchedules(),
    mail: queuedMail,
    clock: systemClock,
    ids: ulidIds,
    random: secureRandom,
    appUrl: requiredEnv(envNames.appUrl),
    support: supportEmail(),
  });
