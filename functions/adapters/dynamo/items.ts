import { createHash } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../../shared/clients/dynamo.ts';
import { emailDeliveryOf, emailStatusAttribute, emailTrackingAttributes } from './email-tracking.ts';
import type { ItemKey } from './keys.ts';

/**
 * An item as the domain sees it: without the table's key and bookkeeping attributes, and with its
 * email's delivery status (flat `email…` attributes, email-tracking.ts) as one `emailDelivery`.
 */
export function withoutKeys<T>(item: Record<string, unknown>): T {
  const { PK: _pk, SK: _sk, type: _type, expiresAtEpoch: _ttl, ...rest } = item;
  if (!(emailStatusAttribute in rest)) return rest as T;
  const emailDelivery = emailDeliveryOf(rest);
  for (const name of emailTrackingAttributes) delete rest[name];
  return { ...rest, emailDelivery } as T;
}

/**
 * One item by its key, read strongly consistent (a write just made, or a grant just revoked, is
 * seen at once), as the domain sees it; undefined when there is none.
 */
export async function consistentItem<T>(tableName: string, key: ItemKey): Promise<T | undefined> {
  const answer = await dynamo.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
  return answer.Item ? withoutKeys<T>(answer.Item) : undefined;
}

/** How a bearer token (accept link, download link) is kept in the table: its SHA-256, never itself. */
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('base64url');
