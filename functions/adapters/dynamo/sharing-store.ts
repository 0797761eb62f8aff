import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Page, PageRequest } from '../../../domain/kernel.ts';
import type {
  Course,
  CourseAssignment,
  SharedTeam,
  StaffShare,
  StaffShareJob,
  SupplierLink,
} from '../../../domain/sharing/model.ts';
import type { AuditActor, SharingStore } from '../../../domain/sharing/ports.ts';
import { dynamo } from '../../shared/clients/dynamo.ts';
import { auditPut } from './audit-entry.ts';
import { batchGet, batchWrite } from './batches.ts';
import { withoutKeys, consistentItem } from './items.ts';
import { keys, type ItemKey } from './keys.ts';
import { outboxPuts } from './outbox.ts';
import { allItems, listPage, type ListQuery } from './paging.ts';
import { conditionally, transact } from './transactions.ts';

/**
 * The sharing grants on the single table (keys.ts, "Sharing across tenants"). A grant is written on
 * both sides in one transaction, with an audit entry in each organisation's trail: the client finds
 * it under its own partition (its suppliers, the staff shared with it), the supplier under its own
 * (its clients, the teams it may pick, the staff it shared). Every read is strongly consistent on the
 * base table, so the next request after a revocation sees it.
 */

/** Audit details never carry anything but ids and names the other side already knows. */
const linkDetails = (link: SupplierLink) => ({
  clientOrgId: link.clientOrg,
  supplierOrgId: link.supplierOrg,
});

