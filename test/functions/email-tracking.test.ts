import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { emailChangeOf, sentChange } from '../../domain/delivery/email-status.ts';
import { emailTracking, trackedItemKey } from '../../functions/adapters/dynamo/email-tracking.ts';
import { withoutKeys } from '../../functions/adapters/dynamo/items.ts';
import { keys } from '../../functions/adapters/dynamo/keys.ts';
import { resetAfterEach } from '../support/sdk-mocks.ts';

/**
 * The delivery-tracking adapter without emulators: which record an email's subject names, the one
 * conditional update a status change is, and how a stored record shows its email. (The update's
 * condition against real DynamoDB: test/integration/delivery-tracking.test.ts.)
 */
const dynamo = mockClient(DynamoDBDocumentClient);
resetAfterEach(dynamo);
const tracking = emailTracking('table');

describe('delivery tracking in the table', () => {
  it('finds the record each kind of email belongs to, and none for emails no record shows', () => {
    expect(trackedItemKey({ kind: 'export-learner', org: 'o', job: 'j', learner: 'l' })).toEqual(
      keys.exportResult('j', 'l'),
    );
    expect(trackedItemKey({ kind: 'profile-share', org: 'o', share: 's' })).toEqual(keys.share('o', 's'));
    expect(trackedItemKey({ kind: 'invitation', org: 'o', invitation: 'i' })).toEqual(
      keys.invitation('o', 'i'),
    );
    expect(trackedItemKey({ kind: 'transfer', org: 'o', transfer: 't' })).toEqual(keys.transfer('o', 't'));
    expect(trackedItemKey({ kind: 'course', org: 'c', staff: 's', assignment: 'a' })).toEqual(
      keys.courseAssignment('c', 's', 'a'),
    );
    expect(trackedItemKey({ kind: 'export-requester', org: 'o', job: 'j' })).toBeUndefined();
    expect(trackedItemKey({ kind: 'release', org: 'o', invitation: 'i' })).toBeUndefined();
  });

  it('writes a change as one update, only over a lower rank of an existing record, keeping the first message id', async () => {
    dynamo.on(UpdateCommand).resolves({});
    const outcome = await tracking.record(
      { kind: 'invitation', org: 'o', invitation: 'i' },
      sentChange('2026-12-01T10:00:00.000Z', 'ses-1'),
    );
    expect(outcome).toBe('recorded');
    const input = dynamo.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(input.Key).toEqual(keys.invitation('o', 'i'));
    expect(input.ConditionExpression).toBe(
      'attribute_exists(PK) AND (attribute_not_exists(#rank) OR #rank < :rank)',
    );
    expect(input.ExpressionAttributeValues).toMatchObject({
      ':rank': 1,
      ':status': 'sent',
      ':messageId': 'ses-1',
    });
    expect(input.UpdateExpression).toContain('#messageId = if_not_exists(#messageId, :messageId)');
    // Sent (or delayed) is before delivery: nothing about a delay is dropped yet.
    expect(input.UpdateExpression).not.toContain('REMOVE');
  });

  it('drops why an email was late once it is delivered, bounced or complained about', async () => {
    dynamo.on(UpdateCommand).resolves({});
    const delivered = emailChangeOf({
      eventType: 'Delivery',
      mail: { timestamp: 't', messageId: 'm', destination: [], tags: {} },
      delivery: { timestamp: 't2', recipients: [] },
    });
    await tracking.record({ kind: 'profile-share', org: 'o', share: 's' }, delivered);
    expect(dynamo.commandCalls(UpdateCommand)[0]!.args[0].input.UpdateExpression).toMatch(
      / REMOVE emailDelayedAt, emailDelayReason$/,
    );
  });

  it('answers unchanged when the condition refuses (a duplicate, a late event, a record gone) and untracked for untracked kinds', async () => {
    dynamo
      .on(UpdateCommand)
      .rejects(new ConditionalCheckFailedException({ message: 'refused', $metadata: {} }));
    const change = emailChangeOf({
      eventType: 'Delivery',
      mail: { timestamp: 't', messageId: 'm', destination: [], tags: {} },
      delivery: { timestamp: 't2', recipients: [] },
    });
    expect(await tracking.record({ kind: 'profile-share', org: 'o', share: 's' }, change)).toBe('unchanged');
    expect(await tracking.record({ kind: 'release', org: 'o', invitation: 'i' }, change)).toBe('untracked');
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(1);
  });

  it('shows a stored record its email as one emailDelivery, without the flat attributes it is kept in', () => {
    const record = withoutKeys<Record<string, unknown>>({
      PK: 'ORG#o',
      SK: 'SHARE#s',
      type: 'share',
      email: 'learner@example.com',
      emailStatus: 'bounced',
      emailAt: '2026-12-01T10:00:05.000Z',
      emailRank: 4,
      emailMessageId: 'ses-1',
      emailBounceType: 'permanent',
      emailReason: 'mailbox does not exist',
    });
    expect(record).toEqual({
      email: 'learner@example.com',
      emailDelivery: {
        status: 'bounced',
        at: '2026-12-01T10:00:05.000Z',
        messageId: 'ses-1',
        bounceType: 'permanent',
        reason: 'mailbox does not exist',
        smtpStatus: undefined,
        delayedAt: undefined,
        delayReason: undefined,
      },
    });
    expect(withoutKeys({ PK: 'p', SK: 's', email: 'a@example.com' })).toEqual({ email: 'a@example.com' });
  });
});
