import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Learner, LearnerProfile, ProfileShare, Team } from '../../../domain/learning/model.ts';
import type { LearningStore } from '../../../domain/learning/ports.ts';
import type { Page, PageRequest } from '../../../domain/kernel.ts';
import { dynamo } from '../../shared/clients/dynamo.ts';
import { auditTrail } from './audit-entry.ts';
import { batchGet, batchWrite } from './batches.ts';
import { withoutKeys, consistentItem } from './items.ts';
import type { ItemKey } from './keys.ts';
import { keys } from './keys.ts';
import { outboxPuts } from './outbox.ts';
import { allItems, listPage } from './paging.ts';
import { conditionally, transact } from './transactions.ts';
import { putNew, statusChange } from './writes.ts';

/**
 * Learners, their profiles and teams on the single table. A learner item carries the summaries of
 * its profiles (a handful at most), so lists and team views read one item per learner; the full
 * results live in one item per profile.
 */

export function dynamoLearningStore(tableName: string): LearningStore {
  const trail = auditTrail(tableName);
  /** This store's port names the acting user by id, within the organisation it writes to. */
  const audited = (
    org: string,
    userId: string,
    at: string,
    action: string,
    subject: string,
    details: Record<string, unknown>,
  ) => trail({ org, userId }, at, action, subject, details);
  const get = <T>(key: ItemKey) => consistentItem<T>(tableName, key);
  const page = <T>(prefix: string, org: string, request: PageRequest): Promise<Page<T>> =>
    listPage(
      tableName,
      {
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.org(org), ':prefix': prefix },
      },
      request,
      (item) => withoutKeys<T>(item),
    );

  /** A new item of the organisation (a learner, a team), written with its `<type>.create` audit entry. */
  const created = async (
    org: string,
    actor: string,
    type: 'learner' | 'team',
    key: ItemKey,
    item: { id: string; createdAt: string },
    details: Record<string, unknown>,
  ) => {
    await transact({
      [type]: putNew(tableName, { ...key, type, ...item }),
      audit: audited(org, actor, item.createdAt, `${type}.create`, `${type}:${item.id}`, details),
    });
  };

  return {
    createLearner: (org, learner, actor) =>
      created(org, actor, 'learner', keys.learner(org, learner.id), learner, { email: learner.email }),

    learner: (org, learnerId) => get<Learner>(keys.learner(org, learnerId)),

    learners: (org, request) => page<Learner>(keys.learnerPrefix, org, request),

    learnersById: (org, learnerIds) =>
      batchGet<Learner>(
        tableName,
        learnerIds.map((id) => keys.learner(org, id)),
      ),

    async importProfile(org, profile, actor) {
      const { results: _results, learnerId: _learner, importedAt: _imported, ...summary } = profile;
      const outcome = await transact({
        learner: {
          Update: {
            TableName: tableName,
            Key: keys.learner(org, profile.learnerId),
            UpdateExpression: 'SET profiles = list_append(if_not_exists(profiles, :none), :summary)',
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeValues: { ':none': [], ':summary': [summary] },
          },
        },
        profile: {
          Put: {
            TableName: tableName,
            Item: {
              ...keys.learnerProfile(org, profile.learnerId, profile.id),
              type: 'learner-profile',
              ...profile,
            },
          },
        },
        audit: audited(org, actor, profile.importedAt, 'profile.import', `profile:${profile.id}`, {
          learnerId: profile.learnerId,
          product: profile.product,
        }),
      });
      return outcome.ok;
    },

    profile: (org, learnerId, profileId) =>
      get<LearnerProfile>(keys.learnerProfile(org, learnerId, profileId)),

    profilesById: (org, refs) =>
      batchGet<LearnerProfile>(
        tableName,
        refs.map((ref) => keys.learnerProfile(org, ref.learnerId, ref.profileId)),
      ),

    async createShare(org, share, owed) {
      await transact({
        share: putNew(tableName, { ...keys.share(org, share.id), type: 'share', ...share }),
        audit: audited(org, share.requestedBy, share.requestedAt, 'profile.share', `share:${share.id}`, {
          learnerId: share.learnerId,
          profileId: share.profileId,
          delivery: share.delivery,
          language: share.language,
        }),
        ...outboxPuts(tableName, owed.outbox, share.requestedAt),
      });
    },

    share: (org, shareId) => get<ProfileShare>(keys.share(org, shareId)),

    async markShareEmailed(org, shareId, channel, at) {
      const change = statusChange(tableName, keys.share(org, shareId), {
        from: 'queued',
        to: 'emailed',
        set: { channel, emailedAt: at },
      });
      await conditionally(dynamo.send(new UpdateCommand(change.Update)));
    },

    createTeam: (org, team, actor) =>
      created(org, actor, 'team', keys.team(org, team.id), team, { name: team.name }),

    team: (org, teamId) => get<Team>(keys.team(org, teamId)),

    teams: (org, request) => page<Team>(keys.teamPrefix, org, request),

    async addTeamMembers(org, teamId, learnerIds, actor, at) {
      // Membership items are idempotent puts: adding someone twice changes nothing.
      await batchWrite(
        tableName,
        learnerIds.map((learnerId) => ({
          PutRequest: {
            Item: {
              ...keys.teamMember(org, teamId, learnerId),
              type: 'team-member',
              teamId,
              learnerId,
              addedAt: at,
            },
          },
        })),
      );
      await transact({
        audit: audited(org, actor, at, 'team.members.add', `team:${teamId}`, {
          learnerIds,
        }),
      });
    },

    async teamMemberIds(org, teamId) {
      const members = await allItems(tableName, {
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.org(org), ':prefix': keys.teamMemberPrefix(teamId) },
        ConsistentRead: true,
      });
      return members.map((item) => item.learnerId as string);
    },
  };
}
