import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { staffShareNotice } from '../../domain/sharing/model.ts';
import { queueStaffShare } from '../../events/staff-share.ts';
import { keys } from '../../functions/adapters/dynamo/keys.ts';
import { dynamo } from '../../functions/shared/clients/dynamo.ts';
import { envNames } from '../../functions/shared/env-names.ts';
import { api, eventually, mailbox, newOrg, stack, tokenFor } from '../support/api.ts';
import { emailTo } from '../support/mail.ts';
import { sampleResults as results, unique } from '../support/people.ts';

/**
 * Suppliers and clients sharing staff (seed 002), on the local stack: a client's administrator links
 * a supplier and shares teams with it, the supplier shares its staff (through the sharing queue's
 * worker), the client sees them and issues courses, and a revocation or an unlink takes sight away
 * on the very next request.
 */

const sqs = new SQSClient({});

async function clientOrg(name = 'Acme Client') {
  const org = newOrg('client');
  return {
    org,
    name,
    admin: await tokenFor({ email: 'admin@client.example', org, roles: ['client', 'admin'] }),
    user: await tokenFor({ email: 'user@client.example', org, roles: ['client'] }),
  };
}

async function supplierOrg() {
  const org = newOrg('supplier');
  return {
    org,
    token: await tokenFor({ email: 'ops@supplier.example', org, roles: ['supplier'] }),
    /** For its audit trail, which is for administrators. */
    admin: await tokenFor({ email: 'boss@supplier.example', org, roles: ['supplier', 'admin'] }),
  };
}

type Client = Awaited<ReturnType<typeof clientOrg>>;
type Supplier = Awaited<ReturnType<typeof supplierOrg>>;

/** A learner of the supplier's (staff) with profiles completed at the given times. */
async function staffMember(
  supplier: Supplier,
  who: { name?: string; language?: string; completed?: string[] } = {},
) {
  const email = `${unique('staff')}@example.com`;
  const created = await api('POST', '/v1/learners', {
    token: supplier.token,
    body: { name: who.name ?? 'Sam Staff', email, preferredLanguage: who.language ?? 'en' },
  });
  expect(created.status).toBe(201);
  const profiles: string[] = [];
  for (const completedAt of who.completed ?? ['2026-03-01T10:00:00Z']) {
    const profile = await api('POST', `/v1/learners/${created.body.id}/profiles`, {
      token: supplier.token,
      body: { product: 'discovery', completedAt, format: 'pdf', results },
    });
    expect(profile.status).toBe(201);
    profiles.push(profile.body.id);
  }
  return { id: created.body.id as string, email, profiles };
}

async function link(client: Client, supplier: Supplier) {
  const linked = await api('POST', '/v1/suppliers', {
    token: client.admin,
    body: { supplierOrgId: supplier.org, supplierName: 'Staffing Ltd', clientName: client.name },
  });
  expect(linked.status).toBe(201);
  return linked.body;
}

async function sharedTeam(client: Client, supplier: Supplier, name = 'Night shift') {
  const team = await api('POST', '/v1/teams', { token: client.admin, body: { name } });
  expect(team.status).toBe(201);
  const shared = await api('POST', `/v1/suppliers/${supplier.org}/shared-teams`, {
    token: client.admin,
    body: { teamId: team.body.id },
  });
  expect(shared.status).toBe(201);
  return team.body.id as string;
}

/** Shares and waits for the worker: answers the job as it ended. */
async function share(supplier: Supplier, client: Client, staffIds: string[], teamId?: string) {
  const accepted = await api('POST', `/v1/clients/${client.org}/staff-shares`, {
    token: supplier.token,
    body: { staffIds, ...(teamId ? { teamId } : {}) },
  });
  expect(accepted.status).toBe(202);
  const location = accepted.headers.get('location')!;
  expect(location).toBe(`/v1/clients/${client.org}/staff-shares/${accepted.body.id}`);
  return eventually(async () => {
    const job = await api('GET', location, { token: supplier.token });
    return job.body.status === 'done' ? job.body : undefined;
  });
}

