import { practiceUseCases } from '../../domain/practice/use-cases.ts';
import { dynamoPracticeStore } from '../adapters/dynamo/practice-store.ts';
import { envNames } from './env-names.ts';
import { requiredEnv } from './env.ts';
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
