import { keys, type ItemKey } from './keys.ts';

/**
 * The write items the stores' transactions are made of, where one rule serves many stores: a new
 * item, a status change, an acceptance, uses moving within a balance. Each is a `TransactItem`
 * (transactions.ts); the stores name them and add their own.
 */

/**
 * A transaction item that writes a new item (its key, its `type`, its fields), refused if an item
 * with that key is already there: ids are fresh and codes unique, so a refusal is a retried write or
 * a taken code, which the caller tells apart by the item's name in the outcome.
 */
export const putNew = (tableName: string, item: ItemKey & { type: string } & Record<string, unknown>) => ({
  Put: { TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(PK)' },
});

/**
 * A transaction item that moves an item from status `from` to `to` and sets the attributes of `set`
 * with it, refused unless the item is in `from` at that moment (so of racing moves exactly one
 * commits, and a missing item refuses too). `also` adds to the condition, naming a value of `set`
 * as `:<attribute>` (`expiresAt > :acceptedAt`). Every attribute is named through a placeholder, as
 * DynamoDB reserves many plain words (`status`, `shared`).
 */
export function statusChange(
  tableName: string,
  key: ItemKey,
  change: { from: string; to: string; set?: Record<string, unknown>; also?: string },
) {
  const set = Object.entries(change.set ?? {});
  return {
    Update: {
      TableName: tableName,
      Key: key,
      UpdateExpression: ['SET #status = :to', ...set.map(([name]) => `#${name} = :${name}`)].join(', '),
      ConditionExpression: change.also ? `#status = :from AND (${change.also})` : '#status = :from',
      ExpressionAttributeNames: Object.fromEntries([
        ['#status', 'status'],
        ...set.map(([name]) => [`#${name}`, name]),
      ]),
      ExpressionAttributeValues: Object.fromEntries([
        [':from', change.from],
        [':to', change.to],
        ...set.map(([name, value]) => [`:${name}`, value]),
      ]),
    },
  };
}

/**
 * Accepting an offer (an invitation, a transfer): from `from` to `accepted`, stamped with when and
 * by whom (`by`: the accepting user and what else the offer records of them), and only before its
 * expiry time, even if the expiry schedule has not fired yet. An offer without `expiresAt` does not
 * expire.
 */
export const acceptance = (
  tableName: string,
  key: ItemKey,
  from: string,
  at: string,
  by: { acceptedBy: string } & Record<string, unknown>,
) =>
  statusChange(tableName, key, {
    from,
    to: 'accepted',
    set: { acceptedAt: at, ...by },
    also: 'attribute_not_exists(expiresAt) OR expiresAt > :acceptedAt',
  });

/** The counts of a balance item that uses move between (keys.ts: one item per org and product). */
export type UseCount = 'available' | 'inGroups' | 'inTransfers' | 'used';

/**
 * A transaction item that moves `quantity` uses of an organisation's product from one count of its
 * balance to another, refused unless `from` holds that many: the sum of the counts never changes, so
 * the balance invariant holds whatever runs at the same time. A count not yet on the item (a balance
 * older than transfers) starts at zero.
 */
export const usesMove = (
  tableName: string,
  balance: { org: string; product: string },
  from: UseCount,
  to: UseCount,
  quantity = 1,
) => ({
  Update: {
    TableName: tableName,
    Key: keys.balance(balance.org, balance.product),
    UpdateExpression: `SET ${from} = ${from} - :q, ${to} = if_not_exists(${to}, :zero) + :q`,
    ConditionExpression: `${from} >= :q`,
    ExpressionAttributeValues: { ':q': quantity, ':zero': 0 },
  },
});

/**
 * The items that end an open offer (an invitation, a transfer) and give back the uses it held: the
 * offer moves from `from` to `to`, stamped `<to>At`, only while in `from`, so of racing endings (a
 * cancel, an expiry, an acceptance) exactly one commits and the uses return exactly once.
 */
export const offerEnding = (
  tableName: string,
  key: ItemKey,
  offer: { org: string; product: string; from: string; to: string; at: string },
  held: { count: UseCount; quantity: number },
) => ({
  offer: statusChange(tableName, key, {
    from: offer.from,
    to: offer.to,
    set: { [`${offer.to}At`]: offer.at },
  }),
  balance: usesMove(tableName, offer, held.count, 'available', held.quantity),
});