const clientStaff = async (client: Client, query = '') => {
  const answer = await api('GET', `/v1/client-staff${query}`, { token: client.user });
  expect(answer.status).toBe(200);
  return answer.body.items as any[];
};

/** The client issues a course to a staff member (shared with it, or not). */
const issueCourse = (client: Client, staffId: string, body: { courseId: string; dueAt?: string }) =>
  api('POST', `/v1/client-staff/${staffId}/courses`, { token: client.user, body });

/** The client sees nothing more of a staff member: their latest profile and their courses are 404. */
async function expectOutOfSight(token: string, staffId: string) {
  for (const path of [
    `/v1/client-staff/${staffId}/profiles/latest/download`,
    `/v1/client-staff/${staffId}/courses`,
  ]) {
    expect((await api('GET', path, { token })).status, path).toBe(404);
  }
}

const auditActions = async (token: string) =>
  (
    (await api('GET', '/v1/audit?limit=100', { token })).body.items as { action: string; subject: string }[]
  ).map((entry) => entry.action);

describe('a supplier linked with one client', () => {
  it('shares staff into a shared team; the client sees them with their latest profile, and nothing else', async () => {
    const [client, supplier] = [await clientOrg(), await supplierOrg()];
    expect(await link(client, supplier)).toMatchObject({
      supplierOrgId: supplier.org,
      name: 'Staffing Ltd',
      sharedTeams: 0,
    });
    const teamId = await sharedTeam(client, supplier);

    const clients = await api('GET', '/v1/clients', { token: supplier.token });
    expect(clients.body.items).toEqual([
      { clientOrgId: client.org, name: client.name, linkedAt: expect.any(String), sharedTeams: 1 },
    ]);
    const teams = await api('GET', `/v1/clients/${client.org}/teams`, { token: supplier.token });
    expect(teams.body.items).toEqual([{ id: teamId, name: 'Night shift', sharedAt: expect.any(String) }]);

    const ana = await staffMember(supplier, {
      name: 'Ana',
      completed: ['2025-01-01T10:00:00Z', '2026-02-01T10:00:00Z', '2025-06-01T10:00:00Z'],
    });
    const bo = await staffMember(supplier, { name: 'Bo' });
    const notShared = await staffMember(supplier, { name: 'Cy' });

    const summary = await api('POST', `/v1/clients/${client.org}/staff-shares/summary`, {
      token: supplier.token,
      body: { staffIds: [ana.id, bo.id], teamId },
    });
    expect(summary.status).toBe(200);
    expect(summary.body).toEqual({
      client: { id: client.org, name: client.name },
      team: { id: teamId, name: 'Night shift' },
      staff: [
        { id: ana.id, name: 'Ana', alreadyShared: false },
        { id: bo.id, name: 'Bo', alreadyShared: false },
      ],
    });

    const accepted = await api('POST', `/v1/clients/${client.org}/staff-shares`, {
      token: supplier.token,
      body: { staffIds: [ana.id, bo.id], teamId },
    });
    expect(accepted.status).toBe(202);
    expect(accepted.body).toEqual({ id: expect.any(String), message: staffShareNotice });
    expect(staffShareNotice).toBe('Staff sharing successful! The staff will be added to the client shortly.');
    const done = await eventually(async () => {
      const job = await api('GET', accepted.headers.get('location')!, { token: supplier.token });
      return job.body.status === 'done' ? job.body : undefined;
    });
    expect(done).toMatchObject({ shared: 2, alreadyShared: 0, skipped: 0, teamId });

    const seen = await clientStaff(client);
    expect(seen.map((s) => s.name).sort()).toEqual(['Ana', 'Bo']);
    const anaSeen = seen.find((s) => s.id === ana.id);
    expect(anaSeen).toMatchObject({
      supplier: { id: supplier.org, name: 'Staffing Ltd' },
      teamIds: [teamId],
      latestProfile: { id: ana.profiles[1], completedAt: '2026-02-01T10:00:00.000Z' },
    });
    expect(Object.keys(anaSeen)).not.toContain('profiles');
    expect(seen.map((s) => s.id)).not.toContain(notShared.id);
    expect((await clientStaff(client, `?teamId=${teamId}`)).length).toBe(2);
    expect(await clientStaff(client, '?teamId=another-team')).toEqual([]);
    expect((await clientStaff(client, `?supplierOrgId=${supplier.org}`)).length).toBe(2);

    const supplierView = await api('GET', `/v1/clients/${client.org}/staff`, { token: supplier.token });
    expect(supplierView.body.items.map((s: { name: string }) => s.name).sort()).toEqual(['Ana', 'Bo']);

    // Shared already: the summary says so, and sharing again changes nothing and is no error.
    const again = await api('POST', `/v1/clients/${client.org}/staff-shares/summary`, {
      token: supplier.token,
      body: { staffIds: [ana.id, notShared.id] },
    });
    expect(again.body.staff).toEqual([
      { id: ana.id, name: 'Ana', alreadyShared: true },
      { id: notShared.id, name: 'Cy', alreadyShared: false },
    ]);
    expect(await share(supplier, client, [ana.id, bo.id], teamId)).toMatchObject({
      shared: 0,
      alreadyShared: 2,
    });
    expect((await clientStaff(client)).length).toBe(2);

    // Her latest profile, in the language asked for; her older profiles are not the client's.
    const download = await api('GET', `/v1/client-staff/${ana.id}/profiles/latest/download?language=de`, {
      token: client.user,
    });
    expect(download.status).toBe(200);
    expect(download.body).toEqual({
      url: expect.stringMatching(/\/v1\/links\/[A-Za-z0-9_-]+$/),
      expiresAt: expect.any(String),
    });
    const followed = await fetch(download.body.url, { redirect: 'manual' });
    expect(followed.status).toBe(302);
    expect(decodeURIComponent(followed.headers.get('location')!)).toContain('(de).pdf');

    expect(await auditActions(client.admin)).toEqual(
      expect.arrayContaining(['supplier.link', 'team.share', 'staff.shared']),
    );
    expect(await auditActions(supplier.admin)).toEqual(
      expect.arrayContaining(['client.link', 'client.team.shared', 'staff.share.request', 'staff.share']),
    );
  });

  it('shares without a team when the client shared none (the Pro/Enterprise path is the same API)', async () => {
    const [client, supplier] = [await clientOrg(), await supplierOrg()];
    await link(client, supplier);
    const one = await staffMember(supplier);
    expect(
      (await api('GET', `/v1/clients/${client.org}/teams`, { token: supplier.token })).body.items,
    ).toEqual([]);
    expect(await share(supplier, client, [one.id])).toMatchObject({ shared: 1 });
    expect((await clientStaff(client)).map((s) => [s.id, s.teamIds])).toEqual([[one.id, []]]);
  });

  it('shares a message delivered twice once, and shares nobody again after a revocation', async () => {
    const [client, supplier] = [await clientOrg(), await supplierOrg()];
    await link(client, supplier);
    const people = [await staffMember(supplier), await staffMember(supplier)];
    const job = await share(
      supplier,
      client,
      people.map((p) => p.id),
    );
    expect(job).toMatchObject({ shared: 2 });

    // The very message the outbox relayed, delivered again (SQS is at least once).
    const stored = (
      await dynamo.send(
        new GetCommand({
          TableName: process.env[envNames.tableName]!,
          Key: keys.staffShareJob(job.id),
          ConsistentRead: true,
        }),
      )
    ).Item!;
    const message = queueStaffShare({
      jobId: job.id,
      supplierOrg: supplier.org,
      clientOrg: client.org,
      linkId: stored.linkId,
      staffIds: people.map((p) => p.id),
      requestedBy: stored.requestedBy,
    });
    for (let i = 0; i < 2; i += 1) {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: stack().env[envNames.queueUrl('sharing')]!,
          MessageBody: JSON.stringify(message.body),
        }),
      );
    }
    await new Promise((r) => setTimeout(r, 4000));

    expect((await clientStaff(client)).length).toBe(2);
    const shares = (await auditActions(client.admin)).filter((a) => a === 'staff.shared');
    expect(shares).toHaveLength(2);
    expect((await auditActions(supplier.admin)).filter((a) => a === 'staff.share')).toHaveLength(2);
    const after = await api('GET', `/v1/clients/${client.org}/staff-shares/${job.id}`, {
      token: supplier.token,
    });
    expect(after.body).toMatchObject({ status: 'done', shared: 2, alreadyShared: 0 });

    // Delivered again after the supplier took someone back: they stay taken back.
    const revoked = await api('DELETE', `/v1/clients/${client.org}/staff/${people[0]!.id}`, {
      token: supplier.token,
    });
    expect(revoked.status).toBe(204);
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: stack().env[envNames.queueUrl('sharing')]!,
        MessageBody: JSON.stringify(message.body),
      }),
    );
    await new Promise((r) => setTimeout(r, 4000));
    expect((await clientStaff(client)).map((s) => s.id)).toEqual([people[1]!.id]);
  });
});

