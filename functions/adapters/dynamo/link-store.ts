import { createHmac, randomBytes } from 'node:crypto';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { LinkRecord, LinkStore } from '../../../domain/links/use-cases.ts';
import { dynamo } from '../../shared/clients/dynamo.ts';
import { auditTrail } from './audit-entry.ts';
import { withoutKeys, tokenHash } from './items.ts';
import { keys } from './keys.ts';
import { signingSecret } from './secrets.ts';
import { conditionally, transact } from './transactions.ts';
import { putNew } from './writes.ts';

/**
 * Link tokens are 256 random bits (base64url); the table keeps only their SHA-256, so reading the
 * table never yields a working link. Records outlive their expiry by 30 days (TTL) so an expired
 * link answers 410, not 404, and its first opening stays visible in export results.
 */
const keepAfterExpirySeconds = 30 * 24 * 60 * 60;

const onceTokenIn = async (tableName: string, once: string) =>
  createHmac('sha256', await signingSecret(tableName, 'link'))
    .update(once)
    .digest('base64url');

/**
 * When the link issued under a `once` key was first opened (undefined: never, or no such link):
 * how a bulk export shows each learner's `openedAt` without keeping the tokens it mailed.
 */
export function issuedLinkOpenings(tableName: string) {
  return {
    async openedAt(once: string): Promise<string | undefined> {
      const answer = await dynamo.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.link(tokenHash(await onceTokenIn(tableName, once))),
          ProjectionExpression: 'openedAt',
          ConsistentRead: true,
        }),
      );
      return answer.Item?.openedAt as string | undefined;
    },
  };
}

export function dynamoLinkStore(tableName: string): LinkStore {
  const audited = auditTrail(tableName);
  const onceToken = (once: string) => onceTokenIn(tableName, once);

  return {
    async issue(link: LinkRecord, issuedBy: string, once?: string) {
      // A `once` link's token is an HMAC of its key under a secret only the table holds: as
      // unguessable as a random one, and the same on every retry of the job that issues it.
      const token = once ? await onceToken(once) : randomBytes(32).toString('base64url');
      const outcome = await transact({
        link: putNew(tableName, {
          ...keys.link(tokenHash(token)),
          type: 'link',
          ...link,
          expiresAtEpoch: Math.floor(Date.parse(link.expiresAt) / 1000) + keepAfterExpirySeconds,
        }),
        audit: audited({ org: link.org, userId: issuedBy }, link.createdAt, 'link.issue', link.subject, {
          recipient: link.recipient,
          filename: link.filename,
          expiresAt: link.expiresAt,
        }),
      });
      // Refused only when this very token exists already: issued by an earlier try of the same job.
      if (!outcome.ok && !once) throw new Error('Link token collision');
      return token;
    },

    async find(token) {
      const answer = await dynamo.send(
        new GetCommand({ TableName: tableName, Key: keys.link(tokenHash(token)), ConsistentRead: true }),
      );
      if (!answer.Item) return undefined;
      return withoutKeys<LinkRecord>(answer.Item);
    },

    async markOpened(token, at) {
      await conditionally(
        dynamo.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.link(tokenHash(token)),
            UpdateExpression: 'SET openedAt = :at',
            ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(openedAt)',
            ExpressionAttributeValues: { ':at': at },
          }),
        ),
      );
    },

    async revokeIssued(once, by, at) {
      const key = keys.link(tokenHash(await onceToken(once)));
      const outcome = await transact({
        link: {
          Update: {
            TableName: tableName,
            Key: key,
            UpdateExpression: 'SET revokedAt = :at',
            ConditionExpression: 'attribute_exists(PK) AND org = :org AND attribute_not_exists(revokedAt)',
            ExpressionAttributeValues: { ':at': at, ':org': by.org },
          },
        },
        audit: audited(by, at, 'link.revoke', once, {}),
      });
      if (outcome.ok) return true;
      // Refused: no such link in this organisation, or revoked before (then nothing to do).
      const existing = await dynamo.send(
        new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
      );
      return existing.Item?.org === by.org;
    },
  };
}
