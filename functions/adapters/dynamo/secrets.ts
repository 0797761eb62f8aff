import { randomBytes } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../../shared/clients/dynamo.ts';
import { keys } from './keys.ts';
import { conditionally } from './transactions.ts';

/**
 * Signing secrets (cursor HMAC key, link-token key) live in the table itself: created on first use
 * with a conditional put, so concurrent cold starts agree on one value, and read once per container.
 * This keeps one code path for AWS and the local stack (no secrets service to emulate) and keeps the
 * secret out of templates and Lambda environment variables; the table is encrypted at rest and only
 * this project's functions can read it.
 */
const cache = new Map<string, Promise<Buffer>>();

export function signingSecret(tableName: string, name: string): Promise<Buffer> {
  let secret = cache.get(name);
  if (!secret) {
    secret = loadOrCreate(tableName, name);
    secret.catch(() => cache.delete(name));
    cache.set(name, secret);
  }
  return secret;
}

async function loadOrCreate(tableName: string, name: string): Promise<Buffer> {
  const existing = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: keys.secret(name), ConsistentRead: true }),
  );
  if (existing.Item) return Buffer.from(existing.Item.value as string, 'base64');
  const value = randomBytes(32);
  const created = await conditionally(
    dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...keys.secret(name), value: value.toString('base64') },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    ),
  );
  if (created) return value;
  // Another container created it between our read and write: use theirs.
  const winner = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: keys.secret(name), ConsistentRead: true }),
  );
  return Buffer.from(winner.Item!.value as string, 'base64');
}
