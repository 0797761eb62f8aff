import { describe, expect, it } from 'vitest';
import type { Role } from '../../functions/http/route-definition.ts';
import { api, newOrg, tokenFor } from '../support/api.ts';
import { codeFor, groupWithUses, practitioner } from '../support/people.ts';
import { expectError } from '../support/contract.ts';

let learnerCount = 0;
const learner = (email = `learner${learnerCount++}@uni.ac.uk`, roles: Role[] = []) =>
  tokenFor({ email, sub: `learner-${email}-${Date.now()}`, org: newOrg('learners'), roles });

describe('the product balance', () => {
  it('moves uses into a group and back, keeping available + inGroups + used = purchased', async () => {
    const { token } = await practitioner({ introductory: 10 });
    const groupId = await groupWithUses(token, 'introductory', 6);
    let balance = (await api('GET', '/v1/balance', { token })).body.products.introductory;
    expect(balance).toEqual({ available: 4, inGroups: 6, inTransfers: 0, used: 0 });
    const back = await api('POST', `/v1/groups/${groupId}/uses/return`, {
      token,
      body: { product: 'introductory', quantity: 2 },
    });
    expect(back.status).toBe(200);
    expect(back.body.uses.introductory).toEqual({ allocated: 4, redeemed: 0, remaining: 4 });
    balance = (await api('GET', '/v1/balance', { token })).body.products.introductory;
    expect(balance).toEqual({ available: 6, inGroups: 4, inTransfers: 0, used: 0 });
  });

  it('refuses to move more than is available with 409 INSUFFICIENT_BALANCE', async () => {
    const { token } = await practitioner({ expert: 2 });
    const groupId = await groupWithUses(token, 'expert', 0);
    const answer = await api('POST', `/v1/groups/${groupId}/uses`, {
      token,
      body: { product: 'expert', quantity: 3 },
    });
    expectError(answer, 409, 'INSUFFICIENT_BALANCE');
  });

  it('refuses to return more than is unused with 409 NOT_ENOUGH_UNUSED', async () => {
    const { token } = await practitioner({ expert: 2 });
    const groupId = await groupWithUses(token, 'expert', 2);
    const answer = await api('POST', `/v1/groups/${groupId}/uses/return`, {
      token,
      body: { product: 'expert', quantity: 3 },
    });
    expectError(answer, 409, 'NOT_ENOUGH_UNUSED');
  });

  it('never goes negative when 50 allocations race for a balance of 10', async () => {
    const { token } = await practitioner({ introductory: 10 });
    const groupIds = await Promise.all([1, 2, 3].map(() => groupWithUses(token, 'introductory', 0)));
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        api('POST', `/v1/groups/${groupIds[i % 3]}/uses`, {
          token,
          body: { product: 'introductory', quantity: 1 },
        }),
      ),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(10);
    expect(
      answers.filter((a) => a.status === 409).every((a) => a.body.error.code === 'INSUFFICIENT_BALANCE'),
    ).toBe(true);
    expect(answers.filter((a) => a.status !== 200 && a.status !== 409)).toEqual([]);
    const balance = (await api('GET', '/v1/balance', { token })).body.products.introductory;
    expect(balance).toEqual({ available: 0, inGroups: 10, inTransfers: 0, used: 0 });
    const allocated = await Promise.all(
      groupIds.map(
        async (id) => (await api('GET', `/v1/groups/${id}`, { token })).body.uses.introductory.allocated,
      ),
    );
    expect(allocated.reduce((a: number, b: number) => a + b, 0)).toBe(10);
  }, 60_000);
});

