import * as z from 'zod';
import { countedProducts } from '../../../domain/products.ts';
import { count, freeText, timestamp } from './common.ts';

/** Request and response schemas of the practitioner routes (api.md "balance, groups, codes"). */
export const product = z.enum(countedProducts);
/** What a use gives whoever takes it: the product, and whether the career guide comes with it. */
export const offered = { product, includeCareerGuide: z.boolean() };
export const quantity = z.number().int().min(1).max(10_000);

const domainName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    'must be a domain name like uni.ac.uk',
  );

const futureInstant = z.iso
  .datetime({ offset: true })
  .transform((value) => new Date(value).toISOString())
  .refine((value) => value > new Date().toISOString(), 'must be in the future');

export const purchaseBody = z.object({
  product,
  quantity,
  reference: freeText({ min: 1, max: 200 }).optional(),
});
export const groupBody = z.object({
  name: freeText({ min: 1, max: 120 }),
  description: freeText({ max: 1000, multiline: true }).optional(),
});
export const groupPatchBody = groupBody
  .partial()
  .refine((body) => body.name !== undefined || body.description !== undefined, 'send name or description');
export const usesBody = z.object({ product, quantity });
export const codeBody = z.object({
  product,
  includeCareerGuide: z.boolean().optional(),
  allowedEmailDomains: z.array(domainName).max(20).optional(),
  expiresAt: futureInstant.optional(),
  maxRedemptions: z.number().int().min(1).max(10_000).optional(),
});

export const groupParams = z.object({ groupId: z.string().min(1).max(64) });
export const groupCodeParams = groupParams.extend({ code: z.string().min(1).max(64) });
export const codeParams = z.object({ code: z.string().min(1).max(64) });

const balanceLine = z.object({
  available: count,
  inGroups: count,
  inTransfers: count.meta({ description: 'Held by pending transfers until accepted, cancelled or expired' }),
  used: count,
});
export const balanceAnswer = z
  .object({ products: z.object({ introductory: balanceLine, expert: balanceLine }) })
  .meta({ id: 'Balance' });
export const purchaseAnswer = z
  .object({
    purchase: z.object({
      id: z.string(),
      product,
      quantity: z.number().int(),
      reference: z.string().nullable(),
      purchasedAt: timestamp,
    }),
    balance: balanceAnswer,
  })
  .meta({ id: 'PurchaseResult' });

const usesLine = z.object({ allocated: count, redeemed: count, remaining: count });
export const groupAnswer = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().optional(),
    createdAt: timestamp,
    updatedAt: timestamp,
    memberCount: count,
    uses: z.object({ introductory: usesLine, expert: usesLine }),
  })
  .meta({ id: 'Group' });
export const codeAnswer = z
  .object({
    code: z.string(),
    ...offered,
    allowedEmailDomains: z.array(z.string()),
    expiresAt: timestamp.nullable(),
    maxRedemptions: z.number().int().nullable(),
    redemptions: count,
    revoked: z.boolean(),
    createdAt: timestamp,
    shareText: z.string(),
  })
  .meta({ id: 'ShareCode' });
export const groupOverviewAnswer = groupAnswer
  .extend({ codes: z.array(codeAnswer) })
  .meta({ id: 'GroupOverview' });
export const memberAnswer = z
  .object({
    userId: z.string(),
    email: z.string(),
    product,
    joinedAt: timestamp,
    via: z.enum(['code', 'invitation']),
  })
  .meta({ id: 'Member' });
export const codeDescriptionAnswer = z
  .object({
    groupName: z.string(),
    ...offered,
    restrictedToDomains: z.boolean(),
  })
  .meta({ id: 'CodeDescription' });
export const assignmentAnswer = z
  .object({
    id: z.string(),
    ...offered,
    status: z.enum(['pending', 'completed']),
    groupId: z.string().optional(),
    invitationId: z.string().optional(),
  })
  .meta({ id: 'Assignment' });
export const redemptionAnswer = z.object({ assignment: assignmentAnswer }).meta({ id: 'Redemption' });
export const auditEntryAnswer = z
  .object({
    at: timestamp,
    actor: z.string(),
    action: z.string(),
    subject: z.string(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEntry' });
