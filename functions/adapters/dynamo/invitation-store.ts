import type { ItemKey } from './keys.ts';
import type { Invitation, UserProfile } from '../../../domain/invitations/model.ts';
import type { InvitationStore } from '../../../domain/invitations/ports.ts';
import type { Page, PageRequest } from '../../../domain/kernel.ts';
import type { Assignment } from '../../../domain/practice/model.ts';
import { auditTrail, type AuditActor } from './audit-entry.ts';
import { groupItem } from './practice-store.ts';
import { withoutKeys, consistentItem, tokenHash } from './items.ts';
import { keys } from './keys.ts';
import { outboxPuts } from './outbox.ts';
import { allItems, listPage } from './paging.ts';
import { openToken, sealToken } from './token-seal.ts';
import { transact } from './transactions.ts';
import { putNew, statusChange, acceptance, usesMove, offerEnding } from './writes.ts';

/**
 * Invitations, their accept tokens, and the invitee's assignments and profiles. Sending spends one
 * use (available → used) in the same transaction that records the invitation; revoking refunds it
 * in the same transaction that marks it revoked, and only while it is still `sent`.
 */

/** The audit action of each way a sent invitation ends without being accepted. */
const endings = { revoked: 'invitation.revoke', expired: 'invitation.expire' } as const;

