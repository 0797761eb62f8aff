import { randomBytes } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/kernel.ts';
import { invitationUseCases } from '../../domain/invitations/use-cases.ts';
import { practiceUseCases } from '../../domain/practice/use-cases.ts';
import { countedProducts, type CountedProduct } from '../../domain/products.ts';
import { dynamoInvitationStore } from '../../functions/adapters/dynamo/invitation-store.ts';
import { dynamoOutbox } from '../../functions/adapters/dynamo/outbox.ts';
import { dynamoPracticeStore } from '../../functions/adapters/dynamo/practice-store.ts';
import { transferUseCases } from '../../domain/transfers/use-cases.ts';
import { keys } from '../../functions/adapters/dynamo/keys.ts';
import { dynamoTransferStore } from '../../functions/adapters/dynamo/transfer-store.ts';
import { dynamo } from '../../functions/shared/clients/dynamo.ts';
import { newOrg, stack } from '../support/api.ts';

/**
 * Model-based property test against DynamoDB Local: random sequences of purchase / create group /
 * allocate / return / redeem / delete group run through the real use cases and store, beside a
 * plain in-memory model, with invitation expiries and reminders, transfers out (to recipients'
 * organisations new to the system) and in, their cancels and expiries, and accept/cancel/expire
 * (and accept/revoke/expire of invitations) run concurrently, where exactly one must win. After
 * every step the stored balance equals the model's, and available + inGroups + inTransfers + used
 * equals purchases plus accepted transfers in minus accepted transfers out, with no count below zero.
 */
type Op =
  | { kind: 'purchase'; product: CountedProduct; quantity: number }
  | { kind: 'createGroup' }
  | { kind: 'allocate'; group: number; product: CountedProduct; quantity: number }
  | { kind: 'return'; group: number; product: CountedProduct; quantity: number }
  | { kind: 'redeem'; group: number; product: CountedProduct; user: number }
  | { kind: 'deleteGroup'; group: number }
  | { kind: 'invite'; product: CountedProduct }
  | { kind: 'revokeInvitation'; invitation: number }
  | { kind: 'acceptInvitation'; invitation: number }
  | { kind: 'expireInvitation'; invitation: number }
  | { kind: 'remindInvitation'; invitation: number }
  | { kind: 'raceInvitation'; invitation: number }
  | { kind: 'transferOut'; product: CountedProduct; quantity: number; recipient: number }
  | { kind: 'transferIn'; product: CountedProduct; quantity: number }
  | { kind: 'acceptTransfer'; transfer: number }
  | { kind: 'cancelTransfer'; transfer: number }
  | { kind: 'expireTransfer'; transfer: number }
  | { kind: 'raceTransfer'; transfer: number };

// Weighted so that most runs buy, allocate and redeem the same product: the interesting cases.
const product = fc.oneof(
  { arbitrary: fc.constant<CountedProduct>('introductory'), weight: 3 },
  { arbitrary: fc.constant<CountedProduct>('expert'), weight: 1 },
);
const groupIndex = fc.nat({ max: 5 });
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('purchase' as const),
      product,
      quantity: fc.integer({ min: 1, max: 12 }),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant('createGroup' as const) }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('allocate' as const),
      group: groupIndex,
      product,
      quantity: fc.integer({ min: 1, max: 4 }),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('return' as const),
      group: groupIndex,
      product,
      quantity: fc.integer({ min: 1, max: 3 }),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('redeem' as const),
      group: groupIndex,
      product,
      user: fc.nat({ max: 4 }),
    }),
    weight: 4,
  },
  { arbitrary: fc.record({ kind: fc.constant('deleteGroup' as const), group: groupIndex }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('invite' as const), product }), weight: 2 },
  {
    arbitrary: fc.record({ kind: fc.constant('revokeInvitation' as const), invitation: fc.nat({ max: 5 }) }),
    weight: 1,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('acceptInvitation' as const), invitation: fc.nat({ max: 5 }) }),
    weight: 1,
  },
  ...(['expireInvitation', 'remindInvitation', 'raceInvitation'] as const).map((kind) => ({
    arbitrary: fc.record({ kind: fc.constant(kind), invitation: fc.nat({ max: 5 }) }),
    weight: 1,
  })),
  {
    arbitrary: fc.record({
      kind: fc.constant('transferOut' as const),
      product,
      quantity: fc.integer({ min: 1, max: 4 }),
      recipient: fc.nat({ max: 2 }),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('transferIn' as const),
      product,
      quantity: fc.integer({ min: 1, max: 4 }),
    }),
    weight: 1,
  },
  ...(['acceptTransfer', 'cancelTransfer', 'expireTransfer', 'raceTransfer'] as const).map((kind) => ({
    arbitrary: fc.record({ kind: fc.constant(kind), transfer: fc.nat({ max: 5 }) }),
    weight: 1,
  })),
);

