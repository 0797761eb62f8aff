import type { AuditLog } from '../../../domain/audit/ports.ts';
import { auditPut } from './audit-entry.ts';
import { transact } from './transactions.ts';

export function dynamoAuditLog(tableName: string): AuditLog {
  return {
    async record({ org, actor, at, action, subject, details }) {
      await transact({ audit: auditPut(tableName, { org, userId: actor }, at, action, subject, details) });
    },
  };
}
