import { createHash } from 'node:crypto';
import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { OutgoingMessage } from '../../../events/message.ts';
import { queueIds } from '../../../events/queues.ts';
import { dynamo } from '../../shared/clients/dynamo.ts';
import { keys } from './keys.ts';
import { transact, type NamedItems } from './transactions.ts';

/**
 * The transactional outbox (design.md, "Outbox"). A store that accepts work puts the messages the
 * work owes into the same transaction as the work, as outbox items; the relay
 * (functions/workers/outbox-relay.ts) gets each new item from the table's stream, sends its body to
 * its queue and deletes it. A crash between "written" and "queued" therefore loses nothing: the
 * message is in the table exactly when the work is.
 *
 * An item's id is a digest of its queue and body, so a retried or replayed request records the same
 * item (the do-once replay of transactions.ts requires the same writes), and the very same message
 * owed twice is one item. Delivery is at least once; every consumer is idempotent.
 */
export const outboxKeepDays = 14;

const outboxItem = z.object({
  id: z.string().check(z.minLength(1)),
  queue: z.enum(queueIds as [string, ...string[]]),
  body: z.string(),
  recordedAt: z.string(),
});

export type OutboxItem = z.infer<typeof outboxItem> & { queue: OutgoingMessage['queue'] };

export const outboxMessageId = (message: OutgoingMessage): string =>
  createHash('sha256')
    .update(`${message.queue}\n${JSON.stringify(message.body)}`)
    .digest('base64url');

/**
 * The outbox puts for `messages`, named `outbox 1`, `outbox 2`… for a store's transaction. `at` is
 * the work's own time (the item expires `outboxKeepDays` later if it was never relayed, long after
 * the stream itself, which keeps records for 24 hours, has let it go).
 */
export function outboxPuts(
  tableName: string,
  messages: readonly OutgoingMessage[],
  at: string,
): NamedItems<`outbox ${number}`> {
  const expiresAtEpoch = Math.floor(Date.parse(at) / 1000) + outboxKeepDays * 24 * 60 * 60;
  return Object.fromEntries(
    messages.map((message, i) => {
      const id = outboxMessageId(message);
      const item: OutboxItem = {
        id,
        queue: message.queue,
        body: JSON.stringify(message.body),
        recordedAt: at,
      };
      // No condition: the same message recorded again is the same item.
      return [
        `outbox ${i + 1}`,
        {
          Put: {
            TableName: tableName,
            Item: { ...keys.outbox(id), type: 'outbox', ...item, expiresAtEpoch },
          },
        },
      ];
    }),
  );
}

/** The outbox on the table: posting messages that no other write owes, and the relay's side. */
export function dynamoOutbox(tableName: string) {
  return {
    /**
     * Records messages on their own (no work to write with them): one transaction, so inside a
     * do-once request it commits that request's record too.
     */
    async post(messages: readonly OutgoingMessage[], at: string): Promise<void> {
      if (messages.length === 0) return;
      await transact(outboxPuts(tableName, messages, at));
    },

    /** Reads an outbox item from a stream record's new image (the relay's input). */
    itemOf(image: Record<string, unknown>): OutboxItem {
      return outboxItem.parse(image) as OutboxItem;
    },

    /** Whether the item is still waiting: false once relayed (deleted), so a replay sends nothing twice. */
    async pending(id: string): Promise<boolean> {
      const answer = await dynamo.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.outbox(id),
          ConsistentRead: true,
          ProjectionExpression: 'PK',
        }),
      );
      return answer.Item !== undefined;
    },

    async delete(id: string): Promise<void> {
      await dynamo.send(new DeleteCommand({ TableName: tableName, Key: keys.outbox(id) }));
    },
  };
}

export type DynamoOutbox = ReturnType<typeof dynamoOutbox>;
