import { describe, expect, it } from 'vitest';
import { api, newOrg, tokenFor, type ApiAnswer } from '../support/api.ts';
import { practitioner } from '../support/people.ts';

/**
 * Lists page by what they show: a page holds up to `limit` items that match (a status filter, a
 * deleted group left out), and `nextCursor` is null exactly when nothing matching is left, so no
 * client ever walks an empty page.
 */

interface Page {
  items: { id: string }[];
  nextCursor: string | null;
}

/** Every page of a list, in order, following `nextCursor` until it is null. */
async function walk(token: string, path: string): Promise<Page[]> {
  const pages: Page[] = [];
  let cursor: string | null = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const answer: ApiAnswer<Page> = await api<Page>(
      'GET',
      cursor ? `${path}${separator}cursor=${encodeURIComponent(cursor)}` : path,
      { token },
    );
    expect(answer.status).toBe(200);
    pages.push(answer.body);
    cursor = answer.body.nextCursor;
    if (pages.length > 20) throw new Error(`${path} did not end`);
  } while (cursor);
  return pages;
}

/** Every page but the last is full, and the last is not empty (unless the whole list is). */
function expectOnlyFullPages(pages: Page[], limit: number, total: number) {
  expect(pages.map((p) => p.items.length)).toEqual(
    Array.from({ length: Math.max(1, Math.ceil(total / limit)) }, (_, i) =>
      Math.min(limit, total - i * limit),
    ),
  );
  expect(pages.at(-1)!.nextCursor).toBeNull();
}

describe('filtered lists', () => {
  it('pages invitations by status with only full pages, the last one ending the list', async () => {
    // Oldest first: s = stays sent, r = revoked; the list shows newest first.
    const plan = 'srrssrrsrs'.split('');
    const { token } = await practitioner({ expert: plan.length });
    const sent: string[] = [];
    for (const [i, fate] of plan.entries()) {
      const answer = await api('POST', '/v1/invitations', {
        token,
        body: { email: `invitee${i}@example.com`, product: 'expert' },
      });
      expect(answer.status).toBe(201);
      if (fate === 'r')
        expect((await api('DELETE', `/v1/invitations/${answer.body.id}`, { token })).status).toBe(204);
      else sent.unshift(answer.body.id);
    }

    const pages = await walk(token, '/v1/invitations?status=sent&limit=2');
    expectOnlyFullPages(pages, 2, sent.length);
    expect(pages.flatMap((p) => p.items.map((i) => i.id))).toEqual(sent);

    const revoked = await walk(token, '/v1/invitations?status=revoked&limit=4');
    expectOnlyFullPages(revoked, 4, plan.length - sent.length);
    expect(revoked.flatMap((p) => p.items.map((i) => (i as { status?: string }).status))).toEqual(
      plan.filter((fate) => fate === 'r').map(() => 'revoked'),
    );
    // Ten invitations, each a request of its own: more than the default 30 s on a busy machine.
  }, 60_000);

  it('answers one page with a null cursor when nothing matches', async () => {
    const { token } = await practitioner({ expert: 3 });
    for (let i = 0; i < 3; i += 1)
      await api('POST', '/v1/invitations', {
        token,
        body: { email: `x${i}@example.com`, product: 'expert' },
      });
    const pages = await walk(token, '/v1/invitations?status=accepted&limit=2');
    expect(pages).toEqual([{ items: [], nextCursor: null }]);
  });

  it('pages groups around deleted ones with only full pages', async () => {
    const { token } = await practitioner();
    const live: string[] = [];
    for (let i = 0; i < 9; i += 1) {
      const id = (await api('POST', '/v1/groups', { token, body: { name: `Group ${i}` } })).body.id as string;
      if (i % 3 === 1) expect((await api('DELETE', `/v1/groups/${id}`, { token })).status).toBe(204);
      else live.push(id);
    }
    const pages = await walk(token, '/v1/groups?limit=2');
    expectOnlyFullPages(pages, 2, live.length);
    expect(new Set(pages.flatMap((p) => p.items.map((g) => g.id)))).toEqual(new Set(live));
  });
});

describe('a list that ends with a full page', () => {
  it('answers nextCursor null on the last full page, not a cursor to an empty one', async () => {
    const token = await tokenFor({ email: 'ada@client.example', org: newOrg('paging'), roles: ['admin'] });
    for (let i = 0; i < 4; i += 1)
      expect((await api('POST', '/v1/teams', { token, body: { name: `Team ${i}` } })).status).toBe(201);
    expectOnlyFullPages(await walk(token, '/v1/teams?limit=2'), 2, 4);
    expectOnlyFullPages(await walk(token, '/v1/teams?limit=4'), 4, 4);
  });

  it('does the same for a filtered list whose matches are an exact multiple of the page', async () => {
    const { token } = await practitioner({ expert: 5 });
    for (let i = 0; i < 5; i += 1) {
      const answer = await api('POST', '/v1/invitations', {
        token,
        body: { email: `m${i}@example.com`, product: 'expert' },
      });
      if (i === 4) await api('DELETE', `/v1/invitations/${answer.body.id}`, { token });
    }
    expectOnlyFullPages(await walk(token, '/v1/invitations?status=sent&limit=2'), 2, 4);
  });
});

describe('cursors belong to one list', () => {
  it("refuses one group's cursor on another group's list with 400", async () => {
    const { token } = await practitioner({ expert: 4 });
    const groups: string[] = [];
    for (const name of ['A', 'B']) {
      const id = (await api('POST', '/v1/groups', { token, body: { name } })).body.id as string;
      await api('POST', `/v1/groups/${id}/uses`, { token, body: { product: 'expert', quantity: 2 } });
      for (let i = 0; i < 2; i += 1)
        await api('POST', `/v1/groups/${id}/codes`, { token, body: { product: 'expert' } });
      groups.push(id);
    }
    const first = await api<Page>('GET', `/v1/groups/${groups[0]}/codes?limit=1`, { token });
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const cursor = encodeURIComponent(first.body.nextCursor!);
    expect((await api('GET', `/v1/groups/${groups[0]}/codes?cursor=${cursor}`, { token })).status).toBe(200);
    const other = await api('GET', `/v1/groups/${groups[1]}/codes?cursor=${cursor}`, { token });
    expect(other.status).toBe(400);
    expect(other.body.error.code).toBe('VALIDATION_FAILED');
  });
});
