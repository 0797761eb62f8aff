import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  emailRanks,
  type EmailDelivery,
  type EmailStatusChange,
} from '../../../domain/delivery/email-status.ts';
import type { EmailSubject } from '../../../events/email-subject.ts';
import { dynamo } from '../../shared/clients/dynamo.ts';
import { conditionally } from './transactions.ts';
import { keys, type ItemKey } from './keys.ts';

/**
 * Delivery tracking in the table: each tracked email's status lives on the record it belongs to (an
 * export's result row, a single share, an invitation, a transfer, a course assignment), in flat
 * `email…` attributes beside the record's own fields (an item's `email` is often the recipient's
 * address, so the status cannot take that name). Flat attributes let a later event set some fields
 * (a bounce's reason) and keep others (the message id recorded when it was sent).
 */
const attribute = {
  status: 'emailStatus',
  at: 'emailAt',
  rank: 'emailRank',
  messageId: 'emailMessageId',
  bounceType: 'emailBounceType',
  reason: 'emailReason',
  smtpStatus: 'emailSmtpStatus',
  delayedAt: 'emailDelayedAt',
  delayReason: 'emailDelayReason',
} as const satisfies Record<keyof EmailStatusChange, string>;

/**
 * The item whose email `subject` names, or undefined for emails no record shows a status for (the
 * requester's own export emails, the "results ready" email of a release).
 */
export function trackedItemKey(subject: EmailSubject): ItemKey | undefined {
  switch (subject.kind) {
    case 'export-learner':
      return keys.exportResult(subject.job, subject.learner);
    case 'profile-share':
      return keys.share(subject.org, subject.share);
    case 'invitation':
      return keys.invitation(subject.org, subject.invitation);
    case 'transfer':
      return keys.transfer(subject.org, subject.transfer);
    case 'course':
      return keys.courseAssignment(subject.org, subject.staff, subject.assignment);
    case 'export-requester':
    case 'release':
    case 'group-reminder':
      return undefined;
  }
}

export type TrackingOutcome = 'recorded' | 'unchanged' | 'untracked';

export function emailTracking(tableName: string) {
  return {
    /**
     * Moves the record's email status forward: one conditional update that applies only if the
     * record exists and its current rank is lower, so duplicates and late, out-of-order events change
     * nothing. A record that does not exist (never was, or expired) is `unchanged` as well: there is
     * nothing to show the status on, and retrying would not make it appear.
     */
    async record(subject: EmailSubject, change: EmailStatusChange): Promise<TrackingOutcome> {
      const key = trackedItemKey(subject);
      if (!key) return 'untracked';
      const names: Record<string, string> = { '#rank': attribute.rank };
      const values: Record<string, unknown> = { ':rank': change.rank };
      const sets: string[] = [];
      for (const [field, value] of Object.entries(change) as [keyof EmailStatusChange, unknown][]) {
        if (value === undefined) continue;
        names[`#${field}`] = attribute[field];
        values[`:${field}`] = value;
        // The message id is SES's for the one email: the first to learn it writes it, nobody changes it.
        sets.push(
          field === 'messageId' ? `#${field} = if_not_exists(#${field}, :${field})` : `#${field} = :${field}`,
        );
      }
      // Past the delay (delivered, complained, bounced), why it was late no longer applies.
      const removes = change.rank > emailRanks.delayed ? [attribute.delayedAt, attribute.delayReason] : [];
      const written = await conditionally(
        dynamo.send(
          new UpdateCommand({
            TableName: tableName,
            Key: key,
            UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
            ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(#rank) OR #rank < :rank)',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          }),
        ),
      );
      return written ? 'recorded' : 'unchanged';
    },
  };
}

/** A stored item's email status, for the stores' item → record mapping (undefined until sent). */
export function emailDeliveryOf(item: Record<string, unknown>): EmailDelivery | undefined {
  const status = item[attribute.status];
  const at = item[attribute.at];
  if (typeof status !== 'string' || typeof at !== 'string') return undefined;
  const text = (name: string) => (typeof item[name] === 'string' ? (item[name] as string) : undefined);
  return {
    status: status as EmailDelivery['status'],
    at,
    messageId: text(attribute.messageId),
    bounceType: text(attribute.bounceType) as EmailDelivery['bounceType'],
    reason: text(attribute.reason),
    smtpStatus: text(attribute.smtpStatus),
    delayedAt: text(attribute.delayedAt),
    delayReason: text(attribute.delayReason),
  };
}

/** The tracking attributes, which items.ts `withoutKeys` folds into the record's `emailDelivery`. */
export const emailTrackingAttributes: readonly string[] = Object.values(attribute);
export const emailStatusAttribute = attribute.status;
