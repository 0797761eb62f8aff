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

type TransferStatus = 'pending' | 'accepted' | 'cancelled' | 'expired';
type InvitationStatus = 'sent' | 'accepted' | 'revoked' | 'expired';
type Answers<Status extends string> = Record<Status, readonly (string | undefined)[]>;

/** Accept, cancel and expire a transfer: the status each ends a pending transfer in. */
const transferEnds = ['accepted', 'cancelled', 'expired'] as const;
/** What each of those answers (a refusal's code, or the expiry's outcome) by the transfer's status. */
const transferAnswers: Answers<TransferStatus> = {
  pending: [undefined, undefined, 'expired'],
  accepted: [undefined, 'ALREADY_ACCEPTED', 'nothing-to-do'],
  cancelled: ['TRANSFER_CANCELLED', undefined, 'nothing-to-do'],
  expired: ['TRANSFER_EXPIRED', 'TRANSFER_EXPIRED', 'nothing-to-do'],
};

/** Accept, revoke, expire and remind an invitation; the first three end a sent one in these statuses. */
const invitationEnds = ['accepted', 'revoked', 'expired'] as const;
/** What each of those answers by the invitation's status (a reminder moments after sending is too soon). */
const invitationAnswers: Answers<InvitationStatus> = {
  sent: [undefined, undefined, 'expired', 'REMINDER_TOO_SOON'],
  accepted: [undefined, 'ALREADY_ACCEPTED', 'not-open', 'ALREADY_ACCEPTED'],
  revoked: ['INVITATION_REVOKED', undefined, 'not-open', 'INVITATION_REVOKED'],
  expired: ['INVITATION_EXPIRED', undefined, 'not-open', 'INVITATION_EXPIRED'],
};

/**
 * One kind of thing the practitioner's steps end (a transfer, an invitation): each way's call (its
 * refusal's code or outcome), the status the first `ends.length` ways end an `open` one in, what
 * each answers by status, how the model moves, and the status stored after a race.
 */
interface Ending<Item extends { status: Status }, Status extends string> {
  open: Status;
  ends: readonly Status[];
  answers: Answers<Status>;
  ways: readonly ((item: Item) => Promise<string | undefined>)[];
  move: (item: Item, to: Status) => void;
  stored: (item: Item) => Promise<Status>;
}

/** Ends `item` the `way`-th way: it answers what its status calls for, and only an open one moves. */
async function endOnce<Item extends { status: Status }, Status extends string>(
  kind: Ending<Item, Status>,
  item: Item,
  way: number,
) {
  expect(await kind.ways[way]!(item)).toBe(kind.answers[item.status][way]);
  const to = kind.ends[way];
  if (item.status === kind.open && to) kind.move(item, to);
}

/**
 * Every way of ending an open `item` at once: exactly one wins; it answers as it would alone (from
 * `open`), the others as they would after it (from the status it ended the item in).
 */
async function race<Item extends { status: Status }, Status extends string>(
  kind: Ending<Item, Status>,
  item: Item,
) {
  const answers = await Promise.all(kind.ends.map((_, way) => kind.ways[way]!(item)));
  const status = await kind.stored(item);
  expect(kind.ends).toContain(status);
  const winner = kind.ends.indexOf(status);
  expect(answers).toEqual(kind.ends.map((_, way) => kind.answers[way === winner ? kind.open : status][way]));
  kind.move(item, status);
}

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
    // What every use case here runs on: the real clock, ids and randomness; no schedules.
    const runtime = {
      clock: { now: () => new Date() },
      ids: { next: () => ulid() },
      random: (n: number) => randomBytes(n),
      appUrl: 'http://app.test',
    };
    const noSchedules = { create: async () => undefined, cancel: async () => undefined };
    const practice = practiceUseCases({ store: dynamoPracticeStore(stack().env.TABLE_NAME!), ...runtime });
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
      schedules: noSchedules,
      oneTime: noSchedules,
      outbox: dynamoOutbox(stack().env.TABLE_NAME!),
      ...runtime,
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
      schedules: noSchedules,
      ...runtime,
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
          const transferEnding: Ending<NonNullable<typeof transfer>, TransferStatus> = {
            open: 'pending',
            ends: transferEnds,
            answers: transferAnswers,
            ways: [
              (t) => refusal(transfers.accept(recipients[t.recipient]!.actor, transferTokens.get(t.id)!)),
              (t) => refusal(transfers.cancel(actor, t.id)),
              (t) => transfers.expire(org, t.id),
            ],
            move: (t, to) =>
              to === 'accepted'
                ? acceptTransferInModel(t)
                : returnTransfer(t, to as Exclude<TransferStatus, 'accepted' | 'pending'>),
            stored: async (t) => (await transferStore.transfer(org, t.id))!.status,
          };
          const invitationEnding: Ending<NonNullable<typeof invitation>, InvitationStatus> = {
            open: 'sent',
            ends: invitationEnds,
            answers: invitationAnswers,
            ways: [
              (i) => refusal(invitations.accept(inviteeOf(i.email), acceptTokens.get(i.id)!)),
              (i) => refusal(invitations.revoke(actor, i.id)),
              (i) => invitations.expire(org, i.id),
              (i) => refusal(invitations.remindNow(actor, i.id)),
            ],
            move: (i, to) =>
              to === 'accepted'
                ? (i.status = 'accepted')
                : returnInvitation(i, to as Exclude<InvitationStatus, 'accepted' | 'sent'>),
            stored: async (i) => (await store.invitation(org, i.id))!.status,
          };
          // The steps that end a transfer or an invitation: one way, or every way at once.
          const endingSteps: Partial<Record<Op['kind'], () => Promise<void> | undefined | false>> = {
            acceptTransfer: () => transfer && endOnce(transferEnding, transfer, 0),
            cancelTransfer: () => transfer && endOnce(transferEnding, transfer, 1),
            expireTransfer: () => transfer && endOnce(transferEnding, transfer, 2),
            raceTransfer: () => transfer?.status === 'pending' && race(transferEnding, transfer),
            acceptInvitation: () => invitation && endOnce(invitationEnding, invitation, 0),
            revokeInvitation: () => invitation && endOnce(invitationEnding, invitation, 1),
            expireInvitation: () => invitation && endOnce(invitationEnding, invitation, 2),
            // A reminder ends nothing: the balance never moves for one.
            remindInvitation: () => invitation && endOnce(invitationEnding, invitation, 3),
            raceInvitation: () => invitation?.status === 'sent' && race(invitationEnding, invitation),
          };
          await endingSteps[step.kind]?.();
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
            case 'allocate':
            case 'return': {
              if (!group) break;
              // Allocating moves uses from the balance into the group; returning moves unused ones back.
              const allocating = step.kind === 'allocate';
              const refused = await refusal(
                allocating
                  ? practice.allocate(actor, group.id, step.product, step.quantity)
                  : practice.returnUses(actor, group.id, step.product, step.quantity),
              );
              const from = allocating ? model.available : group.remaining;
              const expected = group.deleted
                ? 'NOT_FOUND'
                : from[step.product] >= step.quantity
                  ? undefined
                  : allocating
                    ? 'INSUFFICIENT_BALANCE'
                    : 'NOT_ENOUGH_UNUSED';
              expect(refused).toBe(expected);
              if (!expected) {
                const moved = allocating ? step.quantity : -step.quantity;
                model.available[step.product] -= moved;
                model.inGroups[step.product] += moved;
                group.remaining[step.product] += moved;
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