describe('groups', () => {
  it('lists, shows, renames and deletes a group; deleting returns unused uses and stops its codes', async () => {
    const { token } = await practitioner({ expert: 5 });
    const groupId = await groupWithUses(token, 'expert', 5);
    const code = (await api('POST', `/v1/groups/${groupId}/codes`, { token, body: { product: 'expert' } }))
      .body.code;
    await api('POST', `/v1/codes/${code}/redemptions`, { token: await learner() });

    expect((await api('GET', '/v1/groups', { token })).body.items.map((g: { id: string }) => g.id)).toContain(
      groupId,
    );
    const renamed = await api('PATCH', `/v1/groups/${groupId}`, { token, body: { name: 'Autumn cohort' } });
    expect(renamed.body.name).toBe('Autumn cohort');
    const overview = await api('GET', `/v1/groups/${groupId}`, { token });
    expect(overview.body).toMatchObject({
      name: 'Autumn cohort',
      memberCount: 1,
      uses: { expert: { allocated: 5, redeemed: 1, remaining: 4 } },
    });
    expect(overview.body.codes.map((c: { code: string }) => c.code)).toEqual([code]);

    expect((await api('DELETE', `/v1/groups/${groupId}`, { token })).status).toBe(204);
    expect((await api('GET', '/v1/balance', { token })).body.products.expert).toEqual({
      available: 4,
      inGroups: 0,
      inTransfers: 0,
      used: 1,
    });
    expect((await api('GET', `/v1/groups/${groupId}`, { token })).status).toBe(404);
    expect(
      (await api('GET', '/v1/groups', { token })).body.items.map((g: { id: string }) => g.id),
    ).not.toContain(groupId);
    const afterDelete = await api('POST', `/v1/codes/${code}/redemptions`, { token: await learner() });
    expectError(afterDelete, 410, 'CODE_REVOKED');
  });

  it("answers another organisation's group 404, never 403", async () => {
    const owner = await practitioner({ expert: 1 });
    const groupId = await groupWithUses(owner.token, 'expert', 1);
    const stranger = await practitioner();
    for (const [method, path, body] of [
      ['GET', `/v1/groups/${groupId}`, undefined],
      ['PATCH', `/v1/groups/${groupId}`, { name: 'mine now' }],
      ['DELETE', `/v1/groups/${groupId}`, undefined],
      ['POST', `/v1/groups/${groupId}/uses/return`, { product: 'expert', quantity: 1 }],
      ['POST', `/v1/groups/${groupId}/codes`, { product: 'expert' }],
      ['GET', `/v1/groups/${groupId}/members`, undefined],
    ] as const) {
      const answer = await api(method, path, { token: stranger.token, body });
      expect(answer.status, `${method} ${path}`).toBe(404);
      expect(answer.body.error.code).toBe('NOT_FOUND');
    }
  });
});

describe('PATCH /v1/groups/{groupId}: every combination of its optional fields', () => {
  // The route is the only PATCH of the route table; each combination of {name?, description?} is
  // sent, and the answer and a fresh read must show exactly the fields sent changed.
  const combinations: { body: { name?: string; description?: string }; expected: object }[] = [
    { body: { name: 'Renamed' }, expected: { name: 'Renamed', description: 'Spring' } },
    { body: { description: 'Autumn intake' }, expected: { name: 'Cohort', description: 'Autumn intake' } },
    {
      body: { name: 'Renamed', description: 'Autumn intake' },
      expected: { name: 'Renamed', description: 'Autumn intake' },
    },
    { body: { description: '' }, expected: { name: 'Cohort', description: '' } },
  ];

  it.each(combinations)('updates a group with $body', async ({ body, expected }) => {
    const { token } = await practitioner();
    const groupId = await groupWithUses(token, 'expert', 0);
    const updated = await api('PATCH', `/v1/groups/${groupId}`, { token, body });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: groupId, ...expected });
    expect((await api('GET', `/v1/groups/${groupId}`, { token })).body).toMatchObject(expected);
  });

  it('refuses a body with neither field with 400 VALIDATION_FAILED and changes nothing', async () => {
    const { token } = await practitioner();
    const groupId = await groupWithUses(token, 'expert', 0);
    const answer = await api('PATCH', `/v1/groups/${groupId}`, { token, body: {} });
    expectError(answer, 400, 'VALIDATION_FAILED');
    expect((await api('GET', `/v1/groups/${groupId}`, { token })).body).toMatchObject({
      name: 'Cohort',
      description: 'Spring',
    });
  });

  it('answers 404 for a deleted group whatever fields are sent', async () => {
    const { token } = await practitioner();
    const groupId = await groupWithUses(token, 'expert', 0);
    expect((await api('DELETE', `/v1/groups/${groupId}`, { token })).status).toBe(204);
    for (const { body } of combinations) {
      const answer = await api('PATCH', `/v1/groups/${groupId}`, { token, body });
      expect(answer.status, JSON.stringify(body)).toBe(404);
      expect(answer.body.error.code).toBe('NOT_FOUND');
    }
  });
});

