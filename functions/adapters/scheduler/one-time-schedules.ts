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

/** `2026-12-23T10:00:00.000Z` → `at(2026-12-23T10:00:00)`, read in the UTC time zone. */
export const atExpression = (iso: string) => `at(${new Date(iso).toISOString().slice(0, 19)})`;

/**
 * One-time EventBridge Scheduler schedules of any purpose (profile releases, transfer expiry,
 * invitation expiry and reminders): in the one schedule group, UTC, deleted after they fire, retried
 * for a day and then dead-lettered, each delivering its message to the release queue.
 */
export function eventBridgeOneTimeSchedules(): OneTimeSchedules {
  // Read when first used: the release worker shares these use cases but never schedules anything.
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