describe('accepting a share twice', () => {
  it('starts one job for one Idempotency-Key, answering the same 202 again', async () => {
    const [client, supplier] = [await clientOrg(), await supplierOrg()];
    await link(client, supplier);
    const person = await staffMember(supplier);
    const send = () =>
      api('POST', `/v1/clients/${client.org}/staff-shares`, {
        token: supplier.token,
        body: { staffIds: [person.id] },
        headers: { 'idempotency-key': `share-${person.id}` },
      });
    const first = await send();
    const again = await send();
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    await eventually(async () => ((await clientStaff(client)).length === 1 ? true : undefined));
    expect((await auditActions(supplier.admin)).filter((a) => a === 'staff.share.request')).toHaveLength(1);
  });
});

describe('a supplier linked with several clients', () => {
  it('shares with the client it picks; the other client sees nothing of it', async () => {
    const supplier = await supplierOrg();
    const [north, south] = [await clientOrg('North'), await clientOrg('South')];
    await link(north, supplier);
    await link(south, supplier);
    const clients = await api('GET', '/v1/clients', { token: supplier.token });
    expect(clients.body.items.map((c: { name: string }) => c.name).sort()).toEqual(['North', 'South']);

    const person = await staffMember(supplier);
    await share(supplier, north, [person.id]);
    expect((await clientStaff(north)).map((s) => s.id)).toEqual([person.id]);
    expect(await clientStaff(south)).toEqual([]);
    expect(
      (await api('GET', `/v1/clients/${south.org}/staff`, { token: supplier.token })).body.items,
    ).toEqual([]);
    const summary = await api('POST', `/v1/clients/${south.org}/staff-shares/summary`, {
      token: supplier.token,
      body: { staffIds: [person.id] },
    });
    expect(summary.body.staff).toEqual([{ id: person.id, name: 'Sam Staff', alreadyShared: false }]);
    await expectOutOfSight(south.user, person.id);
  });
});

