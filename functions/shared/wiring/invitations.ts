import { invitationUseCases } from '../../../domain/invitations/use-cases.ts';
import { dynamoInvitationStore } from '../../adapters/dynamo/invitation-store.ts';
import { dynamoOutbox } from '../../adapters/dynamo/outbox.ts';
import { eventBridgeOneTimeSchedules } from '../../adapters/scheduler/one-time-schedules.ts';
import { eventBridgeReleaseSchedules } from '../../adapters/scheduler/release-schedules.ts';
import { envNames } from '../env-names.ts';
import { requiredEnv, supportEmail } from '../env.ts';
import { secureRandom, systemClock, ulidIds } from '../runtime.ts';

export const invitationWiring = () =>
  invitationUseCases({
    store: dynamoInvitationStore(requiredEnv(envNames.tableName)),
    schedules: eventBridgeReleaseSchedules(),
    oneTime: eventBridgeOneTimeSchedules(),
    // Emails are recorded in the outbox with the writes that owe them; the outbox relay queues them.
    outbox: dynamoOutbox(requiredEnv(envNames.tableName)),
    clock: systemClock,
    ids: ulidIds,
    random: secureRandom,
    appUrl: requiredEnv(envNames.appUrl),
    support: supportEmail(),
  });