export function dynamoInvitationStore(tableName: string): InvitationStore {
  const audited = auditTrail(tableName);
  const get = <T>(key: ItemKey) => consistentItem<T>(tableName, key);

  /** Newest first; with a status, a page holds up to `limit` invitations in that status. */
  const page = <T>(
    pk: string,
    prefix: string,
    request: PageRequest,
    filter?: { status: string },
  ): Promise<Page<T>> =>
    listPage(
      tableName,
      {
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ...(filter
          ? { FilterExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' } }
          : {}),
        ExpressionAttributeValues: {
          ':pk': pk,
          ':prefix': prefix,
          ...(filter ? { ':status': filter.status } : {}),
        },
        ScanIndexForward: false,
      },
      request,
      (item) => withoutKeys<T>(item),
    );

  /**
   * Ends a `sent` invitation (revoked, expired) and gives its use back, with the audit entry, in one
   * transaction: only while `sent`, so of an ending racing an acceptance or another ending exactly
   * one commits, and the use returns exactly once.
   */
  const closeSent = (invitation: Invitation, to: 'revoked' | 'expired', at: string, by: AuditActor) =>
    transact({
      ...offerEnding(
        tableName,
        keys.invitation(invitation.org, invitation.id),
        { ...invitation, from: 'sent', to, at },
        { count: 'used', quantity: 1 },
      ),
      audit: audited(by, at, endings[to], `invitation:${invitation.id}`, {
        email: invitation.email,
        refunded: invitation.product,
      }),
    });

  const store: InvitationStore = {
    async create(actor, invitation, token, newGroup, owed) {
      const groupChecks = invitation.groupIds
        .filter((id) => id !== newGroup?.id)
        .map((groupId) => [
          `group:${groupId}`,
          {
            ConditionCheck: {
              TableName: tableName,
              Key: keys.group(actor.org, groupId),
              ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(deletedAt)',
            },
          },
        ]);
      const outcome = await transact({
        balance: usesMove(tableName, { org: actor.org, product: invitation.product }, 'available', 'used'),
        invitation: putNew(tableName, {
          ...keys.invitation(actor.org, invitation.id),
          type: 'invitation',
          ...invitation,
          // For reminders, which carry the same link (token-seal.ts); the lookup uses the hash.
          sealedToken: await sealToken(tableName, token, `invitation:${invitation.id}`),
        }),
        token: {
          Put: {
            TableName: tableName,
            Item: {
              ...keys.invitationToken(tokenHash(token)),
              type: 'invitation-token',
              org: actor.org,
              invitationId: invitation.id,
            },
          },
        },
        ...(newGroup
          ? {
              newGroup: putNew(tableName, groupItem(actor.org, newGroup)),
            }
          : {}),
        ...Object.fromEntries(groupChecks),
        audit: audited(actor, invitation.sentAt, 'invitation.send', `invitation:${invitation.id}`, {
          email: invitation.email,
          product: invitation.product,
          withhold: invitation.withhold,
          groupIds: invitation.groupIds,
        }),
        ...outboxPuts(tableName, owed.outbox, invitation.sentAt),
      });
      if (outcome.ok) return 'created';
      return outcome.failed.has('balance') ? 'insufficient-balance' : 'group-not-found';
    },

    invitation: (org, invitationId) => get<Invitation>(keys.invitation(org, invitationId)),

    async groupsExist(org, groupIds) {
      // The same test as create's condition checks: the group item exists and is not deleted.
      const groups = await Promise.all(
        [...new Set(groupIds)].map((groupId) => get<{ deletedAt?: string }>(keys.group(org, groupId))),
      );
      return groups.every((group) => group !== undefined && !group.deletedAt);
    },

    invitations: (org, status, request) =>
      page<Invitation>(keys.org(org), keys.invitationPrefix, request, status ? { status } : undefined),

    async byToken(token) {
      const pointer = await get<{ org: string; invitationId: string }>(
        keys.invitationToken(tokenHash(token)),
      );
      return pointer ? store.invitation(pointer.org, pointer.invitationId) : undefined;
    },

    async revoke(actor, invitationId, at) {
      const invitation = await store.invitation(actor.org, invitationId);
      if (!invitation) return 'not-found';
      if (invitation.status === 'accepted') return 'already-accepted';
      // Expired: its use already went back, and there is nothing left to revoke.
      if (invitation.status === 'revoked' || invitation.status === 'expired') return 'already-revoked';
      const outcome = await closeSent(invitation, 'revoked', at, actor);
      // Lost a race with an acceptance or another revocation: answer as the state now says.
      return outcome.ok ? 'revoked' : store.revoke(actor, invitationId, at);
    },

    async accept(invitation, user, assignment, at) {
      const groups = (
        await Promise.all(
          invitation.groupIds.map(async (groupId) => {
            const [group, member] = await Promise.all([
              get<{ deletedAt?: string }>(keys.group(invitation.org, groupId)),
              get(keys.member(invitation.org, groupId, user.userId)),
            ]);
            return group && !group.deletedAt && !member ? groupId : undefined;
          }),
        )
      ).filter((id): id is string => id !== undefined);
      const outcome = await transact({
        invitation: acceptance(tableName, keys.invitation(invitation.org, invitation.id), 'sent', at, {
          acceptedBy: user.userId,
          assignmentId: assignment.id,
        }),
        assignment: putNew(tableName, {
          ...keys.assignment(user.userId, assignment.id),
          type: 'assignment',
          ...assignment,
        }),
        ...Object.fromEntries(
          groups.flatMap((groupId) => [
            [
              `member:${groupId}`,
              {
                Put: {
                  TableName: tableName,
                  Item: {
                    ...keys.member(invitation.org, groupId, user.userId),
                    type: 'member',
                    userId: user.userId,
                    email: user.email,
                    product: invitation.product,
                    joinedAt: at,
                    via: 'invitation',
                    assignmentId: assignment.id,
                  },
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
            ],
            [
              `group:${groupId}`,
              {
                Update: {
                  TableName: tableName,
                  Key: keys.group(invitation.org, groupId),
                  UpdateExpression: 'SET memberCount = memberCount + :one',
                  ExpressionAttributeValues: { ':one': 1 },
                },
              },
            ],
          ]),
        ),
        audit: audited(
          { org: invitation.org, userId: user.userId, email: user.email },
          at,
          'invitation.accept',
          `invitation:${invitation.id}`,
          { assignmentId: assignment.id },
        ),
      });
      return outcome.ok ? 'accepted' : 'not-open';
    },

    async release(org, invitationId, at, by, owed) {
      const outcome = await transact({
        invitation: {
          Update: {
            TableName: tableName,
            Key: keys.invitation(org, invitationId),
            UpdateExpression: 'SET releasedAt = :at',
            ConditionExpression:
              'attribute_exists(PK) AND attribute_not_exists(releasedAt) AND #status <> :revoked AND withhold = :yes',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':at': at, ':revoked': 'revoked', ':yes': true },
          },
        },
        audit: audited({ org, userId: by }, at, 'invitation.release', `invitation:${invitationId}`, {}),
        ...outboxPuts(tableName, owed.outbox, at),
      });
      if (outcome.ok) return 'released';
      return (await store.invitation(org, invitationId)) ? 'already' : 'not-found';
    },

    async expire(org, invitationId, at) {
      const invitation = await store.invitation(org, invitationId);
      if (!invitation || invitation.status !== 'sent') return 'not-open';
      // As a revocation: only while `sent`, so the expiry racing an acceptance or a revocation has
      // one winner, and the use returns exactly once.
      const outcome = await closeSent(invitation, 'expired', at, { org, userId: 'scheduler' });
      return outcome.ok ? 'expired' : 'not-open';
    },

    async remind(invitation, reminder, by, owed) {
      const index =
        reminder.day === undefined
          ? -1
          : (invitation.reminders ?? []).findIndex((r) => r.day === reminder.day);
      if (reminder.day !== undefined && index < 0) return 'not-open';
      const outcome = await transact({
        invitation: {
          Update: {
            TableName: tableName,
            Key: keys.invitation(invitation.org, invitation.id),
            ...(index >= 0
              ? {
                  // A scheduled one: sent once, and only while the invitation is open.
                  UpdateExpression: reminder.skip
                    ? `SET reminders[${index}].#rs = :sentStatus`
                    : `SET reminders[${index}].#rs = :sentStatus, lastEmailedAt = :at`,
                  ConditionExpression: `#status = :sent AND reminders[${index}].#rs = :scheduled`,
                  ExpressionAttributeNames: { '#status': 'status', '#rs': 'status' },
                  ExpressionAttributeValues: {
                    ':sent': 'sent',
                    ':sentStatus': reminder.skip ? 'cancelled' : 'sent',
                    ':scheduled': 'scheduled',
                    ...(reminder.skip ? {} : { ':at': reminder.at }),
                  },
                }
              : {
                  // A manual one: at most one email a day, whoever asks at the same moment.
                  UpdateExpression:
                    'SET reminders = list_append(if_not_exists(reminders, :none), :new), lastEmailedAt = :at',
                  ConditionExpression:
                    '#status = :sent AND (attribute_not_exists(lastEmailedAt) OR lastEmailedAt <= :dayBefore)',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: {
                    ':sent': 'sent',
                    ':none': [],
                    ':new': [{ at: reminder.at, status: 'sent' }],
                    ':at': reminder.at,
                    ':dayBefore': new Date(Date.parse(reminder.at) - 24 * 60 * 60 * 1000).toISOString(),
                  },
                }),
          },
        },
        audit: audited(by, reminder.at, 'invitation.remind', `invitation:${invitation.id}`, {
          email: invitation.email,
          scheduledDay: reminder.day ?? null,
          ...(reminder.skip ? { skipped: 'emailed within 24 h' } : {}),
        }),
        ...outboxPuts(tableName, owed.outbox, reminder.at),
      });
      return outcome.ok ? 'reminded' : 'not-open';
    },

    async groupName(org, groupId) {
      const group = await get<{ name: string; deletedAt?: string }>(keys.group(org, groupId));
      return group && !group.deletedAt ? group.name : undefined;
    },

    async unfinishedMembers(org, groupId) {
      const members = await allItems(tableName, {
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.org(org), ':prefix': keys.memberPrefix(groupId) },
        ConsistentRead: true,
      });
      const checked = await Promise.all(
        members.map(async (member) => {
          const assignment = await get<Assignment>(
            keys.assignment(member.userId as string, member.assignmentId as string),
          );
          return assignment?.status === 'pending'
            ? {
                userId: member.userId as string,
                email: member.email as string,
                lastRemindedAt: member.lastRemindedAt as string | undefined,
              }
            : undefined;
        }),
      );
      return checked.filter((m) => m !== undefined);
    },

    async remindMember(actor, groupId, userId, at, owed) {
      const outcome = await transact({
        member: {
          Update: {
            TableName: tableName,
            Key: keys.member(actor.org, groupId, userId),
            UpdateExpression: 'SET lastRemindedAt = :at',
            ConditionExpression:
              'attribute_exists(PK) AND (attribute_not_exists(lastRemindedAt) OR lastRemindedAt <= :dayBefore)',
            ExpressionAttributeValues: {
              ':at': at,
              ':dayBefore': new Date(Date.parse(at) - 24 * 60 * 60 * 1000).toISOString(),
            },
          },
        },
        audit: audited(actor, at, 'group.remind', `group:${groupId}`, { userId }),
        ...outboxPuts(tableName, owed.outbox, at),
      });
      return outcome.ok ? 'reminded' : 'too-soon';
    },

    async acceptToken(invitation) {
      const item = await get<{ sealedToken?: string }>(keys.invitation(invitation.org, invitation.id));
      return item?.sealedToken
        ? openToken(tableName, item.sealedToken, `invitation:${invitation.id}`)
        : undefined;
    },

    assignments: (userId, request) => page<Assignment>(keys.user(userId), keys.assignmentPrefix, request),
    assignment: (userId, assignmentId) => get<Assignment>(keys.assignment(userId, assignmentId)),

    async complete(user, assignment, profile) {
      const outcome = await transact({
        assignment: statusChange(tableName, keys.assignment(user.userId, assignment.id), {
          from: 'pending',
          to: 'completed',
          set: { profileId: profile.id },
        }),
        profile: putNew(tableName, {
          ...keys.userProfile(user.userId, profile.id),
          type: 'user-profile',
          ...profile,
        }),
        ...(assignment.invitationId
          ? {
              invitation: {
                Update: {
                  TableName: tableName,
                  Key: keys.invitation(assignment.org, assignment.invitationId),
                  UpdateExpression: 'SET profileId = :profile',
                  ExpressionAttributeValues: { ':profile': profile.id },
                },
              },
            }
          : {}),
        audit: audited(
          { org: assignment.org, userId: user.userId, email: user.email },
          profile.completedAt,
          'profile.complete',
          `profile:${profile.id}`,
          {
            assignmentId: assignment.id,
            invitationId: assignment.invitationId ?? null,
          },
        ),
      });
      return outcome.ok ? 'completed' : 'not-pending';
    },

    userProfiles: (userId, request) => page<UserProfile>(keys.user(userId), keys.userProfilePrefix, request),
    userProfile: (userId, profileId) => get<UserProfile>(keys.userProfile(userId, profileId)),
    profileOfInvitation: async (invitation) =>
      invitation.profileId && invitation.acceptedBy
        ? get<UserProfile>(keys.userProfile(invitation.acceptedBy, invitation.profileId))
        : undefined,
  };
  return store;
}
