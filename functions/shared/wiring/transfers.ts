import { transferUseCases } from '../../../domain/transfers/use-cases.ts';
import { dynamoTransferStore } from '../../adapters/dynamo/transfer-store.ts';
import { eventBridgeOneTimeSchedules } from '../../adapters/scheduler/one-time-schedules.ts';
import { envNames } from '../env-names.ts';
import { requiredEnv, supportEmail } from '../env.ts';
import { secureRandom, systemClock, ulidIds } from '../runtime.ts';

export const transferWiring = () =>
  transferUseCases({
    store: dynamoTransferStore(requiredEnv(envNames.tableName)),
    schedules: eventBridgeOneTimeSchedules(),
    clock: systemClock,
    ids: ulidIds,
    random: secureRandom,
    appUrl: requiredEnv(envNames.appUrl),
    support: supportEmail(),
  });
