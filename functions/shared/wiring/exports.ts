import { profileExportUseCases } from '../../../domain/exports/use-cases.ts';
import { dynamoExportStore } from '../../adapters/dynamo/export-store.ts';
import { dynamoLearningStore } from '../../adapters/dynamo/learning-store.ts';
import { issuedLinkOpenings } from '../../adapters/dynamo/link-store.ts';
import { envNames } from '../env-names.ts';
import { requiredEnv } from '../env.ts';
import { systemClock, ulidIds } from '../runtime.ts';

/** The export routes (functions/http/profile-exports.ts). */
export const profileExportWiring = () => {
  const tableName = requiredEnv(envNames.tableName);
  return profileExportUseCases({
    store: dynamoExportStore(tableName),
    learners: dynamoLearningStore(tableName),
    clock: systemClock,
    ids: ulidIds,
    linkOpenings: issuedLinkOpenings(tableName),
  });
};