describe('revoking a staff member', () => {
  it('takes sight away at once: list, download and courses are 404, and a link issued before answers 410 LINK_REVOKED', async () => {
    const [client, supplier] = [await clientOrg(), await supplierOrg()];
    await link(client, supplier);
    const person = await staffMember(supplier);
    await share(supplier, client, [person.id]);

    const download = await api('GET', `/v1/client-staff/${person.id}/profiles/latest/download`, {
      token: client.user,
    });
    expect(download.status).toBe(200);
    expect((await fetch(download.body.url, { redirect: 'manual' })).status).toBe(302);
    const course = await api('POST', '/v1/courses', {
      token: client.user,
      body: { title: 'Safety', kind: 'onboarding' },
    });
    expect(course.status).toBe(201);
    expect((await issueCourse(client, person.id, { courseId: course.body.id })).status).toBe(201);

    const revoked = await api('DELETE', `/v1/clients/${client.org}/staff/${person.id}`, {
      token: supplier.token,
    });
    expect(revoked.status).toBe(204);

    expect(await clientStaff(client)).toEqual([]);
    await expectOutOfSight(client.user, person.id);
    expect((await issueCourse(client, person.id, { courseId: course.body.id })).status).toBe(404);
    const followed = await api('GET', new URL(download.body.url).pathname);
    expect(followed.status).toBe(410);
    expect(followed.body.error.code).toBe('LINK_REVOKED');
    expect(
      (await api('GET', `/v1/clients/${client.org}/staff`, { token: supplier.token })).body.items,
    ).toEqual([]);
    expect(
      (await api('DELETE', `/v1/clients/${client.org}/staff/${person.id}`, { token: supplier.token })).status,
    ).toBe(404);

    // Shared again later: a new grant, under which the old link stays dead.
    await share(supplier, client, [person.id]);
    expect((await clientStaff(client)).map((s) => s.id)).toEqual([person.id]);
    expect((await api('GET', new URL(download.body.url).pathname)).status).toBe(410);

    expect(await auditActions(client.admin)).toEqual(
      expect.arrayContaining(['staff.revoked', 'course.issue']),
    );
    expect(await auditActions(supplier.admin)).toEqual(
      expect.arrayContaining(['staff.revoke', 'course.issued']),
    );
  });
});

