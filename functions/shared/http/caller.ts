import { normaliseEmail } from '../../../domain/email-address.ts';
import { roles, type Role } from '../../http/route-definition.ts';

/** The signed-in user, from the JWT claims API Gateway's authorizer (or the local gateway) checked. */
export interface Caller {
  userId: string;
  email: string;
  name: string | undefined;
  org: string;
  roles: Role[];
}

type Claims = Record<string, string | number | boolean | string[]>;

/**
 * API Gateway's JWT authorizer flattens array claims into one string such as `[admin client]`, while
 * a token read directly keeps the array; accept both so the same code runs behind either.
 */
function parseRoles(raw: Claims[string] | undefined): Role[] {
  const list = Array.isArray(raw)
    ? raw
    : typeof raw === 'string'
      ? raw
          .replace(/^\[|\]$/g, '')
          .split(/[\s,]+/)
          .filter(Boolean)
      : [];
  return list.filter((r): r is Role => (roles as readonly string[]).includes(r));
}

export function callerFromClaims(claims: Claims | undefined): Caller | undefined {
  if (!claims) return undefined;
  const { sub, email, org, name } = claims;
  if (typeof sub !== 'string' || typeof email !== 'string' || !sub) return undefined;
  // Codes restricted to a domain and invitations trust the email: an identity provider that says it
  // is unverified (OIDC `email_verified: false`, a string behind API Gateway) gives no email at all.
  if (claims.email_verified === false || claims.email_verified === 'false') return undefined;
  return {
    userId: sub,
    // A–Z only: a full Unicode lower-casing turns lookalikes (the Kelvin sign) into ASCII letters.
    email: normaliseEmail(email),
    name: typeof name === 'string' ? name : undefined,
    // Someone who signed up to redeem a code or accept an invitation belongs to no organisation
    // yet: they act in a personal tenant of their own, which no other user can ever name.
    org: typeof org === 'string' && org !== '' ? org : `personal:${sub}`,
    roles: parseRoles(claims.roles),
  };
}
