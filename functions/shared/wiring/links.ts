import { linkUseCases } from '../../../domain/links/use-cases.ts';
import { dynamoLinkStore } from '../../adapters/dynamo/link-store.ts';
import { envNames } from '../env-names.ts';
import { requiredEnv } from '../env.ts';
import { systemClock } from '../runtime.ts';

export const linkWiring = () =>
  linkUseCases({
    store: dynamoLinkStore(requiredEnv(envNames.tableName)),
    clock: systemClock,
    apiUrl: requiredEnv(envNames.apiUrl),
  });
