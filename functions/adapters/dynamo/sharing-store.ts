import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { PageRequest } from '../../../domain/kernel.ts';
import type { SharedTeam, StaffShare, StaffShareJob, SupplierLink } from '../../../domain/sharing/model.ts';
import type { AuditActor, SharingStore } from '../../../domain/sharing/ports.ts';
import { dynamo } from '../../shared/clients/dynamo.ts';
import { auditTrail } from './audit-entry.ts';
import { batchGet, batchWrite } from './batches.ts';
import { dynamoCourseStore } from './course-store.ts';
import { withoutKeys } from './items.ts';
import { keys, type ItemKey } from './keys.ts';
import { outboxPuts } from './outbox.ts';
import { allItems } from './paging.ts';
import { sharingKit } from './sharing-kit.ts';
import { conditionally, transact } from './transactions.ts';
import { putNew, statusChange } from './writes.ts';

/**
 * The sharing grants on the single table (keys.ts, "Sharing across tenants"). A grant is written on
 * both sides in one transaction, with an audit entry in each organisation's trail: the client finds
 * it under its own partition (its suppliers, the staff shared with it), the supplier under its own
 * (its clients, the teams it may pick, the staff it shared). Every read is strongly consistent on the
 * base table, so the next request after a revocation sees it.
 */

export function dynamoSharingStore(tableName: string): SharingStore {
  const audited = auditTrail(tableName);
  const { get, prefixQuery, page, bothTrails } = sharingKit(tableName);
  /** A page of what the supplier was granted under one link (a grant from an earlier link no longer counts). */
  const grantsUnder = <T>(supplierOrg: string, prefix: string, linkId: string, request: PageRequest) =>
    page<T>(
      prefixQuery(keys.org(supplierOrg), prefix, {
        FilterExpression: 'linkId = :linkId',
        ExpressionAttributeValues: { ':linkId': linkId },
      }),
      request,
    );

  /** A link made or ended, in both trails: each names the other organisation. */
  const linkTrails = (link: SupplierLink, actor: AuditActor, at: string, verb: 'link' | 'unlink') =>
    bothTrails(
      link,
      actor,
      at,
      [`supplier.${verb}`, `supplier:${link.supplierOrg}`],
      [`client.${verb}`, `client:${link.clientOrg}`],
      { clientOrgId: link.clientOrg, supplierOrgId: link.supplierOrg },
    );

  const linkItems = (link: SupplierLink) => ({
    client: { ...keys.supplierLink(link.clientOrg, link.supplierOrg), type: 'supplier-link', ...link },
    supplier: { ...keys.clientLink(link.supplierOrg, link.clientOrg), type: 'client-link', ...link },
  });

  return {
    async link(link, actor) {
      const items = linkItems(link);
      const outcome = await transact({
        client: putNew(tableName, items.client),
        supplier: putNew(tableName, items.supplier),
        ...linkTrails(link, actor, link.linkedAt, 'link'),
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
        ...linkTrails(link, actor, at, 'unlink'),
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
        clientAudit: audited(actor, team.sharedAt, 'team.share', `team:${team.teamId}`, {
          supplierOrgId: team.supplierOrg,
          name: team.name,
        }),
        supplierAudit: audited(
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
      grantsUnder<SharedTeam>(supplierOrg, keys.clientTeamPrefix(clientOrg), linkId, request),

    async createShareJob(job, actor, owed) {
      await transact({
        job: putNew(tableName, { ...keys.staffShareJob(job.id), type: 'staff-share-job', ...job }),
        audit: audited(actor, job.requestedAt, 'staff.share.request', `client:${job.clientOrg}`, {
          jobId: job.id,
          staffIds: job.staffIds,
          teamId: job.teamId,
        }),
        ...outboxPuts(tableName, owed.outbox, job.requestedAt),
      });
    },

    shareJob: (jobId) => get<StaffShareJob>(keys.staffShareJob(jobId)),

    async completeShareJob(jobId, counts, at) {
      const { shared, alreadyShared, skipped } = counts;
      const change = statusChange(tableName, keys.staffShareJob(jobId), {
        from: 'queued',
        to: 'done',
        set: { shared, alreadyShared, skipped, completedAt: at },
      });
      await conditionally(dynamo.send(new UpdateCommand(change.Update)));
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
      const staff = `staff:${share.staffId}`;
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
        ...bothTrails(share, actor, share.sharedAt, ['staff.shared', staff], ['staff.share', staff], details),
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
          ...bothTrails(share, actor, share.sharedAt, ['staff.team.add', staff], ['staff.team.add', staff], {
            teamId,
          }),
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
      grantsUnder<StaffShare>(supplierOrg, keys.sharedStaffPrefix(clientOrg), linkId, request),

    async revokeStaff(share, actor, at) {
      const same = {
        ConditionExpression: 'shareId = :shareId',
        ExpressionAttributeValues: { ':shareId': share.shareId },
      };
      const staff = `staff:${share.staffId}`;
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
        ...bothTrails(share, actor, at, ['staff.revoked', staff], ['staff.revoke', staff], {
          staffId: share.staffId,
        }),
      });
      return outcome.ok;
    },

    ...dynamoCourseStore(tableName),
  };
}

export type { AuditActor };
