import { ulid } from 'ulid';
import { keys } from './keys.ts';

/** An audit entry as a transaction item, so it is written with the change it records or not at all. */
export function auditPut(
  tableName: string,
  actor: { org: string; userId: string; email?: string | undefined },
  at: string,
  action: string,
  subject: string,
  details: Record<string, unknown>,
) {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...keys.audit(actor.org, at, ulid()),
        type: 'audit',
        at,
        actor: actor.userId,
        actorEmail: actor.email,
        action,
        subject,
        details,
      },
    },
  };
}
