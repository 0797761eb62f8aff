import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './generated/api-types.ts';

/**
 * A small client of the practitioner flow of seed 000, written as a front-end team would write it:
 * openapi-fetch over the types openapi-typescript generates from GET /v1/openapi.json, nothing
 * hand-typed. test/unit/typed-client.test.ts type-checks it against freshly generated types (they
 * are never committed); test/integration/typed-client.test.ts runs it against the local stack.
 */
export type Balance = components['schemas']['Balance'];
type ErrorCodeOf<E> = E extends { error: { code: infer C } } ? C : never;

/** A refusal the flow did not expect, with the code a client switches on. */
export class Refused extends Error {
  constructor(
    readonly step: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(`${step}: ${status} ${code}`);
  }
}

export function apiClient(baseUrl: string, token: string, middleware: Middleware[] = []) {
  const client = createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${token}` } });
  for (const one of middleware) client.use(one);
  return client;
}

/** Data of a success, or a Refused naming the step and the error code. */
function expectData<D, E>(step: string, answer: { data?: D; error?: E; response: Response }): D {
  if (answer.data !== undefined) return answer.data;
  const code = (answer.error as { error?: { code?: string } } | undefined)?.error?.code ?? 'NO_BODY';
  throw new Refused(step, answer.response.status, code);
}

/**
 * Buys `quantity` introductory uses, makes a group, moves `allocate` uses into it, makes a code for
 * it, has the member redeem that code, and reads the balance.
 */
export async function practitionerFlow(options: {
  baseUrl: string;
  practitionerToken: string;
  memberToken: string;
  quantity: number;
  allocate: number;
  middleware?: Middleware[];
}) {
  const practitioner = apiClient(options.baseUrl, options.practitionerToken, options.middleware);
  const member = apiClient(options.baseUrl, options.memberToken, options.middleware);

  const purchase = expectData(
    'purchase',
    await practitioner.POST('/v1/balance/purchases', {
      body: { product: 'introductory', quantity: options.quantity, reference: 'PO-1' },
      params: { header: { 'Idempotency-Key': `purchase-${options.quantity}-${Date.now()}` } },
    }),
  );
  const group = expectData(
    'create group',
    await practitioner.POST('/v1/groups', {
      body: { name: 'Autumn cohort', description: 'Year 2\nGroup B' },
    }),
  );
  const path = { groupId: group.id };

  const allocation = await practitioner.POST('/v1/groups/{groupId}/uses', {
    params: { path },
    body: { product: 'introductory', quantity: options.allocate },
  });
  if (allocation.error) {
    // The document lists the codes this answer may carry, so the switch is checked by the compiler.
    const code: ErrorCodeOf<typeof allocation.error> = allocation.error.error.code;
    switch (code) {
      case 'INSUFFICIENT_BALANCE':
        throw new Refused('allocate', allocation.response.status, `${code}: buy more uses first`);
      default:
        throw new Refused('allocate', allocation.response.status, code);
    }
  }
  const overview = allocation.data;

  const code = expectData(
    'create code',
    await practitioner.POST('/v1/groups/{groupId}/codes', {
      params: { path },
      body: { product: 'introductory', maxRedemptions: 10 },
    }),
  );
  const offer = expectData(
    'describe code',
    await member.GET('/v1/codes/{code}', { params: { path: { code: code.code } } }),
  );
  const redemption = expectData(
    'redeem',
    await member.POST('/v1/codes/{code}/redemptions', { params: { path: { code: code.code } } }),
  );
  const balance: Balance = expectData('balance', await practitioner.GET('/v1/balance'));
  const members = expectData(
    'members',
    await practitioner.GET('/v1/groups/{groupId}/members', { params: { path, query: { limit: 10 } } }),
  );
  return { purchase, group, overview, code, offer, redemption, balance, members };
}
