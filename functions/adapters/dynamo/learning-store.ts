import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Learner, LearnerProfile, ProfileShare, Team } from '../../../domain/learning/model.ts';
import type { LearningStore } from '../../../domain/learning/ports.ts';
import type { Page, PageRequest } from '../../../domain/kernel.ts';
import { dynamo } from '../../shared/clients/dynamo.ts';
import { auditPut } from './audit-entry.ts';
import { batchGet, batchWrite } from './batches.ts';
import { withoutKeys } from './items.ts';
import { keys } from './keys.ts';
import { outboxPuts } from './outbox.ts';
import { allItems, listPage } from './paging.ts';
import { conditionally, transact } from './transactions.ts';

/**
 * Learners, their profiles and teams on the single table. A learner item carries the summaries of
 * its profiles (a handful at most), so lists and team views read one item per learner; the full
 * results live in one item per profile.
 */

export function dynamoLearningStore(tableName: string): LearningStore {
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

  return {
    async createLearner(org, learner, actor) {
      await transact({
        learner: {
          Put: {
            TableName: tableName,
            Item: { ...keys.learner(org, learner.id), type: 'learner', ...learner },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        audit: auditPut(
          tableName,
          { org, userId: actor },
          learner.createdAt,
          'learner.create',
          `learner:${learner.id}`,
          { email: learner.email },
        ),
      });
    },

    async learner(org, learnerId) {
      const answer = await dynamo.send(
        new GetCommand({ TableName: tableName, Key: keys.learner(org, learnerId), ConsistentRead: true }),
      );
      return answer.Item ? withoutKeys<Learner>(answer.Item) : undefined;
    },

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
        audit: auditPut(
          tableName,
          { org, userId: actor },
          profile.importedAt,
          'profile.import',
          `profile:${profile.id}`,
          { learnerId: profile.learnerId, product: profile.product },
        ),
      });
      return outcome.ok;
    },

    async profile(org, learnerId, profileId) {
      const answer = await dynamo.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.learnerProfile(org, learnerId, profileId),
          ConsistentRead: true,
        }),
      );
      return answer.Item ? withoutKeys<LearnerProfile>(answer.Item) : undefined;
    },

    async createShare(org, share, owed) {
      await transact({
        share: {
          Put: {
            TableName: tableName,
            Item: { ...keys.share(org, share.id), type: 'share', ...share },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        audit: auditPut(
          tableName,
          { org, userId: share.requestedBy },
          share.requestedAt,
          'profile.share',
          `share:${share.id}`,
          {
            learnerId: share.learnerId,
            profileId: share.profileId,
            delivery: share.delivery,
            language: share.language,
          },
        ),
        ...outboxPuts(tableName, owed.outbox, share.requestedAt),
      });
    },

    async share(org, shareId) {
      const answer = await dynamo.send(
        new GetCommand({ TableName: tableName, Key: keys.share(org, shareId), ConsistentRead: true }),
      );
      return answer.Item ? withoutKeys<ProfileShare>(answer.Item) : undefined;
    },

    async markShareEmailed(org, shareId, channel, at) {
      await conditionally(
        dynamo.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.share(org, shareId),
            UpdateExpression: 'SET #status = :emailed, channel = :channel, emailedAt = :at',
            ConditionExpression: 'attribute_exists(PK) AND #status = :queued',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':emailed': 'emailed',
              ':queued': 'queued',
              ':channel': channel,
              ':at': at,
            },
          }),
        ),
      );
    },

    async createTeam(org, team, actor) {
      await transact({
        team: {
          Put: {
            TableName: tableName,
            Item: { ...keys.team(org, team.id), type: 'team', ...team },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        audit: auditPut(tableName, { org, userId: actor }, team.createdAt, 'team.create', `team:${team.id}`, {
          name: team.name,
        }),
      });
    },

    async team(org, teamId) {
      const answer = await dynamo.send(
        new GetCommand({ TableName: tableName, Key: keys.team(org, teamId), ConsistentRead: true }),
      );
      return answer.Item ? withoutKeys<Team>(answer.Item) : undefined;
    },

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
        audit: auditPut(tableName, { org, userId: actor }, at, 'team.members.add', `team:${teamId}`, {
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
