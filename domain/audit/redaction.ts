import { maskedShareCode } from '../practice/share-code.ts';

/**
 * The audit trail never holds a secret. A share code is a bearer capability (whoever has it can
 * redeem it), so it is kept masked; a token (invitation, link) is never kept at all. Every entry is
 * passed through here when it is written, and again when it is read, so entries written before
 * this rule show no secret either.
 */
export interface AuditRecord {
  subject: string;
  details: Record<string, unknown>;
}

/** Detail fields whose value is a secret in itself: dropped, whatever they hold. */
const secretField = /token|secret|password/i;

export function redactedAudit<T extends AuditRecord>(entry: T): T {
  const subject = entry.subject.startsWith('code:')
    ? `code:${maskedShareCode(entry.subject.slice('code:'.length))}`
    : entry.subject;
  const details = Object.fromEntries(
    Object.entries(entry.details ?? {})
      .filter(([name]) => !secretField.test(name))
      .map(([name, value]) => [
        name,
        name === 'code' && typeof value === 'string' ? maskedShareCode(value) : value,
      ]),
  );
  return { ...entry, subject, details };
}
