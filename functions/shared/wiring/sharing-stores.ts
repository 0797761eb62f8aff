import { dynamoLearningStore } from '../../adapters/dynamo/learning-store.ts';
import { dynamoSharingStore } from '../../adapters/dynamo/sharing-store.ts';
import { envNames } from '../env-names.ts';
import { requiredEnv } from '../env.ts';

/**
 * The two stores every sharing composition reads: the grants, and the learners they name. A module
 * of its own so the downloads entry takes them without the sharing use cases.
 */
export const sharingStores = () => {
  const tableName = requiredEnv(envNames.tableName);
  return { store: dynamoSharingStore(tableName), learners: dynamoLearningStore(tableName) };
};
