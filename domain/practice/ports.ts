import type { CountedProduct } from '../products.ts';
import type { Actor, Page, PageRequest } from '../kernel.ts';
import type { Assignment, AuditEntry, Balance, Group, Member, ShareCode } from './model.ts';

/**
 * What the practice use cases need from storage. Every method that changes a count is atomic (one
 * conditional write or transaction, with its audit entry inside it) and answers an outcome instead
 * of throwing for the expected refusals, so the use cases decide what the caller is told.
 */
export interface PracticeStore {
  purchase(
    actor: Actor,
    purchase: {
      id: string;
      product: CountedProduct;
      quantity: number;
      reference?: string | undefined;
      at: string;
    },
  ): Promise<void>;
  balance(org: string): Promise<Balance>;

  createGroup(actor: Actor, group: Group): Promise<void>;
  group(org: string, groupId: string): Promise<Group | undefined>;
  groups(org: string, page: PageRequest): Promise<Page<Group>>;
  renameGroup(
    actor: Actor,
    groupId: string,
    changes: { name?: string | undefined; description?: string | undefined },
    at: string,
  ): Promise<Group | undefined>;
  /** Returns the group's unused uses to the balance and stops its codes, atomically. */
  deleteGroup(actor: Actor, groupId: string, at: string): Promise<'deleted' | 'not-found'>;
  allocate(
    actor: Actor,
    groupId: string,
    product: CountedProduct,
    quantity: number,
    at: string,
  ): Promise<'moved' | 'insufficient-balance' | 'not-found'>;
  returnUses(
    actor: Actor,
    groupId: string,
    product: CountedProduct,
    quantity: number,
    at: string,
  ): Promise<'moved' | 'not-enough-unused' | 'not-found'>;

  /** 'taken' when the code already exists (the caller draws another). */
  createCode(actor: Actor, code: ShareCode): Promise<'created' | 'taken' | 'group-not-found'>;
  code(code: string): Promise<ShareCode | undefined>;
  /** A live group with its codes, in one read (the group overview). */
  groupWithCodes(org: string, groupId: string): Promise<{ group: Group; codes: ShareCode[] } | undefined>;
  revokeCode(actor: Actor, groupId: string, code: string, at: string): Promise<'revoked' | 'not-found'>;

  member(org: string, groupId: string, userId: string): Promise<Member | undefined>;
  members(org: string, groupId: string, page: PageRequest): Promise<Page<Member>>;
  assignment(userId: string, assignmentId: string): Promise<Assignment | undefined>;
  /**
   * One transaction: the group's remaining uses drop by one only if above zero, the code counts one
   * more redemption only if still usable, and the membership and assignment are created only if the
   * user is not yet a member; the balance moves one use from inGroups to used.
   */
  redeem(input: {
    code: ShareCode;
    redeemer: Actor;
    assignment: Assignment;
    member: Member;
    at: string;
    nowIso: string;
  }): Promise<'redeemed' | 'already-member' | 'no-uses-left' | 'code-unusable' | 'group-gone'>;

  audit(org: string, page: PageRequest): Promise<Page<AuditEntry>>;
}