describe('unlinking a supplier', () => {
  it("hides all of that supplier's staff from the client, and the supplier can share no more", async () => {
    const [client, supplier] = [await clientOrg(), await supplierOrg()];
    const other = await supplierOrg();
    await link(client, supplier);
    await link(client, other);
    const people = [await staffMember(supplier), await staffMember(supplier)];
    const kept = await staffMember(other);
    await share(
      supplier,
      client,
      people.map((p) => p.id),
    );
    await share(other, client, [kept.id]);
    const download = await api('GET', `/v1/client-staff/${people[0]!.id}/profiles/latest/download`, {
      token: client.user,
    });
    expect(download.status).toBe(200);

    expect((await api('DELETE', `/v1/suppliers/${supplier.org}`, { token: client.admin })).status).toBe(204);

    expect((await clientStaff(client)).map((s) => s.id)).toEqual([kept.id]);
    for (const person of people) await expectOutOfSight(client.user, person.id);
    expect((await api('GET', new URL(download.body.url).pathname)).body.error.code).toBe('LINK_REVOKED');
    expect((await api('GET', '/v1/clients', { token: supplier.token })).body.items).toEqual([]);
    for (const [method, path, body] of [
      ['GET', `/v1/clients/${client.org}/staff`, undefined],
      ['GET', `/v1/clients/${client.org}/teams`, undefined],
      ['POST', `/v1/clients/${client.org}/staff-shares`, { staffIds: [people[0]!.id] }],
      ['POST', `/v1/clients/${client.org}/staff-shares/summary`, { staffIds: [people[0]!.id] }],
    ] as const) {
      expect((await api(method, path, { token: supplier.token, body })).status, path).toBe(404);
    }
    expect((await api('DELETE', `/v1/suppliers/${supplier.org}`, { token: client.admin })).status).toBe(404);

    // Linked again: nothing shared before comes back.
    await link(client, supplier);
    expect((await clientStaff(client)).map((s) => s.id)).toEqual([kept.id]);
    expect(await auditActions(client.admin)).toContain('supplier.unlink');
    expect(await auditActions(supplier.admin)).toContain('client.unlink');
  });
});

