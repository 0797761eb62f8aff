import { ulidIds } from '../../shared/runtime.ts';
import { redactedAudit } from '../../../domain/audit/redaction.ts';
import { keys } from './keys.ts';

/**
 * An audit entry as a transaction item, so it is written with the change it records or not at all.
 * Every entry is written through here, so this is where secrets are kept out of the trail: codes
 * masked, tokens dropped (domain/audit/redaction.ts).
 */
/** Who acts: the organisation whose trail the entry joins, and the user (or process) acting. */
export type AuditActor = { org: string; userId: string; email?: string | undefined };

export function auditPut(
  tableName: string,
  actor: AuditActor,
  at: string,
  action: string,
  subject: string,
  details: Record<string, unknown>,
) {
  const redacted = redactedAudit({ subject, details });
  return {
    Put: {
      TableName: tableName,
      Item: {
        // From the runtime's generator, so a replay of committed work (once.ts) builds the same item.
        ...keys.audit(actor.org, at, ulidIds.next()),
        type: 'audit',
        at,
        actor: actor.userId,
        actorEmail: actor.email,
        action,
        subject: redacted.subject,
        details: redacted.details,
      },
    },
  };
}

/** `auditPut` for one table's store: the entries of every change it writes. */
export const auditTrail =
  (tableName: string) =>
  (actor: AuditActor, at: string, action: string, subject: string, details: Record<string, unknown>) =>
    auditPut(tableName, actor, at, action, subject, details);
