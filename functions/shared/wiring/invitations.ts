import { invitationUseCases } from '../../../domain/invitations/use-cases.ts';
import { dynamoInvitationStore } from '../../adapters/dynamo/invitation-store.ts';
import { eventBridgeReleaseSchedules } from '../../adapters/scheduler/release-schedules.ts';
import { queuedMail } from '../../adapters/sqs/outgoing-mail.ts';
import { envNames } from '../env-names.ts';
import { requiredEnv, supportEmail } from '../env.ts';
import { secureRandom, systemClock, ulidIds } from '../runtime.ts';

export const invitationWiring = () =>
  invitationUseCases({
    store: dynamoInvitationStore(requiredEnv(envNames.tableName)),
    schedules: eventBridgeReleaseSchedules(),
    mail: queuedMail,
    clock: systemClock,
    ids: ulidIds,
    random: secureRandom,
    appUrl: requiredEnv(envNames.appUrl),
    support: supportEmail(),
  });