describe('shareable codes', () => {
  it('creates a typeable code with ready-to-paste share text', async () => {
    const { token } = await practitioner({ expert: 1 });
    const groupId = await groupWithUses(token, 'expert', 1);
    const answer = await api('POST', `/v1/groups/${groupId}/codes`, {
      token,
      body: { product: 'expert', includeCareerGuide: true, allowedEmailDomains: ['Uni.ac.uk'] },
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      product: 'expert',
      includeCareerGuide: true,
      allowedEmailDomains: ['uni.ac.uk'],
    });
    expect(answer.body.code).toMatch(/^SP-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    expect(answer.body.shareText).toContain(answer.body.code);
    const described = await api('GET', `/v1/codes/${answer.body.code.toLowerCase()}`, {
      token: await learner(),
    });
    expect(described.body).toEqual({
      groupName: 'Cohort',
      product: 'expert',
      includeCareerGuide: true,
      restrictedToDomains: true,
    });
    expect((await api('GET', `/v1/codes/SP-2222-2222-2222`, { token: await learner() })).status).toBe(404);
  });

  it('redeems once per user: the same user again gets 200 and the same assignment, no second use spent', async () => {
    const { token } = await practitioner({ introductory: 3 });
    const groupId = await groupWithUses(token, 'introductory', 3);
    const code = await codeFor(token, groupId, { product: 'introductory', includeCareerGuide: true });
    const me = await learner();
    const first = await api('POST', `/v1/codes/${code}/redemptions`, { token: me });
    const again = await api('POST', `/v1/codes/${code}/redemptions`, { token: me });
    expect(first.status).toBe(201);
    expect(first.body.assignment).toMatchObject({
      product: 'introductory',
      includeCareerGuide: true,
      status: 'pending',
      groupId,
    });
    expect(again.status).toBe(200);
    expect(again.body.assignment).toEqual(first.body.assignment);
    const overview = (await api('GET', `/v1/groups/${groupId}`, { token })).body;
    expect(overview.uses.introductory).toEqual({ allocated: 3, redeemed: 1, remaining: 2 });
    expect(overview.codes.map((c: { code: string; redemptions: number }) => [c.code, c.redemptions])).toEqual(
      [[code, 1]],
    );
    expect((await api('GET', '/v1/balance', { token })).body.products.introductory).toEqual({
      available: 0,
      inGroups: 2,
      inTransfers: 0,
      used: 1,
    });
    const members = await api('GET', `/v1/groups/${groupId}/members`, { token });
    expect(members.body.items).toEqual([
      expect.objectContaining({ product: 'introductory', via: 'code', joinedAt: expect.any(String) }),
    ]);
  });

  it('lets someone who belongs to no organisation redeem and see their assignment', async () => {
    const { token } = await practitioner({ expert: 1 });
    const groupId = await groupWithUses(token, 'expert', 1);
    const code = (await api('POST', `/v1/groups/${groupId}/codes`, { token, body: { product: 'expert' } }))
      .body.code;
    const newcomer = await tokenFor({
      email: 'newcomer@example.com',
      sub: `newcomer-${Date.now()}`,
      org: '',
    });
    const redeemed = await api('POST', `/v1/codes/${code}/redemptions`, { token: newcomer });
    expect(redeemed.status).toBe(201);
    const mine = await api('GET', '/v1/me/assignments', { token: newcomer });
    expect(mine.body.items).toEqual([redeemed.body.assignment]);
  });

  it('lets exactly 5 of 25 concurrent redeemers through a code with 5 uses', async () => {
    const { token } = await practitioner({ expert: 5 });
    const groupId = await groupWithUses(token, 'expert', 5);
    const code = (await api('POST', `/v1/groups/${groupId}/codes`, { token, body: { product: 'expert' } }))
      .body.code;
    const redeemers = await Promise.all(Array.from({ length: 25 }, () => learner()));
    const answers = await Promise.all(
      redeemers.map((t) => api('POST', `/v1/codes/${code}/redemptions`, { token: t })),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(5);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused).toHaveLength(20);
    expect(refused.every((a) => a.status === 409 && a.body.error.code === 'NO_USES_LEFT')).toBe(true);
    const overview = await api('GET', `/v1/groups/${groupId}`, { token });
    expect(overview.body.uses.expert).toEqual({ allocated: 5, redeemed: 5, remaining: 0 });
    expect(overview.body.memberCount).toBe(5);
    expect((await api('GET', '/v1/balance', { token })).body.products.expert).toEqual({
      available: 0,
      inGroups: 0,
      inTransfers: 0,
      used: 5,
    });
  }, 60_000);

  it('refuses lookalike and subdomain emails with 403 EMAIL_DOMAIN_NOT_ALLOWED', async () => {
    const { token } = await practitioner({ expert: 3 });
    const groupId = await groupWithUses(token, 'expert', 3);
    const code = await codeFor(token, groupId, { product: 'expert', allowedEmailDomains: ['uni.ac.uk'] });
    for (const email of ['a@evil-uni.ac.uk', 'b@mail.uni.ac.uk', 'c@uni.ac.uk.evil.com']) {
      const answer = await api('POST', `/v1/codes/${code}/redemptions`, { token: await learner(email) });
      expect(answer.status, email).toBe(403);
      expect(answer.body.error.code).toBe('EMAIL_DOMAIN_NOT_ALLOWED');
    }
    expect(
      (await api('POST', `/v1/codes/${code}/redemptions`, { token: await learner('D@Uni.AC.uk') })).status,
    ).toBe(201);
    expect((await api('GET', `/v1/groups/${groupId}`, { token })).body.uses.expert.remaining).toBe(2);
  });

  it('stops a revoked code on the next request with 410 CODE_REVOKED', async () => {
    const { token } = await practitioner({ expert: 2 });
    const groupId = await groupWithUses(token, 'expert', 2);
    const code = (await api('POST', `/v1/groups/${groupId}/codes`, { token, body: { product: 'expert' } }))
      .body.code;
    expect((await api('DELETE', `/v1/groups/${groupId}/codes/${code}`, { token })).status).toBe(204);
    const me = await learner();
    for (const answer of [
      await api('GET', `/v1/codes/${code}`, { token: me }),
      await api('POST', `/v1/codes/${code}/redemptions`, { token: me }),
    ]) {
      expectError(answer, 410, 'CODE_REVOKED');
    }
  });

  it('answers an expired code 410 CODE_EXPIRED and refuses an expiry in the past', async () => {
    const { token } = await practitioner({ expert: 2 });
    const groupId = await groupWithUses(token, 'expert', 2);
    const past = await api('POST', `/v1/groups/${groupId}/codes`, {
      token,
      body: { product: 'expert', expiresAt: '2020-01-01T00:00:00Z' },
    });
    expect(past.status).toBe(400);
    const soon = new Date(Date.now() + 1500).toISOString();
    const code = await codeFor(token, groupId, { product: 'expert', expiresAt: soon });
    await new Promise((r) => setTimeout(r, 1800));
    const answer = await api('POST', `/v1/codes/${code}/redemptions`, { token: await learner() });
    expectError(answer, 410, 'CODE_EXPIRED');
  });

  it('answers a retried code creation with its first answer, even once its expiresAt has passed', async () => {
    const { token } = await practitioner({ expert: 1 });
    const groupId = await groupWithUses(token, 'expert', 1);
    const body = { product: 'expert', expiresAt: new Date(Date.now() + 1500).toISOString() };
    const headers = { 'idempotency-key': 'code-with-expiry' };
    const first = await api('POST', `/v1/groups/${groupId}/codes`, { token, body, headers });
    expect(first.status).toBe(201);
    await new Promise((r) => setTimeout(r, 1800));
    const retry = await api('POST', `/v1/groups/${groupId}/codes`, { token, body, headers });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    const fresh = await api('POST', `/v1/groups/${groupId}/codes`, { token, body });
    expect(fresh.status).toBe(400);
  });

  it('stops at maxRedemptions with 409 NO_USES_LEFT even when the group has uses', async () => {
    const { token } = await practitioner({ expert: 5 });
    const groupId = await groupWithUses(token, 'expert', 5);
    const code = await codeFor(token, groupId, { product: 'expert', maxRedemptions: 1 });
    expect((await api('POST', `/v1/codes/${code}/redemptions`, { token: await learner() })).status).toBe(201);
    const second = await api('POST', `/v1/codes/${code}/redemptions`, { token: await learner() });
    expectError(second, 409, 'NO_USES_LEFT');
  });

  it('spends once when a redemption is retried with the same Idempotency-Key', async () => {
    const { token } = await practitioner({ expert: 2 });
    const groupId = await groupWithUses(token, 'expert', 2);
    const code = (await api('POST', `/v1/groups/${groupId}/codes`, { token, body: { product: 'expert' } }))
      .body.code;
    const me = await learner();
    const headers = { 'idempotency-key': 'redeem-1' };
    const [a, b] = [
      await api('POST', `/v1/codes/${code}/redemptions`, { token: me, headers }),
      await api('POST', `/v1/codes/${code}/redemptions`, { token: me, headers }),
    ];
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body).toEqual(a.body);
    expect((await api('GET', `/v1/groups/${groupId}`, { token })).body.uses.expert.remaining).toBe(1);
  });

  it('lists a group’s codes oldest first, a page at a time, revoked ones marked', async () => {
    const { token } = await practitioner({ expert: 5 });
    const groupId = await groupWithUses(token, 'expert', 5);
    const made: string[] = [];
    for (let i = 0; i < 5; i += 1)
      made.push(
        (await api('POST', `/v1/groups/${groupId}/codes`, { token, body: { product: 'expert' } })).body.code,
      );
    expect((await api('DELETE', `/v1/groups/${groupId}/codes/${made[1]}`, { token })).status).toBe(204);

    const listed: { code: string; revoked: boolean }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const answer = await api('GET', `/v1/groups/${groupId}/codes?${query}`, { token });
      expect(answer.status).toBe(200);
      expect(answer.body.items.length).toBeLessThanOrEqual(2);
      listed.push(...answer.body.items);
      cursor = answer.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(listed.map((c) => c.code)).toEqual(made);
    expect(listed.map((c) => c.revoked)).toEqual([false, true, false, false, false]);
    const bad = await api('GET', `/v1/groups/${groupId}/codes?limit=101`, { token });
    expect(bad.status).toBe(400);
  });
});

describe('the audit trail', () => {
  it('records every purchase, allocation, return, code change and redemption, newest first', async () => {
    const { token } = await practitioner({ expert: 3 });
    const groupId = await groupWithUses(token, 'expert', 2);
    await api('POST', `/v1/groups/${groupId}/uses/return`, {
      token,
      body: { product: 'expert', quantity: 1 },
    });
    const code = (await api('POST', `/v1/groups/${groupId}/codes`, { token, body: { product: 'expert' } }))
      .body.code;
    await api('POST', `/v1/codes/${code}/redemptions`, { token: await learner() });
    await api('DELETE', `/v1/groups/${groupId}/codes/${code}`, { token });
    const audit = await api('GET', '/v1/audit?limit=100', { token });
    expect(audit.status).toBe(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
      'code.revoke',
      'code.redeem',
      'code.create',
      'group.return',
      'group.allocate',
      'group.create',
      'balance.purchase',
    ]);
    expect(audit.body.items[4]).toMatchObject({
      subject: `group:${groupId}`,
      details: { product: 'expert', quantity: 2 },
    });
  });
});