describe('tenancy and roles', () => {
  it("answers 404 for an unlinked client, a staff id not the supplier's and another tenant's ids", async () => {
    const [client, supplier] = [await clientOrg(), await supplierOrg()];
    const [stranger, otherSupplier] = [await clientOrg(), await supplierOrg()];
    await link(client, supplier);
    await link(stranger, otherSupplier);
    const mine = await staffMember(supplier);
    const theirs = await staffMember(otherSupplier);
    const job = await share(supplier, client, [mine.id]);
    const strangerCourse = await api('POST', '/v1/courses', {
      token: stranger.user,
      body: { title: 'X', kind: 'learn' },
    });
    const strangerTeam = await api('POST', '/v1/teams', { token: stranger.admin, body: { name: 'Theirs' } });

    const supplierCalls: [string, string, unknown][] = [
      ['POST', `/v1/clients/${stranger.org}/staff-shares/summary`, { staffIds: [mine.id] }],
      ['POST', `/v1/clients/${stranger.org}/staff-shares`, { staffIds: [mine.id] }],
      ['GET', `/v1/clients/${stranger.org}/teams`, undefined],
      ['GET', `/v1/clients/${stranger.org}/staff`, undefined],
      ['POST', `/v1/clients/${client.org}/staff-shares/summary`, { staffIds: [theirs.id] }],
      ['POST', `/v1/clients/${client.org}/staff-shares`, { staffIds: [mine.id, theirs.id] }],
      [
        'POST',
        `/v1/clients/${client.org}/staff-shares`,
        { staffIds: [mine.id], teamId: strangerTeam.body.id },
      ],
      ['DELETE', `/v1/clients/${client.org}/staff/${theirs.id}`, undefined],
    ];
    for (const [method, path, body] of supplierCalls) {
      expect((await api(method, path, { token: supplier.token, body })).status, `${method} ${path}`).toBe(
        404,
      );
    }
    expect(
      (await api('GET', `/v1/clients/${client.org}/staff-shares/${job.id}`, { token: otherSupplier.token }))
        .status,
    ).toBe(404);

    const clientCalls: [string, string, unknown][] = [
      ['GET', `/v1/client-staff/${theirs.id}/profiles/latest/download`, undefined],
      ['GET', `/v1/client-staff/${theirs.id}/courses`, undefined],
      ['POST', `/v1/client-staff/${mine.id}/courses`, { courseId: strangerCourse.body.id }],
    ];
    for (const [method, path, body] of clientCalls) {
      expect((await api(method, path, { token: client.user, body })).status, `${method} ${path}`).toBe(404);
    }
    // The stranger client never sees the first client's staff or courses.
    expect(await clientStaff(stranger)).toEqual([]);
    expect((await api('GET', `/v1/client-staff/${mine.id}/courses`, { token: stranger.user })).status).toBe(
      404,
    );
    expect((await api('GET', '/v1/courses', { token: client.user })).body.items).toEqual([]);
    expect(
      (
        await api('POST', `/v1/suppliers/${otherSupplier.org}/shared-teams`, {
          token: client.admin,
          body: { teamId: strangerTeam.body.id },
        })
      ).status,
    ).toBe(404);
    expect((await api('DELETE', `/v1/suppliers/${otherSupplier.org}`, { token: client.admin })).status).toBe(
      404,
    );
  });

  it("refuses a supplier token on the client's routes with 403, and a client token on the supplier's", async () => {
    const [client, supplier] = [await clientOrg(), await supplierOrg()];
    const clientRoutes = [
      ['POST', '/v1/suppliers'],
      ['DELETE', '/v1/suppliers/x'],
      ['POST', '/v1/suppliers/x/shared-teams'],
      ['GET', '/v1/client-staff'],
      ['GET', '/v1/client-staff/x/profiles/latest/download'],
      ['POST', '/v1/courses'],
      ['GET', '/v1/courses'],
      ['POST', '/v1/client-staff/x/courses'],
      ['GET', '/v1/client-staff/x/courses'],
    ];
    const supplierRoutes = [
      ['GET', '/v1/clients'],
      ['GET', '/v1/clients/x/teams'],
      ['POST', '/v1/clients/x/staff-shares/summary'],
      ['POST', '/v1/clients/x/staff-shares'],
      ['GET', '/v1/clients/x/staff-shares/y'],
      ['GET', '/v1/clients/x/staff'],
      ['DELETE', '/v1/clients/x/staff/y'],
    ];
    for (const [method, path] of clientRoutes) {
      const answer = await api(method!, path!, {
        token: supplier.token,
        body: method === 'POST' ? {} : undefined,
      });
      expect([answer.status, answer.body?.error?.code], `${method} ${path}`).toEqual([403, 'FORBIDDEN']);
    }
    for (const [method, path] of supplierRoutes) {
      for (const token of [client.admin, client.user]) {
        const answer = await api(method!, path!, { token, body: method === 'POST' ? {} : undefined });
        expect([answer.status, answer.body?.error?.code], `${method} ${path}`).toEqual([403, 'FORBIDDEN']);
      }
    }
    // Only a client's administrator links suppliers and shares teams.
    for (const [method, path] of clientRoutes.slice(0, 3)) {
      const answer = await api(method!, path!, {
        token: client.user,
        body: method === 'POST' ? {} : undefined,
      });
      expect(answer.status, `${method} ${path}`).toBe(403);
    }
  });
});

