import { linkUseCases } from '../../../domain/links/use-cases.ts';
import { staffShareGrants } from '../../../domain/sharing/client-downloads.ts';
import { dynamoSharingStore } from '../../adapters/dynamo/sharing-store.ts';
import { dynamoLinkStore } from '../../adapters/dynamo/link-store.ts';
import { envNames } from '../env-names.ts';
import { requiredEnv } from '../env.ts';
import { systemClock } from '../runtime.ts';

/** Links in emails; a link issued under a staff share opens only while that share stands. */
export const linkWiring = () => {
  const tableName = requiredEnv(envNames.tableName);
  return linkUseCases({
    store: dynamoLinkStore(tableName),
    clock: systemClock,
    apiUrl: requiredEnv(envNames.apiUrl),
    grants: staffShareGrants(dynamoSharingStore(tableName)),
  });
};
