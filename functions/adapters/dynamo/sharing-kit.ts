import type { Page, PageRequest } from '../../../domain/kernel.ts';
import type { AuditActor } from '../../../domain/sharing/ports.ts';
import { auditTrail } from './audit-entry.ts';
import { withoutKeys, consistentItem } from './items.ts';
import type { ItemKey } from './keys.ts';
import { listPage, type ListQuery } from './paging.ts';

/**
 * What the sharing stores (sharing-store.ts, course-store.ts) read and audit with. Every read is
 * strongly consistent on the base table, so the next request after a revocation sees it.
 */
export function sharingKit(tableName: string) {
  const audited = auditTrail(tableName);
  const get = <T>(key: ItemKey) => consistentItem<T>(tableName, key);
  /** The items of a partition whose sort key starts with `prefix` (and match `extra`'s filter). */
  const prefixQuery = (pk: string, prefix: string, extra: Partial<ListQuery> = {}): ListQuery => ({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ...extra,
    ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix, ...extra.ExpressionAttributeValues },
    ConsistentRead: true,
  });
  const page = <T>(query: ListQuery, request: PageRequest): Promise<Page<T>> =>
    listPage(tableName, query, request, (item) => withoutKeys<T>(item));

  /**
   * One change written into both organisations' trails, as `clientAudit` and `supplierAudit` of its
   * transaction, each entry naming the other side (`supplierOrgId`, `clientOrgId`). Audit details
   * never carry anything but ids and names the other side already knows.
   */
  const bothTrails = (
    orgs: { clientOrg: string; supplierOrg: string },
    actor: AuditActor,
    at: string,
    client: [action: string, subject: string],
    supplier: [action: string, subject: string],
    details: Record<string, unknown>,
  ) => {
    const entry = (org: string, [action, subject]: [string, string], other: Record<string, string>) =>
      audited({ ...actor, org }, at, action, subject, { ...details, ...other });
    return {
      clientAudit: entry(orgs.clientOrg, client, { supplierOrgId: orgs.supplierOrg }),
      supplierAudit: entry(orgs.supplierOrg, supplier, { clientOrgId: orgs.clientOrg }),
    };
  };

  return { get, prefixQuery, page, bothTrails };
}