export function dynamoSharingStore(tableName: string): SharingStore {
  const get = <T>(key: ItemKey) => consistentItem<T>(tableName, key);
  const prefixQuery = (pk: string, prefix: string, extra: Partial<ListQuery> = {}): ListQuery => ({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ...extra,
    ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix, ...extra.ExpressionAttributeValues },
    ConsistentRead: true,
  });
  const page = <T>(query: ListQuery, request: PageRequest): Promise<Page<T>> =>
    listPage(tableName, query, request, (item) => withoutKeys<T>(item));

  const linkItems = (link: SupplierLink) => ({
    client: { ...keys.supplierLink(link.clientOrg, link.supplierOrg), type: 'supplier-link', ...link },
    supplier: { ...keys.clientLink(link.supplierOrg, link.clientOrg), type: 'client-link', ...link },
  });

  return {
    async link(link, actor) {
      const items = linkItems(link);
      const outcome = await transact({
        client: {
          Put: { TableName: tableName, Item: items.client, ConditionExpression: 'attribute_not_exists(PK)' },
        },
        supplier: {
          Put: {
            TableName: tableName,
            Item: items.supplier,
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        clientAudit: auditPut(
          tableName,
          actor,
          link.linkedAt,
          'supplier.link',
          `supplier:${link.supplierOrg}`,
          linkDetails(link),
        ),
        supplierAudit: auditPut(
          tableName,
          { ...actor, org: link.supplierOrg },
          link.linkedAt,
          'client.link',
          `client:${link.clientOrg}`,
          linkDetails(link),
        ),
      });
      return outcome.ok;
    },

    supplierLink: (clientOrg, supplierOrg) => get<SupplierLink>(keys.supplierLink(clientOrg, supplierOrg)),
    clientLink: (supplierOrg, clientOrg) => get<SupplierLink>(keys.clientLink(supplierOrg, clientOrg)),

    linkedSuppliers: async (clientOrg) =>
      (await allItems(tableName, prefixQuery(keys.org(clientOrg), keys.supplierLinkPrefix))).map((item) =>
        withoutKeys<SupplierLink>(item),
      ),

    clients: (supplierOrg, request) =>
      page<SupplierLink>(prefixQuery(keys.org(supplierOrg), keys.clientLinkPrefix), request),

    async unlink(link, actor, at) {
      const same = {
        ConditionExpression: 'linkId = :linkId',
        ExpressionAttributeValues: { ':linkId': link.linkId },
      };
      const outcome = await transact({
        client: {
          Delete: { TableName: tableName, Key: keys.supplierLink(link.clientOrg, link.supplierOrg), ...same },
        },
        supplier: {
          Delete: { TableName: tableName, Key: keys.clientLink(link.supplierOrg, link.clientOrg), ...same },
        },
        clientAudit: auditPut(
          tableName,
          actor,
          at,
          'supplier.unlink',
          `supplier:${link.supplierOrg}`,
          linkDetails(link),
        ),
        supplierAudit: auditPut(
          tableName,
          { ...actor, org: link.supplierOrg },
          at,
          'client.unlink',
          `client:${link.clientOrg}`,
          linkDetails(link),
        ),
      });
      if (!outcome.ok) return false;
      // The grants made under the link no longer count (reads compare linkIds); clearing them keeps
      // the client's list free of them and lets the supplier share the same people afresh later.
      const shared = await allItems(
        tableName,
        prefixQuery(keys.org(link.clientOrg), keys.clientStaffPrefix, {
          FilterExpression: 'supplierOrg = :supplier AND linkId = :linkId',
          ExpressionAttributeValues: { ':supplier': link.supplierOrg, ':linkId': link.linkId },
        }),
      );
      const teams = await allItems(
        tableName,
        prefixQuery(keys.org(link.supplierOrg), keys.clientTeamPrefix(link.clientOrg)),
      );
      const gone: ItemKey[] = [
        ...shared.flatMap((item) => [
          keys.clientStaff(link.clientOrg, item.staffId as string),
          keys.sharedStaff(link.supplierOrg, link.clientOrg, item.staffId as string),
        ]),
        ...teams
          .filter((item) => item.linkId === link.linkId)
          .map((item) => ({ PK: item.PK as string, SK: item.SK as string })),
      ];
      await batchWrite(
        tableName,
        gone.map((Key) => ({ DeleteRequest: { Key } })),
      );
      return true;
    },

    async shareTeam(team, actor) {
      const outcome = await transact({
        team: {
          Put: {
            TableName: tableName,
            Item: {
              ...keys.clientTeam(team.supplierOrg, team.clientOrg, team.teamId),
              type: 'client-team',
              ...team,
            },
            // A team shared under an earlier link is shared afresh under this one.
            ConditionExpression: 'attribute_not_exists(PK) OR linkId <> :linkId',
            ExpressionAttributeValues: { ':linkId': team.linkId },
          },
        },
        ...Object.fromEntries(
          [
            ['clientLink', keys.supplierLink(team.clientOrg, team.supplierOrg)],
            ['supplierLink', keys.clientLink(team.supplierOrg, team.clientOrg)],
          ].map(([name, key]) => [
            name,
            {
              Update: {
                TableName: tableName,
                Key: key,
                UpdateExpression: 'ADD sharedTeams :one',
                ConditionExpression: 'linkId = :linkId',
                ExpressionAttributeValues: { ':one': 1, ':linkId': team.linkId },
              },
            },
          ]),
        ),
        clientAudit: auditPut(tableName, actor, team.sharedAt, 'team.share', `team:${team.teamId}`, {
          supplierOrgId: team.supplierOrg,
          name: team.name,
        }),
        supplierAudit: auditPut(
          tableName,
          { ...actor, org: team.supplierOrg },
          team.sharedAt,
          'client.team.shared',
          `client:${team.clientOrg}`,
          { teamId: team.teamId, name: team.name },
        ),
      });
      return outcome.ok;
    },

    sharedTeam: (supplierOrg, clientOrg, teamId) =>
      get<SharedTeam>(keys.clientTeam(supplierOrg, clientOrg, teamId)),

    sharedTeams: (supplierOrg, clientOrg, linkId, request) =>
      page<SharedTeam>(
        prefixQuery(keys.org(supplierOrg), keys.clientTeamPrefix(clientOrg), {
          FilterExpression: 'linkId = :linkId',
          ExpressionAttributeValues: { ':linkId': linkId },
        }),
        request,
      ),

    async createShareJob(job, actor, owed) {
      await transact({
        job: {
          Put: {
            TableName: tableName,
            Item: { ...keys.staffShareJob(job.id), type: 'staff-share-job', ...job },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        audit: auditPut(tableName, actor, job.requestedAt, 'staff.share.request', `client:${job.clientOrg}`, {
          jobId: job.id,
          staffIds: job.staffIds,
          teamId: job.teamId,
        }),
        ...outboxPuts(tableName, owed.outbox, job.requestedAt),
      });
    },

    shareJob: (jobId) => get<StaffShareJob>(keys.staffShareJob(jobId)),

    async completeShareJob(jobId, counts, at) {
      await conditionally(
        dynamo.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.staffShareJob(jobId),
            UpdateExpression:
              'SET #status = :done, #shared = :shared, #already = :already, #skipped = :skipped, #at = :at',
            ConditionExpression: 'attribute_exists(PK) AND #status = :queued',
            // Named, as DynamoDB reserves many plain words (`shared` among them).
            ExpressionAttributeNames: {
              '#status': 'status',
              '#shared': 'shared',
              '#already': 'alreadyShared',
              '#skipped': 'skipped',
              '#at': 'completedAt',
            },
            ExpressionAttributeValues: {
              ':done': 'done',
              ':queued': 'queued',
              ':shared': counts.shared,
              ':already': counts.alreadyShared,
              ':skipped': counts.skipped,
              ':at': at,
            },
          }),
        ),
      );
    },

    async shareStaffMember(share, actor) {
      const clientKey = keys.clientStaff(share.clientOrg, share.staffId);
      const supplierKey = keys.sharedStaff(share.supplierOrg, share.clientOrg, share.staffId);
      const linkStands = {
        ConditionCheck: {
          TableName: tableName,
          Key: keys.supplierLink(share.clientOrg, share.supplierOrg),
          ConditionExpression: 'linkId = :linkId',
          ExpressionAttributeValues: { ':linkId': share.linkId },
        },
      };
      const details = { staffId: share.staffId, jobId: share.jobId, teamIds: share.teamIds };
      const outcome = await transact({
        link: linkStands,
        client: {
          Put: {
            TableName: tableName,
            Item: { ...clientKey, type: 'client-staff', ...share },
            // Shared under an earlier link (since unlinked) counts as never shared.
            ConditionExpression: 'attribute_not_exists(PK) OR linkId <> :linkId',
            ExpressionAttributeValues: { ':linkId': share.linkId },
          },
        },
        supplier: { Put: { TableName: tableName, Item: { ...supplierKey, type: 'shared-staff', ...share } } },
        clientAudit: auditPut(
          tableName,
          { ...actor, org: share.clientOrg },
          share.sharedAt,
          'staff.shared',
          `staff:${share.staffId}`,
          { ...details, supplierOrgId: share.supplierOrg },
        ),
        supplierAudit: auditPut(tableName, actor, share.sharedAt, 'staff.share', `staff:${share.staffId}`, {
          ...details,
          clientOrgId: share.clientOrg,
        }),
      });
      if (outcome.ok) return 'shared';
      if (outcome.failed.has('link')) return 'unlinked';
      const existing = await get<StaffShare>(clientKey);
      if (!existing) return 'unlinked';
      // An earlier delivery of this very job shared them: the same outcome, nothing written again.
      if (existing.jobId === share.jobId) return 'shared';
      const newTeams = share.teamIds.filter((teamId) => !existing.teamIds.includes(teamId));
      for (const teamId of newTeams) {
        const addTeam = (key: ItemKey) => ({
          Update: {
            TableName: tableName,
            Key: key,
            UpdateExpression: 'SET teamIds = list_append(teamIds, :team)',
            ConditionExpression: 'shareId = :shareId AND NOT contains(teamIds, :teamId)',
            ExpressionAttributeValues: { ':team': [teamId], ':teamId': teamId, ':shareId': existing.shareId },
          },
        });
        await transact({
          link: linkStands,
          client: addTeam(clientKey),
          supplier: addTeam(supplierKey),
          clientAudit: auditPut(
            tableName,
            { ...actor, org: share.clientOrg },
            share.sharedAt,
            'staff.team.add',
            `staff:${share.staffId}`,
            {
              teamId,
              supplierOrgId: share.supplierOrg,
            },
          ),
          supplierAudit: auditPut(
            tableName,
            actor,
            share.sharedAt,
            'staff.team.add',
            `staff:${share.staffId}`,
            {
              teamId,
              clientOrgId: share.clientOrg,
            },
          ),
        });
      }
      return 'already';
    },

    staffShare: (clientOrg, staffId) => get<StaffShare>(keys.clientStaff(clientOrg, staffId)),

    sharesOf: (supplierOrg, clientOrg, staffIds) =>
      batchGet<StaffShare>(
        tableName,
        [...new Set(staffIds)].map((id) => keys.sharedStaff(supplierOrg, clientOrg, id)),
      ),

    clientStaff(clientOrg, filter, request) {
      const conditions: string[] = [];
      const values: Record<string, unknown> = {};
      if (filter.supplierOrg !== undefined) {
        conditions.push('supplierOrg = :supplier');
        values[':supplier'] = filter.supplierOrg;
      }
      if (filter.teamId !== undefined) {
        conditions.push('contains(teamIds, :teamId)');
        values[':teamId'] = filter.teamId;
      }
      return page<StaffShare>(
        prefixQuery(
          keys.org(clientOrg),
          keys.clientStaffPrefix,
          conditions.length > 0
            ? { FilterExpression: conditions.join(' AND '), ExpressionAttributeValues: values }
            : {},
        ),
        request,
      );
    },

    sharedStaff: (supplierOrg, clientOrg, linkId, request) =>
      page<StaffShare>(
        prefixQuery(keys.org(supplierOrg), keys.sharedStaffPrefix(clientOrg), {
          FilterExpression: 'linkId = :linkId',
          ExpressionAttributeValues: { ':linkId': linkId },
        }),
        request,
      ),

    async revokeStaff(share, actor, at) {
      const same = {
        ConditionExpression: 'shareId = :shareId',
        ExpressionAttributeValues: { ':shareId': share.shareId },
      };
      const details = { staffId: share.staffId };
      const outcome = await transact({
        client: {
          Delete: { TableName: tableName, Key: keys.clientStaff(share.clientOrg, share.staffId), ...same },
        },
        supplier: {
          Delete: {
            TableName: tableName,
            Key: keys.sharedStaff(share.supplierOrg, share.clientOrg, share.staffId),
            ...same,
          },
        },
        clientAudit: auditPut(
          tableName,
          { ...actor, org: share.clientOrg },
          at,
          'staff.revoked',
          `staff:${share.staffId}`,
          {
            ...details,
            supplierOrgId: share.supplierOrg,
          },
        ),
        supplierAudit: auditPut(tableName, actor, at, 'staff.revoke', `staff:${share.staffId}`, {
          ...details,
          clientOrgId: share.clientOrg,
        }),
      });
      return outcome.ok;
    },

    async createCourse(clientOrg, course, actor) {
      await transact({
        course: {
          Put: {
            TableName: tableName,
            Item: { ...keys.course(clientOrg, course.id), type: 'course', ...course },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        audit: auditPut(tableName, actor, course.createdAt, 'course.create', `course:${course.id}`, {
          title: course.title,
          kind: course.kind,
        }),
      });
    },

    course: (clientOrg, courseId) => get<Course>(keys.course(clientOrg, courseId)),
    courses: (clientOrg, request) =>
      page<Course>(prefixQuery(keys.org(clientOrg), keys.coursePrefix), request),

    async assignCourse(clientOrg, assignment, shareId, actor, owed) {
      const details = { courseId: assignment.courseId, staffId: assignment.staffId, title: assignment.title };
      const outcome = await transact({
        share: {
          ConditionCheck: {
            TableName: tableName,
            Key: keys.clientStaff(clientOrg, assignment.staffId),
            ConditionExpression: 'shareId = :shareId',
            ExpressionAttributeValues: { ':shareId': shareId },
          },
        },
        assignment: {
          Put: {
            TableName: tableName,
            Item: {
              ...keys.courseAssignment(clientOrg, assignment.staffId, assignment.id),
              type: 'course-assignment',
              ...assignment,
            },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        clientAudit: auditPut(
          tableName,
          actor,
          assignment.assignedAt,
          'course.issue',
          `course-assignment:${assignment.id}`,
          {
            ...details,
            supplierOrgId: assignment.supplierOrg,
          },
        ),
        supplierAudit: auditPut(
          tableName,
          { ...actor, org: assignment.supplierOrg },
          assignment.assignedAt,
          'course.issued',
          `staff:${assignment.staffId}`,
          { ...details, clientOrgId: clientOrg },
        ),
        ...outboxPuts(tableName, owed.outbox, assignment.assignedAt),
      });
      return outcome.ok;
    },

    courseAssignments: (clientOrg, staffId, request) =>
      page<CourseAssignment>(prefixQuery(keys.org(clientOrg), keys.courseAssignmentPrefix(staffId)), request),
  };
}

export type { AuditActor };
