import { courseUseCases } from '../../../domain/sharing/courses.ts';
import { shareStaff } from '../../../domain/sharing/share-staff.ts';
import { sharingUseCases } from '../../../domain/sharing/use-cases.ts';
import { dynamoLearningStore } from '../../adapters/dynamo/learning-store.ts';
import { dynamoSharingStore } from '../../adapters/dynamo/sharing-store.ts';
import { envNames } from '../env-names.ts';
import { requiredEnv, supportEmail } from '../env.ts';
import { systemClock, ulidIds } from '../runtime.ts';

/** Links, shared teams and shared staff, both sides (functions/http/suppliers.ts, clients.ts, client-staff.ts). */
export const sharingWiring = () => {
  const tableName = requiredEnv(envNames.tableName);
  return sharingUseCases({
    store: dynamoSharingStore(tableName),
    learners: dynamoLearningStore(tableName),
    clock: systemClock,
    ids: ulidIds,
  });
};

/** A client's courses and their assignments (functions/http/courses.ts). */
export const courseWiring = () => {
  const tableName = requiredEnv(envNames.tableName);
  return courseUseCases({
    store: dynamoSharingStore(tableName),
    learners: dynamoLearningStore(tableName),
    clock: systemClock,
    ids: ulidIds,
    support: supportEmail(),
  });
};

/** The sharing queue's worker: carries out staff share jobs (functions/workers/share-staff.ts). */
export const shareStaffWiring = () => {
  const tableName = requiredEnv(envNames.tableName);
  return shareStaff({
    store: dynamoSharingStore(tableName),
    learners: dynamoLearningStore(tableName),
    clock: systemClock,
    ids: ulidIds,
  });
};
