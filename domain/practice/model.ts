import type { CountedProduct } from '../products.ts';

/**
 * Per product, at every moment: available + inGroups + inTransfers + used = purchased + uses
 * transferred in − uses transferred out (accepted transfers only; pending ones sit in inTransfers).
 */
export interface BalanceLine {
  available: number;
  inGroups: number;
  inTransfers: number;
  used: number;
}
export type Balance = Record<CountedProduct, BalanceLine>;

export interface GroupUses {
  /** Uses currently in the group (moved in, less those returned). */
  allocated: number;
  redeemed: number;
  remaining: number;
}

export interface Group {
  id: string;
  name: string;
  description?: string | undefined;
  createdAt: string;
  updatedAt: string;
  memberCount: number;
  uses: Record<CountedProduct, GroupUses>;
}

export interface ShareCode {
  code: string;
  org: string;
  groupId: string;
  product: CountedProduct;
  includeCareerGuide: boolean;
  allowedEmailDomains: string[];
  expiresAt?: string | undefined;
  maxRedemptions?: number | undefined;
  redemptions: number;
  revokedAt?: string | undefined;
  createdAt: string;
}

/**
 * A code's settings as its practitioner sees them and as the audit trail records its creation:
 * unset limits read as null, so both say "no limit" the same way.
 */
export const codeSettings = (code: ShareCode) => ({
  product: code.product,
  includeCareerGuide: code.includeCareerGuide,
  allowedEmailDomains: code.allowedEmailDomains,
  expiresAt: code.expiresAt ?? null,
  maxRedemptions: code.maxRedemptions ?? null,
});

export interface Assignment {
  id: string;
  org: string;
  userId: string;
  product: CountedProduct;
  includeCareerGuide: boolean;
  status: 'pending' | 'completed';
  groupId?: string | undefined;
  invitationId?: string | undefined;
  createdAt: string;
}

export interface Member {
  userId: string;
  email: string;
  product: CountedProduct;
  joinedAt: string;
  via: 'code' | 'invitation';
  assignmentId: string;
}

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  subject: string;
  details: Record<string, unknown>;
}

export const emptyUses = (): Record<CountedProduct, GroupUses> => ({
  introductory: { allocated: 0, redeemed: 0, remaining: 0 },
  expert: { allocated: 0, redeemed: 0, remaining: 0 },
});
