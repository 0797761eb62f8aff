import type { Middleware } from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import { api, newOrg, stack, tokenFor } from '../support/api.ts';
import { answerValidator } from '../support/openapi-validator.ts';
import { practitionerFlow } from '../support/practitioner-client.ts';

/**
 * The practitioner flow of seed 000 through the typed client a front end would generate from
 * GET /v1/openapi.json (openapi-typescript + openapi-fetch), against the local stack: every answer
 * on the way is checked against the document the stack itself serves.
 */
/** The flow in a new organisation: its practitioner Pat, and Mo, the member who redeems the code. */
async function flowOfNewPractice(
  options: Omit<Parameters<typeof practitionerFlow>[0], 'baseUrl' | 'practitionerToken' | 'memberToken'>,
) {
  const org = newOrg('typed');
  return practitionerFlow({
    baseUrl: stack().apiUrl,
    practitionerToken: await tokenFor({
      email: 'pat@practice.example',
      org,
      roles: ['practitioner'],
      sub: `pat-${org}`,
    }),
    memberToken: await tokenFor({ email: 'mo@learner.example', sub: `mo-${org}` }),
    ...options,
  });
}

describe('the typed client of the practitioner flow', () => {
  it('buys, groups, allocates, shares a code that a member redeems, and reads the balance; every answer fits the document', async () => {
    const document = (await api('GET', '/v1/openapi.json')).body;
    const problemsOf = answerValidator(document);
    const checked: string[] = [];
    const problems: string[] = [];
    const checkAgainstDocument: Middleware = {
      async onResponse({ request, response, schemaPath }) {
        const text = await response.clone().text();
        checked.push(`${request.method} ${schemaPath} ${response.status}`);
        problems.push(
          ...problemsOf(request.method, schemaPath, response.status, text ? JSON.parse(text) : undefined),
        );
        return response;
      },
    };
    const flow = await flowOfNewPractice({ quantity: 5, allocate: 3, middleware: [checkAgainstDocument] });

    expect(checked).toHaveLength(8);
    expect(problems).toEqual([]);
    expect(flow.purchase.purchase).toMatchObject({ product: 'introductory', quantity: 5, reference: 'PO-1' });
    expect(flow.group.description).toBe('Year 2\nGroup B');
    expect(flow.overview.uses.introductory).toEqual({ allocated: 3, redeemed: 0, remaining: 3 });
    expect(flow.offer).toEqual({
      groupName: 'Autumn cohort',
      product: 'introductory',
      includeCareerGuide: false,
      restrictedToDomains: false,
    });
    expect(flow.redemption.assignment).toMatchObject({
      product: 'introductory',
      status: 'pending',
      groupId: flow.group.id,
    });
    const line = flow.balance.products.introductory;
    expect(line.available).toBe(2);
    expect(line.available + line.inGroups + line.used).toBe(5);
    expect(flow.members.items).toEqual([
      expect.objectContaining({ email: 'mo@learner.example', via: 'code' }),
    ]);
  });

  it('sees a refusal’s code as the document lists it', async () => {
    await expect(flowOfNewPractice({ quantity: 1, allocate: 2 })).rejects.toMatchObject({
      step: 'allocate',
      status: 409,
      code: 'INSUFFICIENT_BALANCE: buy more uses first',
    });
  });
});
