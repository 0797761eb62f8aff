import { invitedProfiles } from '../../../domain/invitations/profiles.ts';
import { profileDownloadUseCases } from '../../../domain/learning/downloads.ts';
import { clientDownloadUseCases } from '../../../domain/sharing/client-downloads.ts';
import { dynamoAuditLog } from '../../adapters/dynamo/audit-log.ts';
import { dynamoInvitationStore } from '../../adapters/dynamo/invitation-store.ts';
import { dynamoLearningStore } from '../../adapters/dynamo/learning-store.ts';
import { s3ProfileDocuments } from '../../adapters/s3/profile-documents.ts';
import { envNames } from '../env-names.ts';
import { requiredEnv } from '../env.ts';
import { systemClock } from '../runtime.ts';
import { linkWiring } from './links.ts';
import { sharingStores } from './sharing-stores.ts';

/** The only HTTP composition that carries the PDF renderer (see functions/http/downloads.ts). */
export const downloadWiring = () => {
  const tableName = requiredEnv(envNames.tableName);
  return profileDownloadUseCases({
    learners: dynamoLearningStore(tableName),
    invitations: invitedProfiles(dynamoInvitationStore(tableName), systemClock),
    documents: s3ProfileDocuments(),
    audit: dynamoAuditLog(tableName),
    clock: systemClock,
  });
};

/**
 * A client's download of a profile shared with it (seed 002): answered as a link bound to the share,
 * so a revocation withdraws it (domain/sharing/client-downloads.ts).
 */
export const clientDownloadWiring = () =>
  clientDownloadUseCases({ ...sharingStores(), documents: s3ProfileDocuments(), links: linkWiring() });
