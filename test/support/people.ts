import { expect } from 'vitest';
import type { CountedProduct } from '../../domain/products.ts';
import type { Role } from '../../functions/http/route-definition.ts';
import { api, newOrg, tokenFor } from './api.ts';
import { sampleResults } from './profile-results.ts';

export { sampleResults };

/**
 * The people a test signs in as, each in an organisation of their own (so tests never see each
 * other's data), with what they need set up through the API as a client would.
 */

let people = 0;
/** A name no other call in this run gives out, for emails and subjects that must not collide. */
export const unique = (label = 'person') => `${label}${people++}-${Date.now().toString(36)}`;

/** A practitioner with uses bought: `practitioner({ expert: 5 })`. */
export async function practitioner(
  uses: Partial<Record<CountedProduct, number>> = {},
  who: { label?: string; email?: string; name?: string } = {},
) {
  const org = newOrg(who.label ?? 'practice');
  const token = await tokenFor({
    email: who.email ?? 'pat@practice.example',
    name: who.name ?? 'Pat Practitioner',
    org,
    roles: ['practitioner'],
  });
  for (const [product, quantity] of Object.entries(uses)) {
    if (!quantity) continue;
    const bought = await api('POST', '/v1/balance/purchases', { token, body: { product, quantity } });
    expect(bought.status).toBe(201);
  }
  return { org, token };
}

/** A new group of the practitioner's, with `quantity` uses of `product` moved into it. */
export async function groupWithUses(
  token: string,
  product: CountedProduct,
  quantity: number,
  details: { name?: string; description?: string } = { name: 'Cohort', description: 'Spring' },
) {
  const group = await api('POST', '/v1/groups', { token, body: { name: 'Cohort', ...details } });
  expect(group.status).toBe(201);
  if (quantity > 0) {
    const moved = await api('POST', `/v1/groups/${group.body.id}/uses`, {
      token,
      body: { product, quantity },
    });
    expect(moved.status).toBe(200);
  }
  return group.body.id as string;
}

/** A new shareable code for the group (POST /v1/groups/{id}/codes with `settings`): its text. */
export async function codeFor(
  token: string,
  groupId: string,
  settings: { product: CountedProduct } & Record<string, unknown>,
) {
  const created = await api('POST', `/v1/groups/${groupId}/codes`, { token, body: settings });
  expect(created.status).toBe(201);
  return created.body.code as string;
}

/** A team admin of a fresh organisation. */
export async function teamAdmin(label = 'teams') {
  const org = newOrg(label);
  return { org, token: await tokenFor({ email: 'admin@teams.example', org, roles: ['admin'] }) };
}

/**
 * Someone who signed up on their own (a learner, an invitee): a personal tenant, a stable `sub`, and
 * the email as the identity provider spells it (upper case here, which the API must not mind).
 */
export async function person(email = `${unique('person')}@example.com`, roles: Role[] = []) {
  return {
    email,
    token: await tokenFor({
      email: email.toUpperCase(),
      name: 'Ivy Invitee',
      sub: `user-${email}`,
      org: newOrg('people'),
      roles,
    }),
  };
}

/** A new learner of the team admin's organisation, with one imported profile completed on 1 March. */
export async function learnerWithProfile(
  token: string,
  learner: { name: string; email: string; preferredLanguage: string },
  format: 'pdf' | 'digital' = 'pdf',
) {
  const created = await api('POST', '/v1/learners', { token, body: learner });
  expect(created.status).toBe(201);
  const profile = await api('POST', `/v1/learners/${created.body.id}/profiles`, {
    token,
    body: { product: 'discovery', completedAt: '2026-03-01T10:00:00Z', format, results: sampleResults },
  });
  expect(profile.status).toBe(201);
  return { learnerId: created.body.id as string, profileId: profile.body.id as string };
}
