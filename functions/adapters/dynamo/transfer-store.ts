import type { ItemKey } from './keys.ts';
import type { Transfer } from '../../../domain/transfers/model.ts';
import type { TransferStore } from '../../../domain/transfers/ports.ts';
import { auditTrail } from './audit-entry.ts';
import { withoutKeys, consistentItem, tokenHash } from './items.ts';
import { keys } from './keys.ts';
import { outboxPuts } from './outbox.ts';
import { listPage } from './paging.ts';
import { dynamoPracticeStore } from './practice-store.ts';
import { transact } from './transactions.ts';
import { putNew, acceptance, usesMove, offerEnding } from './writes.ts';

/**
 * Transfers of uses on the single table. Per organisation and product the balance item keeps
 * available + inGroups + inTransfers + used = purchased + transferredIn − transferredOut: sending
 * moves uses available → inTransfers; accepting takes them out of the sender's inTransfers
 * (transferredOut) and into the recipient's available (transferredIn) in one transaction; a cancel
 * or an expiry moves them back to available. Each ending is conditional on the transfer being
 * `pending`, so exactly one of racing endings commits. The accept token is stored only as a hash.
 */

/** The audit action of each way a pending transfer ends without being accepted. */
const endings = { cancelled: 'transfer.cancel', expired: 'transfer.expire' } as const;

export function dynamoTransferStore(tableName: string): TransferStore {
  const audited = auditTrail(tableName);
  const get = <T>(key: ItemKey) => consistentItem<T>(tableName, key);
  const newestFirst = (pk: string, prefix: string, request: Parameters<TransferStore['sent']>[1]) =>
    listPage(
      tableName,
      {
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
        ScanIndexForward: false,
      },
      request,
      (item) => withoutKeys<Transfer>(item),
    );
  const practice = dynamoPracticeStore(tableName);

  const store: TransferStore = {
    async create(actor, transfer, token, owed) {
      const outcome = await transact({
        balance: usesMove(
          tableName,
          { org: actor.org, product: transfer.product },
          'available',
          'inTransfers',
          transfer.quantity,
        ),
        transfer: putNew(tableName, {
          ...keys.transfer(actor.org, transfer.id),
          type: 'transfer',
          ...transfer,
        }),
        token: {
          Put: {
            TableName: tableName,
            Item: {
              ...keys.transferToken(tokenHash(token)),
              type: 'transfer-token',
              org: actor.org,
              transferId: transfer.id,
            },
          },
        },
        audit: audited(actor, transfer.createdAt, 'transfer.send', `transfer:${transfer.id}`, {
          email: transfer.email,
          product: transfer.product,
          quantity: transfer.quantity,
        }),
        ...outboxPuts(tableName, owed.outbox, transfer.createdAt),
      });
      return outcome.ok ? 'created' : 'insufficient-balance';
    },

    transfer: (org, transferId) => get<Transfer>(keys.transfer(org, transferId)),

    async byToken(token) {
      const pointer = await get<{ org: string; transferId: string }>(keys.transferToken(tokenHash(token)));
      return pointer ? store.transfer(pointer.org, pointer.transferId) : undefined;
    },

    sent: (org, request) => newestFirst(keys.org(org), keys.transferPrefix, request),
    received: (org, request) => newestFirst(keys.org(org), keys.transferInPrefix, request),

    async accept(transfer, recipient, at) {
      const q = transfer.quantity;
      const sameOrg = recipient.org === transfer.org;
      const accepted = {
        ...transfer,
        status: 'accepted' as const,
        acceptedAt: at,
        acceptedBy: recipient.userId,
        acceptedByOrg: recipient.org,
      };
      const outcome = await transact({
        transfer: acceptance(tableName, keys.transfer(transfer.org, transfer.id), 'pending', at, {
          acceptedBy: recipient.userId,
          acceptedByOrg: recipient.org,
        }),
        // One organisation giving to itself (a colleague): one item, so one update does both sides.
        sender: {
          Update: {
            TableName: tableName,
            Key: keys.balance(transfer.org, transfer.product),
            UpdateExpression: sameOrg
              ? 'SET inTransfers = inTransfers - :q, available = available + :q, transferredOut = if_not_exists(transferredOut, :zero) + :q, transferredIn = if_not_exists(transferredIn, :zero) + :q'
              : 'SET inTransfers = inTransfers - :q, transferredOut = if_not_exists(transferredOut, :zero) + :q',
            ConditionExpression: 'inTransfers >= :q',
            ExpressionAttributeValues: { ':q': q, ':zero': 0 },
          },
        },
        ...(sameOrg
          ? {}
          : {
              // The recipient's organisation may have no balance yet: every count starts at zero.
              recipient: {
                Update: {
                  TableName: tableName,
                  Key: keys.balance(recipient.org, transfer.product),
                  UpdateExpression:
                    'SET available = if_not_exists(available, :zero) + :q, transferredIn = if_not_exists(transferredIn, :zero) + :q, purchased = if_not_exists(purchased, :zero), inGroups = if_not_exists(inGroups, :zero), inTransfers = if_not_exists(inTransfers, :zero), used = if_not_exists(used, :zero)',
                  ExpressionAttributeValues: { ':q': q, ':zero': 0 },
                },
              },
            }),
        received: putNew(tableName, {
          ...keys.transferIn(recipient.org, transfer.id),
          type: 'transfer-in',
          ...accepted,
        }),
        senderAudit: audited(
          { org: transfer.org, userId: recipient.userId, email: recipient.email },
          at,
          'transfer.accepted',
          `transfer:${transfer.id}`,
          { product: transfer.product, quantity: q, email: transfer.email },
        ),
        ...(sameOrg
          ? {}
          : {
              recipientAudit: audited(recipient, at, 'transfer.receive', `transfer:${transfer.id}`, {
                product: transfer.product,
                quantity: q,
                from: transfer.createdByName ?? null,
              }),
            }),
      });
      return outcome.ok ? 'accepted' : 'not-open';
    },

    async close(transfer, to, by, at) {
      const outcome = await transact({
        ...offerEnding(
          tableName,
          keys.transfer(transfer.org, transfer.id),
          { ...transfer, from: 'pending', to, at },
          { count: 'inTransfers', quantity: transfer.quantity },
        ),
        audit: audited(by, at, endings[to], `transfer:${transfer.id}`, {
          product: transfer.product,
          returned: transfer.quantity,
          email: transfer.email,
        }),
      });
      return outcome.ok ? 'closed' : 'not-pending';
    },

    balance: (org) => practice.balance(org),
  };
  return store;
}
