import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-scheduler';
import type { ReleaseSchedules } from '../../../domain/invitations/ports.ts';
import { releaseInvitation, releaseScheduleName } from '../../../events/release.ts';
import { scheduler } from '../../shared/clients/scheduler.ts';
import { envNames } from '../../shared/env-names.ts';
import { requiredEnv } from '../../shared/env.ts';

/** `2026-12-23T10:00:00.000Z` → `at(2026-12-23T10:00:00)`, read in the UTC time zone. */
export const atExpression = (iso: string) => `at(${new Date(iso).toISOString().slice(0, 19)})`;

/**
 * One-time EventBridge Scheduler schedules that release withheld profiles: named after the
 * invitation (creating twice is harmless, cancelling needs no lookup), UTC, deleted after they fire,
 * retried for a day and then dead-lettered, delivering a release message to the release queue.
 */
export function eventBridgeReleaseSchedules(): ReleaseSchedules {
  // Read when first used: the release worker shares these use cases but never schedules anything.
  const group = () => requiredEnv(envNames.schedulerGroup);
  return {
    async create(org, invitationId, at) {
      const roleArn = requiredEnv(envNames.schedulerRoleArn);
      const targetArn = requiredEnv(envNames.schedulerTargetArn);
      const deadLetterArn = requiredEnv(envNames.schedulerDeadLetterArn);
      // The schedule fires at the release queue, so its input is a release message, made by its producer.
      const input = releaseInvitation({ org, invitationId }).body;
      try {
        await scheduler.send(
          new CreateScheduleCommand({
            Name: releaseScheduleName(invitationId),
            GroupName: group(),
            ScheduleExpression: atExpression(at),
            ScheduleExpressionTimezone: 'UTC',
            FlexibleTimeWindow: { Mode: 'OFF' },
            ActionAfterCompletion: 'DELETE',
            Target: {
              Arn: targetArn,
              RoleArn: roleArn,
              Input: JSON.stringify(input),
              RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 24 * 60 * 60 },
              DeadLetterConfig: { Arn: deadLetterArn },
            },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConflictException)) throw error;
      }
    },
    async cancel(invitationId) {
      try {
        await scheduler.send(
          new DeleteScheduleCommand({ Name: releaseScheduleName(invitationId), GroupName: group() }),
        );
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
      }
    },
  };
}
