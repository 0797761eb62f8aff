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

/**
 * Detail fields whose value is a secret in itself (or carries one: a URL with a token in it):
 * dropped, whatever they hold, at any depth.
 */
const secretField = /token|secret|password|url/i;
/** Fields naming share codes: masked, one code or a list of them. */
const codeField = /^codes?$/i;

export function redactedAudit<T extends AuditRecord>(entry: T): T {
  const subject = entry.subject.startsWith('code:')
    ? `code:${maskedShareCode(entry.subject.slice('code:'.length))}`
    : entry.subject;
  return { ...entry, subject, details: redactedDetails(entry.details ?? {}) as Record<string, unknown> };
}

function redactedDetails(value: unknown, name = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => redactedDetails(item, name));
  if (typeof value === 'string') return codeField.test(name) ? maskedShareCode(value) : value;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([field]) => !secretField.test(field))
      .map(([field, inner]) => [field, redactedDetails(inner, field)]),
  );
}
