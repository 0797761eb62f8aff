import { randomBytes } from 'node:crypto';
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
import { newOrg, stack } from '../support/api.ts';

/**
 * Model-based property test against DynamoDB Local: random sequences of purchase / create group /
 * allocate / return / redeem / delete group run through the real use cases and store, beside a
 * plain in-memory model. After every step the stored balance equals the model's, and
 * available + inGroups + used equals what was purchased, with no count below zero.
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
  | { kind: 'acceptInvitation'; invitation: number };

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
  it('holds after every step of any sequence of purchase, allocate, return, redeem, delete group, invite, revoke and accept', async () => {
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
        const groups: ModelGroup[] = [];
        const invited: {
          id: string;
          status: 'sent' | 'accepted' | 'revoked';
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
          switch (step.kind) {
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
              if (invitation.status === 'sent') {
                invitation.status = 'revoked';
                model.available[invitation.product] += 1;
                model.used[invitation.product] -= 1;
              }
              break;
            }
            case 'acceptInvitation': {
              if (!invitation) break;
              const refused = await refusal(
                invitations.accept(inviteeOf(invitation.email), acceptTokens.get(invitation.id)!),
              );
              expect(refused).toBe(invitation.status === 'revoked' ? 'INVITATION_REVOKED' : undefined);
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
              inTransfers: 0,
              used: model.used[p],
            });
            expect(line.available + line.inGroups + line.used).toBe(model.purchased[p]);
            expect(Math.min(line.available, line.inGroups, line.used)).toBeGreaterThanOrEqual(0);
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
  }, 180_000);
});
