import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Actor, Page, PageRequest } from '../../../domain/kernel.ts';
import {
  codeSettings,
  type Assignment,
  type AuditEntry,
  type Balance,
  type Group,
  type Member,
  type ShareCode,
} from '../../../domain/practice/model.ts';
import type { PracticeStore } from '../../../domain/practice/ports.ts';
import { countedProducts, type CountedProduct } from '../../../domain/products.ts';
import { dynamo } from '../../shared/clients/dynamo.ts';
import { withoutKeys } from './items.ts';
import { keys } from './keys.ts';
import { allItems, listPage, type ListQuery } from './paging.ts';
import { auditTrail } from './audit-entry.ts';
import { conditionally, transact } from './transactions.ts';
import { putNew, usesMove } from './writes.ts';

/**
 * The practice store on the single table. Every count changes inside a transaction whose conditions
 * make the invariant hold under any concurrency: purchased = available + inGroups + used per
 * product, and a group's remaining uses never below zero. Each change writes its audit entry in the
 * same transaction, so the trail can never disagree with the counts.
 */
const deleteGroupAttempts = 8;

const toGroup = (item: Record<string, unknown>): Group => ({
  id: item.id as string,
  name: item.name as string,
  description: item.description as string | undefined,
  createdAt: item.createdAt as string,
  updatedAt: item.updatedAt as string,
  memberCount: item.memberCount as number,
  uses: item.uses as Group['uses'],
});

/** A group as stored: with the summary of its codes (redemptions counted there too). */
export const groupItem = (org: string, group: Group) => ({
  ...keys.group(org, group.id),
  type: 'group',
  ...group,
  codes: {},
});

const toCode = (item: Record<string, unknown>): ShareCode => ({
  code: item.code as string,
  org: item.org as string,
  groupId: item.groupId as string,
  product: item.product as CountedProduct,
  includeCareerGuide: item.includeCareerGuide as boolean,
  allowedEmailDomains: (item.allowedEmailDomains as string[] | undefined) ?? [],
  expiresAt: item.expiresAt as string | undefined,
  maxRedemptions: item.maxRedemptions as number | undefined,
  redemptions: item.redemptions as number,
  revokedAt: item.revokedAt as string | undefined,
  createdAt: item.createdAt as string,
});

const codesOf = (groupItem: Record<string, unknown>): ShareCode[] =>
  Object.values((groupItem.codes as Record<string, Record<string, unknown>> | undefined) ?? {})
    .map(toCode)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));

const toMember = (item: Record<string, unknown>): Member => ({
  userId: item.userId as string,
  email: item.email as string,
  product: item.product as CountedProduct,
  joinedAt: item.joinedAt as string,
  via: item.via as Member['via'],
  assignmentId: item.assignmentId as string,
});

