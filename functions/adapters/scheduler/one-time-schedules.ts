import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-scheduler';
import type { OneTimeSchedules } from '../../../events/schedules.ts';
import { scheduler } from '../../shared/clients/scheduler.ts';
import { envNames } from '../../shared/env-names.ts';
import { requiredEnv } from '../../shared/env.ts';
import { atExpression } from './release-schedules.ts';

/**
 * One-time EventBridge Scheduler schedules of any purpose (transfer expiry, invitation expiry and
 * reminders), made exactly as the releases are: in the one schedule group, UTC, deleted after they
 * fire, retried for a day and then dead-lettered, each delivering its message to the release queue.
 */
export function eventBridgeOneTimeSchedules(): OneTimeSchedules {
  const group = () => requiredEnv(envNames.schedulerGroup);
  return {
    async create(name, at, message) {
      try {
        await scheduler.send(
          new CreateScheduleCommand({
            Name: name,
            GroupName: group(),
            ScheduleExpression: atExpression(at),
            ScheduleExpressionTimezone: 'UTC',
            FlexibleTimeWindow: { Mode: 'OFF' },
            ActionAfterCompletion: 'DELETE',
            Target: {
              Arn: requiredEnv(envNames.schedulerTargetArn),
              RoleArn: requiredEnv(envNames.schedulerRoleArn),
              Input: JSON.stringify(message.body),
              RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 24 * 60 * 60 },
              DeadLetterConfig: { Arn: requiredEnv(envNames.schedulerDeadLetterArn) },
            },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConflictException)) throw error;
      }
    },
    async cancel(name) {
      try {
        await scheduler.send(new DeleteScheduleCommand({ Name: name, GroupName: group() }));
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
      }
    },
  };
}
