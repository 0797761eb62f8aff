import type { Actor, Clock, IdGenerator, Page, PageRequest, RandomBytes } from '../kernel.ts';
import { ConflictError, ForbiddenError, GoneError, NotFoundError } from '../errors.ts';
import { asciiDomain } from '../email-address.ts';
import type { CountedProduct } from '../products.ts';
import { codeSettings, emptyUses, type Assignment, type Group, type ShareCode } from './model.ts';
import type { PracticeStore } from './ports.ts';
import { emailDomainAllowed, generateShareCode, normaliseShareCode, shareText } from './share-code.ts';

/** A code as its practitioner sees it (with the message ready to paste). */
export interface CodeView {
  code: string;
  product: CountedProduct;
  includeCareerGuide: boolean;
  allowedEmailDomains: string[];
  expiresAt: string | null;
  maxRedemptions: number | null;
  redemptions: number;
  revoked: boolean;
  createdAt: string;
  shareText: string;
}

export interface PracticeDependencies {
  store: PracticeStore;
  clock: Clock;
  ids: IdGenerator;
  random: RandomBytes;
  appUrl: string;
}

/** How often a freshly drawn code may collide before we give up (at 60 bits: never in practice). */
const codeDrawAttempts = 5;

/**
 * The practitioner's balance, groups and shareable codes (seed 000), and redeeming a code as any
 * signed-in user. Counting rules live in the store's atomic writes; this decides what the caller is
 * told and checks what needs no database (domain allow-lists, expiry).
 */
