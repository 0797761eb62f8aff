import { practiceUseCases } from '../../../domain/practice/use-cases.ts';
import { dynamoPracticeStore } from '../../adapters/dynamo/practice-store.ts';
import { envNames } from '../env-names.ts';
import { requiredEnv } from '../env.ts';
import { secureRandom, systemClock, ulidIds } from '../runtime.ts';

/**
 * Composition roots, one module per bounded context so that each Lambda bundle carries only the
 * adapters it uses (a shared module would drag the PDF renderer into every bundle).
 */
export const practiceWiring = () =>
  practiceUseCases({
    store: dynamoPracticeStore(requiredEnv(envNames.tableName)),
    clock: systemClock,
    ids: ulidIds,
    random: secureRandom,
    appUrl: requiredEnv(envNames.appUrl),
  });
