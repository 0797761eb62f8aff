import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../../shared/clients/dynamo.ts';
import { keys } from './keys.ts';

/**
 * Marks emails as sent so a redelivered queue message never sends its email twice.
 * `claim` takes a short lease (conditional put) before sending; `markSent` makes it permanent;
 * `release` drops the lease after a failed send so the retry can try again. A worker that dies
 * between sending and `markSent` leaves a lease that expires: that one email may go twice, the
 * narrowest window at-least-once delivery allows.
 */
export type ClaimOutcome = 'claimed' | 'already-sent' | 'being-sent';

const leaseSeconds = 120;
const keepSentForSeconds = 30 * 24 * 60 * 60;

export function sentEmailLedger(tableName: string, nowEpochSeconds: () => number) {
  return {
    async claim(dedupeKey: string): Promise<ClaimOutcome> {
      const now = nowEpochSeconds();
      try {
        await dynamo.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...keys.sentEmail(dedupeKey),
              status: 'SENDING',
              leaseUntilEpoch: now + leaseSeconds,
              expiresAtEpoch: now + keepSentForSeconds,
            },
            ConditionExpression:
              'attribute_not_exists(PK) OR (#status = :sending AND leaseUntilEpoch < :now)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':sending': 'SENDING', ':now': now },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return 'claimed';
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        return error.Item?.status?.S === 'SENT' ? 'already-sent' : 'being-sent';
      }
    },
    async markSent(dedupeKey: string, messageId: string): Promise<void> {
      await dynamo.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.sentEmail(dedupeKey),
          UpdateExpression: 'SET #status = :sent, messageId = :messageId REMOVE leaseUntilEpoch',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':sent': 'SENT', ':messageId': messageId },
        }),
      );
    },
    async release(dedupeKey: string): Promise<void> {
      await dynamo.send(new DeleteCommand({ TableName: tableName, Key: keys.sentEmail(dedupeKey) }));
    },
  };
}
