import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../domain/errors.ts';
import type { Learner } from '../../domain/learning/model.ts';
import type { SharingStore, StaffShareOutcome } from '../../domain/sharing/ports.ts';
import { shareStaff } from '../../domain/sharing/share-staff.ts';
import type { SharedTeam, StaffShare, StaffShareJob, SupplierLink } from '../../domain/sharing/model.ts';
import { staffShare } from '../support/staff-shares.ts';
import { staffShareNotice } from '../../domain/sharing/model.ts';
import { sharingUseCases } from '../../domain/sharing/use-cases.ts';
import { staffShareMessage, type StaffShareMessage } from '../../events/staff-share.ts';

/**
 * The sharing use cases over in-memory ports: what each decides (404s, alreadyShared, what a share
 * job owes and how a redelivered job counts), with the store's writes recorded, not re-implemented.
 */
const at = new Date('2026-11-30T12:00:00.000Z');
const clock = { now: () => at };
const link: SupplierLink = {
  clientOrg: 'client',
  supplierOrg: 'supplier',
  linkId: 'link-2',
  clientName: 'Client',
  supplierName: 'Supplier',
  linkedAt: at.toISOString(),
  linkedBy: 'u',
  sharedTeams: 1,
};
const team: SharedTeam = {
  clientOrg: 'client',
  supplierOrg: 'supplier',
  linkId: 'link-2',
  teamId: 't1',
  name: 'Night',
  sharedAt: at.toISOString(),
  sharedBy: 'u',
};
const person = (id: string): Learner => ({
  id,
  name: `Name ${id}`,
  email: `${id}@example.com`,
  preferredLanguage: 'en',
  createdAt: at.toISOString(),
  profiles: [],
});
const share = (staffId: string, over: Partial<StaffShare> = {}): StaffShare =>
  staffShare({
    staffId,
    linkId: 'link-2',
    shareId: `share-${staffId}`,
    jobId: 'job-0',
    sharedAt: at.toISOString(),
    ...over,
  });
const supplierActor = { org: 'supplier', userId: 'sup-user', email: 's@example.com' };

function setup(existing: StaffShare[] = [], teams: SharedTeam[] = [team]) {
  const jobs: { job: unknown; outbox: readonly unknown[] }[] = [];
  let nextId = 0;
  const store = {
    clientLink: async (supplierOrg: string, clientOrg: string) =>
      supplierOrg === link.supplierOrg && clientOrg === link.clientOrg ? link : undefined,
    sharedTeam: async (_s: string, _c: string, teamId: string) => teams.find((t) => t.teamId === teamId),
    sharesOf: async (_s: string, _c: string, ids: string[]) =>
      existing.filter((s) => ids.includes(s.staffId)),
    createShareJob: async (job: unknown, _actor: unknown, owed: { outbox: readonly unknown[] }) =>
      void jobs.push({ job, outbox: owed.outbox }),
  } as unknown as SharingStore;
  const staff = ['a', 'b', 'c'].map(person);
  const useCases = sharingUseCases({
    store,
    learners: {
      learnersById: async (org, ids) => (org === 'supplier' ? staff.filter((s) => ids.includes(s.id)) : []),
      learner: async () => undefined,
      team: async () => undefined,
    },
    clock,
    ids: { next: () => `id-${nextId++}` },
  });
  return { useCases, jobs };
}