export function practiceUseCases({ store, clock, ids, random, appUrl }: PracticeDependencies) {
  const now = () => clock.now().toISOString();

  /** The group and its codes as the practitioner sees them, in one read. */
  async function existingGroupWithCodes(org: string, groupId: string) {
    const found = await store.groupWithCodes(org, groupId);
    if (!found) throw new NotFoundError('Group');
    return { group: found.group, codes: found.codes.map((c) => codeView(c, found.group)) };
  }

  async function existingGroup(org: string, groupId: string): Promise<Group> {
    const group = await store.group(org, groupId);
    if (!group) throw new NotFoundError('Group');
    return group;
  }

  const codeView = (code: ShareCode, group: Pick<Group, 'name'>): CodeView => ({
    code: code.code,
    ...codeSettings(code),
    redemptions: code.redemptions,
    revoked: code.revokedAt !== undefined,
    createdAt: code.createdAt,
    shareText: shareText({ ...code, groupName: group.name, appUrl }),
  });

  /** A group as its practitioner sees it: with its codes, in one read. */
  async function overview(org: string, groupId: string) {
    const { group, codes } = await existingGroupWithCodes(org, groupId);
    return { ...group, codes };
  }

  /** After uses moved in or out of a group: its new overview, or 404 when there was no such group. */
  async function overviewAfterMove(org: string, groupId: string, outcome: 'moved' | 'not-found') {
    if (outcome === 'not-found') throw new NotFoundError('Group');
    return overview(org, groupId);
  }

  /** Refusals of a code that exists, in the contract's order: revoked (or group gone), then expired. */
  function assertUsable(code: ShareCode, group: Group | undefined): Group {
    if (code.revokedAt !== undefined || !group)
      throw new GoneError('CODE_REVOKED', 'This code has been withdrawn.');
    if (code.expiresAt !== undefined && code.expiresAt <= now())
      throw new GoneError('CODE_EXPIRED', 'This code has expired.');
    return group;
  }

  async function findCode(input: string): Promise<ShareCode> {
    const canonical = normaliseShareCode(input);
    const code = canonical ? await store.code(canonical) : undefined;
    if (!code) throw new NotFoundError('Code');
    return code;
  }

  return {
    async purchase(
      actor: Actor,
      input: { product: CountedProduct; quantity: number; reference?: string | undefined },
    ) {
      const purchase = { id: ids.next(), ...input, at: now() };
      await store.purchase(actor, purchase);
      return {
        purchase: {
          id: purchase.id,
          product: input.product,
          quantity: input.quantity,
          reference: input.reference ?? null,
          purchasedAt: purchase.at,
        },
        balance: await store.balance(actor.org),
      };
    },

    balance: (org: string) => store.balance(org),

    async createGroup(actor: Actor, input: { name: string; description?: string | undefined }) {
      const at = now();
      const group: Group = {
        id: ids.next(),
        name: input.name,
        description: input.description,
        createdAt: at,
        updatedAt: at,
        memberCount: 0,
        uses: emptyUses(),
      };
      await store.createGroup(actor, group);
      return group;
    },

    groups: (org: string, page: PageRequest) => store.groups(org, page),

    overview,

    async updateGroup(
      actor: Actor,
      groupId: string,
      changes: { name?: string | undefined; description?: string | undefined },
    ) {
      const group = await store.renameGroup(actor, groupId, changes, now());
      if (!group) throw new NotFoundError('Group');
      return group;
    },

    async deleteGroup(actor: Actor, groupId: string) {
      if ((await store.deleteGroup(actor, groupId, now())) === 'not-found') throw new NotFoundError('Group');
    },

    async allocate(actor: Actor, groupId: string, product: CountedProduct, quantity: number) {
      const outcome = await store.allocate(actor, groupId, product, quantity, now());
      if (outcome === 'insufficient-balance')
        throw new ConflictError(
          'INSUFFICIENT_BALANCE',
          `Your balance has fewer than ${quantity} ${product} uses available.`,
        );
      return overviewAfterMove(actor.org, groupId, outcome);
    },

    async returnUses(actor: Actor, groupId: string, product: CountedProduct, quantity: number) {
      const outcome = await store.returnUses(actor, groupId, product, quantity, now());
      if (outcome === 'not-enough-unused')
        throw new ConflictError(
          'NOT_ENOUGH_UNUSED',
          `This group has fewer than ${quantity} unused ${product} uses.`,
        );
      return overviewAfterMove(actor.org, groupId, outcome);
    },

    async createCode(
      actor: Actor,
      groupId: string,
      input: {
        product: CountedProduct;
        includeCareerGuide?: boolean | undefined;
        allowedEmailDomains?: string[] | undefined;
        expiresAt?: string | undefined;
        maxRedemptions?: number | undefined;
      },
    ) {
      const group = await existingGroup(actor.org, groupId);
      for (let attempt = 0; attempt < codeDrawAttempts; attempt += 1) {
        const code: ShareCode = {
          code: generateShareCode(random),
          org: actor.org,
          groupId,
          product: input.product,
          includeCareerGuide: input.includeCareerGuide ?? false,
          allowedEmailDomains: [...new Set((input.allowedEmailDomains ?? []).map(asciiDomain))],
          expiresAt: input.expiresAt,
          maxRedemptions: input.maxRedemptions,
          redemptions: 0,
          createdAt: now(),
        };
        const outcome = await store.createCode(actor, code);
        if (outcome === 'group-not-found') throw new NotFoundError('Group');
        if (outcome === 'created') return codeView(code, group);
      }
      throw new Error('Could not draw an unused share code');
    },

    /**
     * One page of the group's codes, oldest first. The group item holds them all (one read), so the
     * page is cut here; the position is the last code shown, so codes made meanwhile are not missed.
     */
    async codes(org: string, groupId: string, page: PageRequest): Promise<Page<CodeView>> {
      const codes = (await existingGroupWithCodes(org, groupId)).codes.sort(
        (a, b) => a.createdAt.localeCompare(b.createdAt) || a.code.localeCompare(b.code),
      );
      const after = page.after as { createdAt: string; code: string } | undefined;
      const rest = after
        ? codes.filter(
            (c) => c.createdAt > after.createdAt || (c.createdAt === after.createdAt && c.code > after.code),
          )
        : codes;
      const items = rest.slice(0, page.limit);
      const last = items.at(-1);
      return {
        items,
        next: rest.length > page.limit && last ? { createdAt: last.createdAt, code: last.code } : undefined,
      };
    },

    async revokeCode(actor: Actor, groupId: string, code: string) {
      const canonical = normaliseShareCode(code);
      if (!canonical || (await store.revokeCode(actor, groupId, canonical, now())) === 'not-found')
        throw new NotFoundError('Code');
    },

    async members(org: string, groupId: string, page: PageRequest) {
      await existingGroup(org, groupId);
      return store.members(org, groupId, page);
    },

    /** What anyone holding a code may see before redeeming it. */
    async describeCode(input: string) {
      const code = await findCode(input);
      const group = assertUsable(code, await store.group(code.org, code.groupId));
      return {
        groupName: group.name,
        product: code.product,
        includeCareerGuide: code.includeCareerGuide,
        restrictedToDomains: code.allowedEmailDomains.length > 0,
      };
    },

    /** Redeems a code for the signed-in user: at most one use per user and group, never past zero. */
    async redeem(redeemer: Actor, input: string): Promise<{ assignment: Assignment; firstTime: boolean }> {
      const code = await findCode(input);
      // Both reads at once: redemptions are the hot path (see npm run bench:api).
      const [group, existing] = await Promise.all([
        store.group(code.org, code.groupId),
        store.member(code.org, code.groupId, redeemer.userId),
      ]);
      assertUsable(code, group);
      if (existing)
        return {
          assignment: (await store.assignment(redeemer.userId, existing.assignmentId))!,
          firstTime: false,
        };
      if (!emailDomainAllowed(redeemer.email, code.allowedEmailDomains)) {
        throw new ForbiddenError(
          'EMAIL_DOMAIN_NOT_ALLOWED',
          'This code is restricted to other email domains.',
        );
      }
      const at = now();
      const assignment: Assignment = {
        id: ids.next(),
        org: code.org,
        userId: redeemer.userId,
        product: code.product,
        includeCareerGuide: code.includeCareerGuide,
        status: 'pending',
        groupId: code.groupId,
        createdAt: at,
      };
      const outcome = await store.redeem({
        code,
        redeemer,
        assignment,
        member: {
          userId: redeemer.userId,
          email: redeemer.email,
          product: code.product,
          joinedAt: at,
          via: 'code',
          assignmentId: assignment.id,
        },
        at,
        nowIso: at,
      });
      switch (outcome) {
        case 'redeemed':
          return { assignment, firstTime: true };
        case 'already-member': {
          // A concurrent redemption by the same user won: answer with theirs.
          const member = (await store.member(code.org, code.groupId, redeemer.userId))!;
          return {
            assignment: (await store.assignment(redeemer.userId, member.assignmentId))!,
            firstTime: false,
          };
        }
        case 'no-uses-left':
          throw new ConflictError('NO_USES_LEFT', 'This code has no uses left.');
        case 'group-gone':
          throw new GoneError('CODE_REVOKED', 'This code has been withdrawn.');
        case 'code-unusable': {
          const fresh = await store.code(code.code);
          assertUsable(fresh ?? code, await store.group(code.org, code.groupId));
          throw new ConflictError('NO_USES_LEFT', 'This code has no uses left.');
        }
      }
    },

    audit: (org: string, page: PageRequest) => store.audit(org, page),
  };
}

export type PracticeUseCases = ReturnType<typeof practiceUseCases>;
