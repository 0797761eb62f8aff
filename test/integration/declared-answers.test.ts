import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { dynamo } from '../../functions/shared/clients/dynamo.ts';
import { envNames } from '../../functions/shared/env-names.ts';
import { api, newOrg, tokenFor } from '../support/api.ts';
import { answerValidator } from '../support/openapi-validator.ts';

/**
 * A field added to a stored item (a new attribute, a migration's leftover, a bookkeeping flag) never
 * reaches a client by accident: answers carry only what their route's response schema declares.
 * Every item an organisation's data consists of gets an undeclared attribute, at the top and inside
 * its maps, straight in DynamoDB Local; then every read of that data is made through the API.
 */
const probe = 'leakProbe';
const marker = 'LEAK-7f3a';
const tableName = () => process.env[envNames.tableName]!;

/** Adds the probe to each item of a partition, and to each map (or first map of a list) in it. */
async function plantProbes(partition: string): Promise<number> {
  const items =
    (
      await dynamo.send(
        new QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': partition },
        }),
      )
    ).Items ?? [];
  for (const item of items) {
    const names: Record<string, string> = { '#probe': probe };
    const sets = ['#probe = :marker'];
    Object.entries(item).forEach(([attribute, value], index) => {
      // A group's `codes` map is keyed by code: a probe there would be a code, not a field.
      if (attribute === 'codes' || attribute === 'details') return;
      const isMap = (v: unknown) =>
        v !== null &&
        typeof v === 'object' &&
        !Array.isArray(v) &&
        !(v instanceof Set) &&
        !(v instanceof Uint8Array);
      if (isMap(value)) {
        names[`#a${index}`] = attribute;
        sets.push(`#a${index}.#probe = :marker`);
      } else if (Array.isArray(value) && isMap(value[0])) {
        names[`#a${index}`] = attribute;
        sets.push(`#a${index}[0].#probe = :marker`);
      }
    });
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { PK: item.PK, SK: item.SK },
        UpdateExpression: `SET ${sets.join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ':marker': marker },
      }),
    );
  }
  return items.length;
}

describe('answers', () => {
  it('never show a field added to a stored item, and fit the published document', async () => {
    const org = newOrg('leak');
    const boss = await tokenFor({
      email: 'boss@leak.example',
      org,
      roles: ['practitioner', 'admin'],
      sub: `boss-${org}`,
    });
    const memberSub = `member-${org}`;
    const member = await tokenFor({ email: 'member@leak.example', sub: memberSub });
    const as = (token: string) => ({ token });
    const ok = async (method: string, path: string, token: string, body?: unknown) => {
      const answer = await api(method, path, { token, ...(body === undefined ? {} : { body }) });
      expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.body)}`).toBeLessThan(300);
      return answer.body;
    };

    // An organisation with one of everything.
    await ok('POST', '/v1/balance/purchases', boss, {
      product: 'introductory',
      quantity: 5,
      reference: 'PO-7',
    });
    const group = await ok('POST', '/v1/groups', boss, { name: 'Cohort', description: 'First' });
    await ok('POST', `/v1/groups/${group.id}/uses`, boss, { product: 'introductory', quantity: 3 });
    const code = await ok('POST', `/v1/groups/${group.id}/codes`, boss, { product: 'introductory' });
    const { assignment } = await ok('POST', `/v1/codes/${code.code}/redemptions`, member);
    const results = { scores: [{ key: 'drive', label: 'Drive', value: 70 }], summary: 'Steady' };
    const myProfile = await ok('POST', `/v1/me/assignments/${assignment.id}/completion`, member, { results });
    const invitation = await ok('POST', '/v1/invitations', boss, {
      email: 'guest@leak.example',
      product: 'introductory',
      message: 'Welcome',
    });
    const learner = await ok('POST', '/v1/learners', boss, {
      name: 'Lea Leak',
      email: 'lea@leak.example',
      preferredLanguage: 'fr',
    });
    const profile = await ok('POST', `/v1/learners/${learner.id}/profiles`, boss, {
      product: 'discovery',
      completedAt: '2026-01-02T03:04:05Z',
      format: 'pdf',
      results,
    });
    const share = await ok('POST', `/v1/learners/${learner.id}/profiles/${profile.id}/shares`, boss, {
      delivery: 'link',
    });
    const team = await ok('POST', '/v1/teams', boss, { name: 'Sales' });
    await ok('POST', `/v1/teams/${team.id}/members`, boss, { learnerIds: [learner.id] });

    const planted =
      (await plantProbes(`ORG#${org}`)) +
      (await plantProbes(`ORG#${org}#AUDIT`)) +
      (await plantProbes(`USER#${memberSub}`)) +
      (await plantProbes(`CODE#${code.code}`));
    expect(planted).toBeGreaterThan(15);

    const problemsOf = answerValidator((await api('GET', '/v1/openapi.json')).body);
    const reads: [string, string, string, string][] = [
      ['GET', '/v1/balance', '/v1/balance', boss],
      ['GET', '/v1/groups', '/v1/groups', boss],
      ['GET', `/v1/groups/${group.id}`, '/v1/groups/{groupId}', boss],
      ['PATCH', `/v1/groups/${group.id}`, '/v1/groups/{groupId}', boss],
      ['GET', `/v1/groups/${group.id}/codes`, '/v1/groups/{groupId}/codes', boss],
      ['GET', `/v1/groups/${group.id}/members`, '/v1/groups/{groupId}/members', boss],
      ['GET', `/v1/codes/${code.code}`, '/v1/codes/{code}', member],
      ['GET', '/v1/me/assignments', '/v1/me/assignments', member],
      ['GET', '/v1/me/profiles', '/v1/me/profiles', member],
      ['GET', '/v1/invitations', '/v1/invitations', boss],
      ['GET', `/v1/invitations/${invitation.id}`, '/v1/invitations/{invitationId}', boss],
      ['GET', '/v1/learners', '/v1/learners', boss],
      ['GET', `/v1/learners/${learner.id}`, '/v1/learners/{learnerId}', boss],
      [
        'GET',
        `/v1/learners/${learner.id}/profiles/${profile.id}/shares/${share.id}`,
        '/v1/learners/{learnerId}/profiles/{profileId}/shares/{shareId}',
        boss,
      ],
      ['GET', '/v1/teams', '/v1/teams', boss],
      ['GET', `/v1/teams/${team.id}`, '/v1/teams/{teamId}', boss],
      ['GET', '/v1/audit?limit=100', '/v1/audit', boss],
    ];
    for (const [method, path, template, token] of reads) {
      const answer = await api(method, path, {
        ...as(token),
        ...(method === 'PATCH' ? { body: { description: 'Renamed' } } : {}),
      });
      expect(answer.status, `${method} ${path}`).toBe(200);
      expect(JSON.stringify(answer.body), `${method} ${path}`).not.toContain(marker);
      expect(problemsOf(method, template, answer.status, answer.body)).toEqual([]);
    }
    // The probes are there: a read that skips the schemas would show them.
    const stored = await dynamo.send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': `ORG#${org}` },
      }),
    );
    expect(stored.Items!.filter((item) => item[probe] === marker).length).toBe(stored.Items!.length);
    expect(myProfile.id).toEqual(expect.any(String));
  });
});
