import * as z from 'zod/mini';
import { messageType, nonEmpty as id } from './message.ts';
import { releaseMessage } from './release.ts';

/**
 * The inputs of the other one-time schedules (EventBridge Scheduler → the release queue, the one
 * target every schedule of the group fires at, so no queue, DLQ or grant is added per purpose): one
 * message type per purpose. The release worker tells them apart by `type` and re-checks the state of
 * what they name, so a schedule that fires after an acceptance, a revocation or a cancel does
 * nothing, and a redelivered one changes nothing twice.
 */
/** A pending transfer's 30 days are over: its held uses go back to the sender's balance. */
export const transferExpiryMessages = messageType({
  queue: 'release',
  type: 'transfer.expire',
  v: 1,
  shape: { org: id, transferId: id },
});

/** An invitation's `expiresInDays` are over: it can no longer be accepted and its use returns. */
export const invitationExpiryMessages = messageType({
  queue: 'release',
  type: 'invitation.expire',
  v: 1,
  shape: { org: id, invitationId: id },
});

/** A scheduled reminder (`remindAfterDays`) of an invitation, named by its day. */
export const invitationReminderMessages = messageType({
  queue: 'release',
  type: 'invitation.remind',
  v: 1,
  shape: { org: id, invitationId: id, day: z.number().check(z.int(), z.minimum(1)) },
});

/** Everything the release queue carries: the release itself and the messages above. */
export const scheduledMessage = z.discriminatedUnion('type', [
  releaseMessage,
  transferExpiryMessages.schema,
  invitationExpiryMessages.schema,
  invitationReminderMessages.schema,
]);
export type ScheduledMessage = z.infer<typeof scheduledMessage>;

/** Deterministic names: creating twice is harmless (ConflictException), cancelling needs no lookup. */
export const scheduleNames = {
  transferExpiry: (transferId: string) => `transfer-expiry-${transferId}`,
  invitationExpiry: (invitationId: string) => `invitation-expiry-${invitationId}`,
  invitationReminder: (invitationId: string, day: number) => `invitation-reminder-${invitationId}-${day}`,
};

/**
 * One-time schedules that deliver one of the messages above at a time (the port the domain sees;
 * functions/adapters/scheduler/one-time-schedules.ts is EventBridge Scheduler's).
 */
export interface OneTimeSchedules {
  /** Idempotent: a schedule of that name already there is left as it is. */
  create(name: string, at: string, message: { queue: 'release'; body: unknown }): Promise<void>;
  /** Idempotent: a schedule already gone (fired, deleted) is fine. */
  cancel(name: string): Promise<void>;
}