interface ModelGroup {
  id: string;
  deleted: boolean;
  remaining: Record<CountedProduct, number>;
  members: Set<number>;
  codes: Partial<Record<CountedProduct, string>>;
}

async function refusal(action: Promise<unknown>): Promise<string | undefined> {
  try {
    await action;
    return undefined;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

describe('the balance invariant', () => {
  it('holds after every step of any sequence of purchase, allocate, return, redeem, delete group, invite, revoke, accept, expire and remind, transfers out and in, their cancels and expiries, and concurrent accept/cancel/expire', async () => {
    const practice = practiceUseCases({
      store: dynamoPracticeStore(stack().env.TABLE_NAME!),
      clock: { now: () => new Date() },
      ids: { next: () => ulid() },
      random: (n) => randomBytes(n),
      appUrl: 'http://app.test',
    });
    // Invitations through the real store (their emails go to the outbox with them, and the relay
    // sends them on); the accept token is read from the email as it is recorded. No schedules.
    const acceptTokens = new Map<string, string>();
    const store = dynamoInvitationStore(stack().env.TABLE_NAME!);
    const invitations = invitationUseCases({
      store: {
        ...store,
        create: (actor, invitation, token, newGroup, owed) => {
          const email = owed.outbox[0]!.body as { text: string };
          acceptTokens.set(
            invitation.id,
            new URL(/https?:\/\/\S+/.exec(email.text)![0]).searchParams.get('token')!,
          );
          return store.create(actor, invitation, token, newGroup, owed);
        },
      },
      schedules: { create: async () => undefined, cancel: async () => undefined },
      oneTime: { create: async () => undefined, cancel: async () => undefined },
      outbox: dynamoOutbox(stack().env.TABLE_NAME!),
      clock: { now: () => new Date() },
      ids: { next: () => ulid() },
      random: (n) => randomBytes(n),
      appUrl: 'http://app.test',
      support: 'help@test',
    });

    // Transfers through the real store; the accept token is read from the email as it is recorded.
    const transferTokens = new Map<string, string>();
    const transferStore = dynamoTransferStore(stack().env.TABLE_NAME!);
    const transfers = transferUseCases({
      store: {
        ...transferStore,
        create: (actor, transfer, token, owed) => {
          transferTokens.set(transfer.id, token);
          return transferStore.create(actor, transfer, token, owed);
        },
      },
      schedules: { create: async () => undefined, cancel: async () => undefined },
      clock: { now: () => new Date() },
      ids: { next: () => ulid() },
      random: (n) => randomBytes(n),
      appUrl: 'http://app.test',
      support: 'help@test',
    });
    const rawBalance = async (org: string, p: CountedProduct) =>
      (
        await dynamo.send(
          new GetCommand({
            TableName: stack().env.TABLE_NAME!,
            Key: keys.balance(org, p),
            ConsistentRead: true,
          }),
        )
      ).Item ?? {};

    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 6, maxLength: 24 }), async (ops) => {
        const org = newOrg('property');
        const actor: Actor = { org, userId: 'practitioner', email: 'pat@example.com' };
        const users = (i: number): Actor => ({
          org: `users-${org}`,
          userId: `${org}-user-${i}`,
          email: `user${i}@example.com`,
        });
        const model = {
          purchased: { introductory: 0, expert: 0 },
          available: { introductory: 0, expert: 0 },
          inGroups: { introductory: 0, expert: 0 },
          used: { introductory: 0, expert: 0 },
        };
        const transferred = { in: { introductory: 0, expert: 0 }, out: { introductory: 0, expert: 0 } };
        const inTransfers = { introductory: 0, expert: 0 };
        // Each recipient practitioner's organisation (new to the system) and what it received.
        const recipients = [0, 1, 2].map((i) => ({
          actor: {
            org: `recipients-${org}-${i}`,
            userId: `${org}-r${i}`,
            email: `r${i}@example.com`,
          } as Actor,
          received: { introductory: 0, expert: 0 },
        }));
        // Another practice that buys what it gives the actor, who accepts at once.
        const peer: Actor = { org: `peer-${org}`, userId: `${org}-peer`, email: 'peer@example.com' };
        const sentTransfers: {
          id: string;
          status: 'pending' | 'accepted' | 'cancelled' | 'expired';
          product: CountedProduct;
          quantity: number;
          recipient: number;
        }[] = [];
        const groups: ModelGroup[] = [];
        const invited: {
          id: string;
          status: 'sent' | 'accepted' | 'revoked' | 'expired';
          product: CountedProduct;
          email: string;
        }[] = [];
        const inviteeOf = (email: string): Actor => ({
          org: `people-${org}`,
          userId: `${org}-${email}`,
          email,
        });

        for (const step of ops) {
          // Any index names an existing group when there is one, so steps rarely fall through.
          const group = 'group' in step && groups.length > 0 ? groups[step.group % groups.length] : undefined;
          const invitation =
            'invitation' in step && invited.length > 0
              ? invited[step.invitation % invited.length]
              : undefined;
          const transfer =
            'transfer' in step && sentTransfers.length > 0
              ? sentTransfers[step.transfer % sentTransfers.length]
              : undefined;
          const returnTransfer = (t: NonNullable<typeof transfer>, to: 'cancelled' | 'expired') => {
            t.status = to;
            model.available[t.product] += t.quantity;
            inTransfers[t.product] -= t.quantity;
          };
          const acceptTransferInModel = (t: NonNullable<typeof transfer>) => {
            t.status = 'accepted';
            inTransfers[t.product] -= t.quantity;
            transferred.out[t.product] += t.quantity;
            recipients[t.recipient]!.received[t.product] += t.quantity;
          };
          const returnInvitation = (i: NonNullable<typeof invitation>, to: 'revoked' | 'expired') => {
            i.status = to;
            model.available[i.product] += 1;
            model.used[i.product] -= 1;
          };
          switch (step.kind) {
            case 'transferOut': {
              const to = recipients[step.recipient]!;
              const refused = await refusal(
                transfers
                  .send(actor, { product: step.product, quantity: step.quantity, email: to.actor.email })
                  .then((sent) => {
                    sentTransfers.push({
                      id: sent.id,
                      status: 'pending',
                      product: step.product,
                      quantity: step.quantity,
                      recipient: step.recipient,
                    });
                  }),
              );
              const expected =
                model.available[step.product] < step.quantity ? 'INSUFFICIENT_BALANCE' : undefined;
              expect(refused).toBe(expected);
              if (!expected) {
                model.available[step.product] -= step.quantity;
                inTransfers[step.product] += step.quantity;
              }
              break;
            }
            case 'transferIn': {
              await practice.purchase(peer, { product: step.product, quantity: step.quantity });
              const given = await transfers.send(peer, {
                product: step.product,
                quantity: step.quantity,
                email: actor.email,
              });
              const accepted = await transfers.accept(actor, transferTokens.get(given.id)!);
              expect(accepted.firstTime).toBe(true);
              model.available[step.product] += step.quantity;
              transferred.in[step.product] += step.quantity;
              break;
            }
            case 'acceptTransfer': {
              if (!transfer) break;
              const refused = await refusal(
                transfers.accept(recipients[transfer.recipient]!.actor, transferTokens.get(transfer.id)!),
              );
              expect(refused).toBe(
                transfer.status === 'cancelled'
                  ? 'TRANSFER_CANCELLED'
                  : transfer.status === 'expired'
                    ? 'TRANSFER_EXPIRED'
                    : undefined,
              );
              if (transfer.status === 'pending') acceptTransferInModel(transfer);
              break;
            }
            case 'cancelTransfer': {
              if (!transfer) break;
              const refused = await refusal(transfers.cancel(actor, transfer.id));
              expect(refused).toBe(
                transfer.status === 'accepted'
                  ? 'ALREADY_ACCEPTED'
                  : transfer.status === 'expired'
                    ? 'TRANSFER_EXPIRED'
                    : undefined,
              );
              if (transfer.status === 'pending') returnTransfer(transfer, 'cancelled');
              break;
            }
            case 'expireTransfer': {
              if (!transfer) break;
              const outcome = await transfers.expire(org, transfer.id);
              expect(outcome).toBe(transfer.status === 'pending' ? 'expired' : 'nothing-to-do');
              if (transfer.status === 'pending') returnTransfer(transfer, 'expired');
              break;
            }
            case 'raceTransfer': {
              if (!transfer || transfer.status !== 'pending') break;
              // Accept, cancel and the expiry at once: exactly one of them ends the transfer.
              const [accepted, cancelled, expired] = await Promise.all([
                refusal(
                  transfers.accept(recipients[transfer.recipient]!.actor, transferTokens.get(transfer.id)!),
                ),
                refusal(transfers.cancel(actor, transfer.id)),
                transfers.expire(org, transfer.id),
              ]);
              const status = (await transferStore.transfer(org, transfer.id))!.status;
              if (status === 'accepted') {
                expect([accepted, cancelled, expired]).toEqual([
                  undefined,
                  'ALREADY_ACCEPTED',
                  'nothing-to-do',
                ]);
                acceptTransferInModel(transfer);
              } else if (status === 'cancelled') {
                expect([accepted, cancelled, expired]).toEqual([
                  'TRANSFER_CANCELLED',
                  undefined,
                  'nothing-to-do',
                ]);
                returnTransfer(transfer, 'cancelled');
              } else {
                expect(status).toBe('expired');
                expect([accepted, cancelled, expired]).toEqual([
                  'TRANSFER_EXPIRED',
                  'TRANSFER_EXPIRED',
                  'expired',
                ]);
                returnTransfer(transfer, 'expired');
              }
              break;
            }
            case 'expireInvitation': {
              if (!invitation) break;
              const outcome = await invitations.expire(org, invitation.id);
              expect(outcome).toBe(invitation.status === 'sent' ? 'expired' : 'not-open');
              if (invitation.status === 'sent') returnInvitation(invitation, 'expired');
              break;
            }
            case 'remindInvitation': {
              if (!invitation) break;
              // Sent moments ago: too soon for another email; the balance never moves for a reminder.
              const refused = await refusal(invitations.remindNow(actor, invitation.id));
              expect(refused).toBe(
                {
                  sent: 'REMINDER_TOO_SOON',
                  accepted: 'ALREADY_ACCEPTED',
                  revoked: 'INVITATION_REVOKED',
                  expired: 'INVITATION_EXPIRED',
                }[invitation.status],
              );
              break;
            }
            case 'raceInvitation': {
              if (!invitation || invitation.status !== 'sent') break;
              // Acceptance, revocation and the expiry at once: exactly one wins, the use moves once.
              const [accepted, revoked, expired] = await Promise.all([
                refusal(invitations.accept(inviteeOf(invitation.email), acceptTokens.get(invitation.id)!)),
                refusal(invitations.revoke(actor, invitation.id)),
                invitations.expire(org, invitation.id),
              ]);
              const status = (await store.invitation(org, invitation.id))!.status;
              if (status === 'accepted') {
                expect([accepted, revoked, expired]).toEqual([undefined, 'ALREADY_ACCEPTED', 'not-open']);
                invitation.status = 'accepted';
              } else if (status === 'revoked') {
                expect([accepted, revoked, expired]).toEqual(['INVITATION_REVOKED', undefined, 'not-open']);
                returnInvitation(invitation, 'revoked');
              } else {
                expect(status).toBe('expired');
                expect([accepted, revoked, expired]).toEqual(['INVITATION_EXPIRED', undefined, 'expired']);
                returnInvitation(invitation, 'expired');
              }
              break;
            }
            case 'invite': {
              const email = `invitee${invited.length}@example.com`;
              const refused = await refusal(
                invitations.invite(actor, { email, product: step.product }).then((sent) => {
                  invited.push({ id: sent.id, status: 'sent', product: step.product, email });
                }),
              );
              const expected = model.available[step.product] < 1 ? 'INSUFFICIENT_BALANCE' : undefined;
              expect(refused).toBe(expected);
              if (!expected) {
                model.available[step.product] -= 1;
                model.used[step.product] += 1;
              }
              break;
            }
            case 'revokeInvitation': {
              if (!invitation) break;
              const refused = await refusal(invitations.revoke(actor, invitation.id));
              expect(refused).toBe(invitation.status === 'accepted' ? 'ALREADY_ACCEPTED' : undefined);
              if (invitation.status === 'sent') returnInvitation(invitation, 'revoked');
              break;
            }
            case 'acceptInvitation': {
              if (!invitation) break;
              const refused = await refusal(
                invitations.accept(inviteeOf(invitation.email), acceptTokens.get(invitation.id)!),
              );
              expect(refused).toBe(
                invitation.status === 'revoked'
                  ? 'INVITATION_REVOKED'
                  : invitation.status === 'expired'
                    ? 'INVITATION_EXPIRED'
                    : undefined,
              );
              if (invitation.status === 'sent') invitation.status = 'accepted';
              break;
            }
            case 'purchase':
              await practice.purchase(actor, { product: step.product, quantity: step.quantity });
              model.purchased[step.product] += step.quantity;
              model.available[step.product] += step.quantity;
              break;
            case 'createGroup': {
              const created = await practice.createGroup(actor, { name: `G${groups.length}` });
              groups.push({
                id: created.id,
                deleted: false,
                remaining: { introductory: 0, expert: 0 },
                members: new Set(),
                codes: {},
              });
              break;
            }
            case 'allocate': {
              if (!group) break;
              const refused = await refusal(practice.allocate(actor, group.id, step.product, step.quantity));
              const expected = group.deleted
                ? 'NOT_FOUND'
                : model.available[step.product] < step.quantity
                  ? 'INSUFFICIENT_BALANCE'
                  : undefined;
              expect(refused).toBe(expected);
              if (!expected) {
                model.available[step.product] -= step.quantity;
                model.inGroups[step.product] += step.quantity;
                group.remaining[step.product] += step.quantity;
              }
              break;
            }
            case 'return': {
              if (!group) break;
              const refused = await refusal(
                practice.returnUses(actor, group.id, step.product, step.quantity),
              );
              const expected = group.deleted
                ? 'NOT_FOUND'
                : group.remaining[step.product] < step.quantity
                  ? 'NOT_ENOUGH_UNUSED'
                  : undefined;
              expect(refused).toBe(expected);
              if (!expected) {
                model.available[step.product] += step.quantity;
                model.inGroups[step.product] -= step.quantity;
                group.remaining[step.product] -= step.quantity;
              }
              break;
            }
            case 'redeem': {
              if (!group || group.deleted) break;
              group.codes[step.product] ??= (
                await practice.createCode(actor, group.id, { product: step.product })
              ).code;
              const refused = await refusal(practice.redeem(users(step.user), group.codes[step.product]!));
              const alreadyMember = group.members.has(step.user);
              const expected = alreadyMember
                ? undefined
                : group.remaining[step.product] === 0
                  ? 'NO_USES_LEFT'
                  : undefined;
              expect(refused).toBe(expected);
              if (!expected && !alreadyMember) {
                group.members.add(step.user);
                group.remaining[step.product] -= 1;
                model.inGroups[step.product] -= 1;
                model.used[step.product] += 1;
              }
              break;
            }
            case 'deleteGroup': {
              if (!group) break;
              const refused = await refusal(practice.deleteGroup(actor, group.id));
              expect(refused).toBe(group.deleted ? 'NOT_FOUND' : undefined);
              if (!group.deleted) {
                for (const p of countedProducts) {
                  model.available[p] += group.remaining[p];
                  model.inGroups[p] -= group.remaining[p];
                  group.remaining[p] = 0;
                }
                group.deleted = true;
              }
              break;
            }
          }

          const balance = await practice.balance(org);
          for (const p of countedProducts) {
            const line = balance[p];
            expect(line).toEqual({
              available: model.available[p],
              inGroups: model.inGroups[p],
              inTransfers: inTransfers[p],
              used: model.used[p],
            });
            // available + inGroups + inTransfers + used = purchases + accepted in − accepted out.
            expect(line.available + line.inGroups + line.inTransfers + line.used).toBe(
              model.purchased[p] + transferred.in[p] - transferred.out[p],
            );
            expect(
              Math.min(line.available, line.inGroups, line.inTransfers, line.used),
            ).toBeGreaterThanOrEqual(0);
            const raw = await rawBalance(org, p);
            // As stored (inTransfers appears with the first transfer of that product).
            if (raw.purchased !== undefined)
              expect(raw.available + raw.inGroups + (raw.inTransfers ?? 0) + raw.used).toBe(
                raw.purchased + (raw.transferredIn ?? 0) - (raw.transferredOut ?? 0),
              );
            // The recipients' organisations (their first balance made by an acceptance) and the peer.
            for (const r of recipients) {
              const theirs = (await practice.balance(r.actor.org))[p];
              expect(theirs).toEqual({ available: r.received[p], inGroups: 0, inTransfers: 0, used: 0 });
            }
            const peerLine = (await practice.balance(peer.org))[p];
            expect(Math.min(peerLine.available, peerLine.inTransfers)).toBeGreaterThanOrEqual(0);
          }
          for (const g of groups.filter((candidate) => !candidate.deleted)) {
            const overview = await practice.overview(org, g.id);
            for (const p of countedProducts) expect(overview.uses[p].remaining).toBe(g.remaining[p]);
            expect(overview.memberCount).toBe(g.members.size);
          }
        }
      }),
      { numRuns: 40 },
    );
  }, 300_000);
});