export function dynamoPracticeStore(tableName: string): PracticeStore {
  const audited = auditTrail(tableName);
  const get = async (key: { PK: string; SK: string }) =>
    (await dynamo.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;

  const liveGroup = async (org: string, groupId: string) => {
    const item = await get(keys.group(org, groupId));
    return item && item.deletedAt === undefined ? item : undefined;
  };

  const page = <T>(
    query: ListQuery,
    request: PageRequest,
    map: (item: Record<string, unknown>) => T,
  ): Promise<Page<T>> => listPage(tableName, query, request, map);

  /**
   * Moves uses between the balance and a live group in one transaction, with its audit entry: into
   * the group only while the balance has them available, back only while the group has them unused,
   * so purchased = available + inGroups + used holds at every moment.
   */
  const moveUses = (
    direction: 'into-group' | 'back-to-balance',
    actor: Actor,
    groupId: string,
    product: CountedProduct,
    quantity: number,
    at: string,
  ) => {
    const into = direction === 'into-group';
    const group = into ? '+' : '-';
    return transact({
      group: {
        Update: {
          TableName: tableName,
          Key: keys.group(actor.org, groupId),
          UpdateExpression: `SET uses.#p.allocated = uses.#p.allocated ${group} :q, uses.#p.remaining = uses.#p.remaining ${group} :q, updatedAt = :at`,
          ConditionExpression: into
            ? 'attribute_exists(PK) AND attribute_not_exists(deletedAt)'
            : 'attribute_exists(PK) AND attribute_not_exists(deletedAt) AND uses.#p.remaining >= :q',
          ExpressionAttributeNames: { '#p': product },
          ExpressionAttributeValues: { ':q': quantity, ':at': at },
        },
      },
      balance: into
        ? usesMove(tableName, { org: actor.org, product }, 'available', 'inGroups', quantity)
        : usesMove(tableName, { org: actor.org, product }, 'inGroups', 'available', quantity),
      audit: audited(actor, at, into ? 'group.allocate' : 'group.return', `group:${groupId}`, {
        product,
        quantity,
      }),
    });
  };

  return {
    async purchase(actor, purchase) {
      await transact({
        balance: {
          Update: {
            TableName: tableName,
            Key: keys.balance(actor.org, purchase.product),
            UpdateExpression:
              'SET purchased = if_not_exists(purchased, :zero) + :q, available = if_not_exists(available, :zero) + :q, inGroups = if_not_exists(inGroups, :zero), used = if_not_exists(used, :zero)',
            ExpressionAttributeValues: { ':q': purchase.quantity, ':zero': 0 },
          },
        },
        purchase: putNew(tableName, {
          ...keys.purchase(actor.org, purchase.id),
          type: 'purchase',
          ...purchase,
          purchasedBy: actor.userId,
        }),
        audit: audited(actor, purchase.at, 'balance.purchase', `purchase:${purchase.id}`, {
          product: purchase.product,
          quantity: purchase.quantity,
          reference: purchase.reference ?? null,
        }),
      });
    },

    async balance(org) {
      const items = await allItems(tableName, {
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.org(org), ':prefix': keys.balancePrefix },
        ConsistentRead: true,
      });
      const balance = Object.fromEntries(
        countedProducts.map((p) => [p, { available: 0, inGroups: 0, inTransfers: 0, used: 0 }]),
      ) as Balance;
      for (const item of items) {
        const product = (item.SK as string).slice(keys.balancePrefix.length) as CountedProduct;
        balance[product] = {
          available: item.available as number,
          inGroups: item.inGroups as number,
          // Held by pending transfers (transfer-store.ts); absent on balances no transfer touched.
          inTransfers: (item.inTransfers as number | undefined) ?? 0,
          used: item.used as number,
        };
      }
      return balance;
    },

    async createGroup(actor, group) {
      await transact({
        group: putNew(tableName, groupItem(actor.org, group)),
        audit: audited(actor, group.createdAt, 'group.create', `group:${group.id}`, {
          name: group.name,
        }),
      });
    },

    async group(org, groupId) {
      const item = await liveGroup(org, groupId);
      return item ? toGroup(item) : undefined;
    },

    groups: (org, request) =>
      page(
        {
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          FilterExpression: 'attribute_not_exists(deletedAt)',
          ExpressionAttributeValues: { ':pk': keys.org(org), ':prefix': keys.groupPrefix },
        },
        request,
        toGroup,
      ),

    async renameGroup(actor, groupId, changes, at) {
      const sets = ['updatedAt = :at'];
      const values: Record<string, unknown> = { ':at': at };
      // `name` is a reserved word, so it needs a placeholder; DynamoDB refuses a placeholder the
      // expression does not use, so it is declared only when the name changes.
      const names: Record<string, string> = {};
      if (changes.name !== undefined) {
        sets.push('#name = :name');
        values[':name'] = changes.name;
        names['#name'] = 'name';
      }
      if (changes.description !== undefined) {
        sets.push('description = :description');
        values[':description'] = changes.description;
      }
      const answer = await conditionally(
        dynamo.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.group(actor.org, groupId),
            UpdateExpression: `SET ${sets.join(', ')}`,
            ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(deletedAt)',
            ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
            ExpressionAttributeValues: values,
            ReturnValues: 'ALL_NEW',
          }),
        ),
      );
      return answer ? toGroup(answer.Attributes!) : undefined;
    },

    async deleteGroup(actor, groupId, at) {
      for (let attempt = 0; attempt < deleteGroupAttempts; attempt += 1) {
        const item = await liveGroup(actor.org, groupId);
        if (!item) return 'not-found';
        const group = toGroup(item);
        // Guarded by the remaining counts read above: a redemption in between fails the condition and
        // we read again, so exactly the unused uses go back.
        const outcome = await transact({
          group: {
            Update: {
              TableName: tableName,
              Key: keys.group(actor.org, groupId),
              UpdateExpression: 'SET deletedAt = :at',
              ConditionExpression:
                'attribute_not_exists(deletedAt) AND uses.introductory.remaining = :ri AND uses.expert.remaining = :re',
              ExpressionAttributeValues: {
                ':at': at,
                ':ri': group.uses.introductory.remaining,
                ':re': group.uses.expert.remaining,
              },
            },
          },
          ...Object.fromEntries(
            countedProducts
              .filter((p) => group.uses[p].remaining > 0)
              .map((p) => [
                `balance:${p}`,
                usesMove(
                  tableName,
                  { org: actor.org, product: p },
                  'inGroups',
                  'available',
                  group.uses[p].remaining,
                ),
              ]),
          ),
          audit: audited(actor, at, 'group.delete', `group:${groupId}`, {
            returned: Object.fromEntries(countedProducts.map((p) => [p, group.uses[p].remaining])),
          }),
        });
        if (outcome.ok) return 'deleted';
      }
      throw new Error(`Group ${groupId} kept changing while being deleted`);
    },

    async allocate(actor, groupId, product, quantity, at) {
      const outcome = await moveUses('into-group', actor, groupId, product, quantity, at);
      if (outcome.ok) return 'moved';
      return outcome.failed.has('group') ? 'not-found' : 'insufficient-balance';
    },

    async returnUses(actor, groupId, product, quantity, at) {
      const outcome = await moveUses('back-to-balance', actor, groupId, product, quantity, at);
      if (outcome.ok) return 'moved';
      // The group's condition refuses both a missing group and too few unused uses: read which.
      return (await liveGroup(actor.org, groupId)) ? 'not-enough-unused' : 'not-found';
    },

    async createCode(actor, code) {
      const outcome = await transact({
        group: {
          // The group keeps a summary of its codes, so its overview is one read.
          Update: {
            TableName: tableName,
            Key: keys.group(actor.org, code.groupId),
            UpdateExpression: 'SET codes.#code = :code',
            ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(deletedAt)',
            ExpressionAttributeNames: { '#code': code.code },
            ExpressionAttributeValues: { ':code': code },
          },
        },
        code: putNew(tableName, { ...keys.code(code.code), type: 'code', ...code }),
        audit: audited(actor, code.createdAt, 'code.create', `code:${code.code}`, {
          groupId: code.groupId,
          ...codeSettings(code),
        }),
      });
      if (outcome.ok) return 'created';
      return outcome.failed.has('group') ? 'group-not-found' : 'taken';
    },

    async code(code) {
      const item = await get(keys.code(code));
      return item ? toCode(item) : undefined;
    },

    async groupWithCodes(org, groupId) {
      const item = await liveGroup(org, groupId);
      return item ? { group: toGroup(item), codes: codesOf(item) } : undefined;
    },

    async revokeCode(actor, groupId, code, at) {
      const outcome = await transact({
        code: {
          Update: {
            TableName: tableName,
            Key: keys.code(code),
            UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :at)',
            ConditionExpression: 'attribute_exists(PK) AND org = :org AND groupId = :groupId',
            ExpressionAttributeValues: { ':at': at, ':org': actor.org, ':groupId': groupId },
          },
        },
        group: {
          Update: {
            TableName: tableName,
            Key: keys.group(actor.org, groupId),
            UpdateExpression: 'SET codes.#code.revokedAt = if_not_exists(codes.#code.revokedAt, :at)',
            ConditionExpression: 'attribute_exists(codes.#code)',
            ExpressionAttributeNames: { '#code': code },
            ExpressionAttributeValues: { ':at': at },
          },
        },
        audit: audited(actor, at, 'code.revoke', `code:${code}`, { groupId }),
      });
      return outcome.ok ? 'revoked' : 'not-found';
    },

    async member(org, groupId, userId) {
      const item = await get(keys.member(org, groupId, userId));
      return item ? toMember(item) : undefined;
    },

    members: (org, groupId, request) =>
      page(
        {
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          ExpressionAttributeValues: { ':pk': keys.org(org), ':prefix': keys.memberPrefix(groupId) },
        },
        request,
        toMember,
      ),

    async assignment(userId, assignmentId) {
      const item = await get(keys.assignment(userId, assignmentId));
      if (!item) return undefined;
      return withoutKeys<Assignment>(item);
    },

    async redeem({ code, redeemer, assignment, member, at, nowIso }) {
      const org = code.org;
      const outcome = await transact({
        group: {
          Update: {
            TableName: tableName,
            Key: keys.group(org, code.groupId),
            UpdateExpression:
              'SET uses.#p.redeemed = uses.#p.redeemed + :one, uses.#p.remaining = uses.#p.remaining - :one, memberCount = memberCount + :one, codes.#code.redemptions = codes.#code.redemptions + :one',
            ConditionExpression:
              'attribute_exists(PK) AND attribute_not_exists(deletedAt) AND uses.#p.remaining > :zero',
            ExpressionAttributeNames: { '#p': code.product, '#code': code.code },
            ExpressionAttributeValues: { ':one': 1, ':zero': 0 },
          },
        },
        code: {
          Update: {
            TableName: tableName,
            Key: keys.code(code.code),
            UpdateExpression: 'SET redemptions = redemptions + :one',
            ConditionExpression:
              'attribute_not_exists(revokedAt) AND (attribute_not_exists(maxRedemptions) OR redemptions < maxRedemptions) AND (attribute_not_exists(expiresAt) OR expiresAt > :now)',
            ExpressionAttributeValues: { ':one': 1, ':now': nowIso },
          },
        },
        member: putNew(tableName, {
          ...keys.member(org, code.groupId, redeemer.userId),
          type: 'member',
          ...member,
        }),
        assignment: putNew(tableName, {
          ...keys.assignment(redeemer.userId, assignment.id),
          type: 'assignment',
          ...assignment,
        }),
        balance: usesMove(tableName, { org, product: code.product }, 'inGroups', 'used'),
        audit: audited(
          { org, userId: redeemer.userId, email: redeemer.email },
          at,
          'code.redeem',
          `code:${code.code}`,
          {
            groupId: code.groupId,
            product: code.product,
            assignmentId: assignment.id,
            userEmail: redeemer.email,
          },
        ),
      });
      if (outcome.ok) return 'redeemed';
      if (outcome.failed.has('member')) return 'already-member';
      if (outcome.failed.has('group'))
        return (await liveGroup(org, code.groupId)) ? 'no-uses-left' : 'group-gone';
      return 'code-unusable';
    },

    audit: (org, request) =>
      page(
        {
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': keys.auditPartition(org) },
          ScanIndexForward: false,
        },
        request,
        (item): AuditEntry => ({
          at: item.at as string,
          actor: item.actor as string,
          action: item.action as string,
          subject: item.subject as string,
          details: item.details as Record<string, unknown>,
        }),
      ),
  };
}