describe('reviewing a staff share', () => {
  it('marks as already shared only people shared under the current link (and into the team asked for)', async () => {
    const { useCases } = setup([
      share('a', { teamIds: ['t1'] }),
      share('b'),
      share('c', { linkId: 'link-1' }), // shared under an earlier link, since unlinked
    ]);
    const summary = await useCases.shareSummary(supplierActor, 'client', {
      staffIds: ['a', 'b', 'c'],
      teamId: 't1',
    });
    expect(summary).toEqual({
      client: { id: 'client', name: 'Client' },
      team: { id: 't1', name: 'Night' },
      staff: [
        { id: 'a', name: 'Name a', alreadyShared: true },
        { id: 'b', name: 'Name b', alreadyShared: false },
        { id: 'c', name: 'Name c', alreadyShared: false },
      ],
    });
    const withoutTeam = await useCases.shareSummary(supplierActor, 'client', { staffIds: ['b'] });
    expect(withoutTeam.staff).toEqual([{ id: 'b', name: 'Name b', alreadyShared: true }]);
  });

  it.each([
    ['an unlinked client', 'stranger', { staffIds: ['a'] }],
    ["a staff id that is not the supplier's", 'client', { staffIds: ['a', 'someone-elses'] }],
    ['a team the client did not share', 'client', { staffIds: ['a'], teamId: 'other-team' }],
  ])('answers 404 for %s', async (_label, clientOrg, input) => {
    const { useCases, jobs } = setup();
    await expect(useCases.shareSummary(supplierActor, clientOrg, input)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(useCases.requestShare(supplierActor, clientOrg, input)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(jobs).toEqual([]);
  });

  it('refuses a team shared under an earlier link', async () => {
    const { useCases } = setup([], [{ ...team, linkId: 'link-1' }]);
    await expect(
      useCases.shareSummary(supplierActor, 'client', { staffIds: ['a'], teamId: 't1' }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('accepting a staff share', () => {
  it('answers the notice and records the job with the message that carries it out, in one store call', async () => {
    const { useCases, jobs } = setup();
    const answer = await useCases.requestShare(supplierActor, 'client', {
      staffIds: ['a', 'b', 'a'],
      teamId: 't1',
    });
    expect(answer).toEqual({ id: 'id-0', message: staffShareNotice });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.job).toMatchObject({
      id: 'id-0',
      staffIds: ['a', 'b'],
      teamId: 't1',
      linkId: 'link-2',
      status: 'queued',
    });
    expect(jobs[0]!.outbox).toEqual([
      {
        queue: 'sharing',
        body: staffShareMessage.parse({
          v: 1,
          type: 'staff.share',
          jobId: 'id-0',
          supplierOrg: 'supplier',
          clientOrg: 'client',
          linkId: 'link-2',
          teamId: 't1',
          staffIds: ['a', 'b'],
          requestedBy: 'sup-user',
        }),
      },
    ]);
  });
});

describe('the share-staff worker', () => {
  const message: StaffShareMessage = {
    v: 1,
    type: 'staff.share',
    jobId: 'job-1',
    supplierOrg: 'supplier',
    clientOrg: 'client',
    linkId: 'link-2',
    teamId: 't1',
    staffIds: ['a', 'b', 'gone'],
    requestedBy: 'sup-user',
  };

  /** The worker over a store that answers each person's share as `outcomes` says. */
  function worker(
    outcome: (s: StaffShare) => StaffShareOutcome,
    currentLink: SupplierLink | undefined = link,
    recorded?: StaffShareJob,
  ) {
    const writes: StaffShare[] = [];
    const completed: unknown[] = [];
    let n = 0;
    const run = shareStaff({
      store: {
        shareJob: async (jobId) => (jobId === recorded?.id ? recorded : undefined),
        clientLink: async () => currentLink,
        sharedTeam: async (_s, _c, teamId) => (teamId === team.teamId ? team : undefined),
        shareStaffMember: async (s) => (writes.push(s), outcome(s)),
        completeShareJob: async (jobId, counts) => void completed.push({ jobId, ...counts }),
      },
      learners: { learnersById: async (_org, ids) => ids.filter((id) => id !== 'gone').map(person) },
      clock,
      ids: { next: () => `grant-${n++}` },
    });
    return { run, writes, completed };
  }

  it('shares each present person into the team and counts the job', async () => {
    const { run, writes, completed } = worker(() => 'shared');
    expect(await run(message)).toEqual({ shared: 2, alreadyShared: 0, skipped: 1 });
    expect(writes.map((w) => [w.staffId, w.teamIds, w.jobId, w.linkId])).toEqual([
      ['a', ['t1'], 'job-1', 'link-2'],
      ['b', ['t1'], 'job-1', 'link-2'],
    ]);
    expect(completed).toEqual([{ jobId: 'job-1', shared: 2, alreadyShared: 0, skipped: 1 }]);
  });

  it('counts a redelivered job the same as its first delivery', async () => {
    // The store answers 'shared' for grants this very job made, 'already' for other jobs' grants.
    const granted = new Map<string, string>([['b', 'job-0']]);
    const { run } = worker((s) => {
      const by = granted.get(s.staffId);
      if (by === undefined) granted.set(s.staffId, s.jobId);
      return by === undefined || by === s.jobId ? 'shared' : 'already';
    });
    const first = await run(message);
    const second = await run(message);
    expect(first).toEqual({ shared: 1, alreadyShared: 1, skipped: 1 });
    expect(second).toEqual(first);
  });

  it('carries out a job already done no more (a redelivery after a revocation shares nobody again)', async () => {
    // The job this very message started, recorded as done with its counts.
    const counted = { shared: 2, alreadyShared: 0, skipped: 1 };
    const { jobId: id, supplierOrg, clientOrg, linkId, staffIds, requestedBy } = message;
    const requestedAt = at.toISOString();
    const done: StaffShareJob = {
      id,
      supplierOrg,
      clientOrg,
      linkId,
      staffIds,
      requestedBy,
      requestedAt,
      ...counted,
      status: 'done',
    };
    const { run, writes, completed } = worker(() => 'shared', link, done);
    expect(await run(message)).toEqual(counted);
    expect(writes).toEqual([]);
    expect(completed).toEqual([]);
  });

  it('shares nobody once the link it was accepted under is gone', async () => {
    const { run, writes, completed } = worker(() => 'shared', { ...link, linkId: 'link-3' });
    expect(await run(message)).toEqual({ shared: 0, alreadyShared: 0, skipped: 3 });
    expect(writes).toEqual([]);
    expect(completed).toEqual([{ jobId: 'job-1', shared: 0, alreadyShared: 0, skipped: 3 }]);
  });
});
