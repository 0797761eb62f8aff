import { learningUseCases } from '../../../domain/learning/use-cases.ts';
import { dynamoLearningStore } from '../../adapters/dynamo/learning-store.ts';
import { envNames } from '../env-names.ts';
import { requiredEnv } from '../env.ts';
import { systemClock, ulidIds } from '../runtime.ts';
import { linkWiring } from './links.ts';

export const learningWiring = () => {
  const tableName = requiredEnv(envNames.tableName);
  return learningUseCases({
    store: dynamoLearningStore(tableName),
    links: linkWiring(),
    clock: systemClock,
    ids: ulidIds,
  });
};