describe('courses', () => {
  it('emails the staff member the course in their language, escaped, and lists it for the client', async () => {
    const [client, supplier] = [await clientOrg('Acme <Clinics> & Co'), await supplierOrg()];
    await link(client, supplier);
    const person = await staffMember(supplier, { name: 'Zoé <i>Durand</i>', language: 'fr-CA' });
    await share(supplier, client, [person.id]);

    const learn = await api('POST', '/v1/courses', {
      token: client.user,
      body: { title: 'Learn', kind: 'learn' },
    });
    const course = await api('POST', '/v1/courses', {
      token: client.user,
      body: { title: 'Sécurité <script>alert(1)</script> & "hygiène"', kind: 'onboarding' },
    });
    expect(course.status).toBe(201);
    expect(course.body).toMatchObject({
      kind: 'onboarding',
      title: 'Sécurité <script>alert(1)</script> & "hygiène"',
    });
    const listed = await api('GET', '/v1/courses', { token: client.user });
    expect(listed.body.items.map((c: { id: string }) => c.id).sort()).toEqual(
      [learn.body.id, course.body.id].sort(),
    );

    const issued = await issueCourse(client, person.id, {
      courseId: course.body.id,
      dueAt: '2026-12-24T12:00:00Z',
    });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({
      courseId: course.body.id,
      staffId: person.id,
      kind: 'onboarding',
      dueAt: '2026-12-24T12:00:00.000Z',
      language: 'fr',
    });

    const mail = await emailTo(person.email);
    expect(mail.subject).toBe('Nouveau cours : Sécurité <script>alert(1)</script> & "hygiène"');
    expect(mail.body.text).toContain("Acme <Clinics> & Co vous a attribué le cours d'intégration");
    expect(mail.body.text).toContain('24 décembre 2026');
    expect(mail.body.html).toContain(
      'Sécurité &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;hygiène&quot;',
    );
    expect(mail.body.html).toContain('Acme &lt;Clinics&gt; &amp; Co');
    expect(mail.body.html).toContain('Zoé &lt;i&gt;Durand&lt;/i&gt;');
    expect(mail.body.html).not.toContain('<script>');
    expect(mail.body.html).not.toContain('<i>Durand');

    const assignments = await api('GET', `/v1/client-staff/${person.id}/courses`, { token: client.user });
    // The list also shows what became of the email (delivery tracking) once it is sent.
    expect(assignments.body.items).toHaveLength(1);
    expect(assignments.body.items[0]).toMatchObject(issued.body);
    expect((await issueCourse(client, person.id, { courseId: 'nope' })).status).toBe(404);
    expect((await mailbox()).filter((m) => m.destination.to.includes(person.email))).toHaveLength(1);
  });
});
