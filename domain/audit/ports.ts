/**
 * The organisation's audit trail, for events that change no counted state of their own (a share
 * queued, a download link issued). Changes of state write their entry in the same transaction.
 */
export interface AuditLog {
  record(entry: {
    org: string;
    actor: string;
    at: string;
    action: string;
    subject: string;
    details: Record<string, unknown>;
  }): Promise<void>;
}
