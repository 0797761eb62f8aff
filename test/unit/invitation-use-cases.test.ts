import { describe, expect, it } from 'vitest';
import type { Invitation } from '../../domain/invitations/model.ts';
import type { Invitation as StoredInvitation, UserProfile } from '../../domain/invitations/model.ts';
import type { InvitationStore, Outbox, ReleaseSchedules } from '../../domain/invitations/ports.ts';
import type { OutgoingMessage } from '../../events/message.ts';
import { invitationUseCases } from '../../domain/invitations/use-cases.ts';

/**
 * The invitation use cases with fakes: what happens around failures of the schedule, and which
 * messages each write records in the outbox (`outbox <dedupeKey>` after the write that owes it).
 */
function setup(overrides: {
  schedules?: Partial<ReleaseSchedules>;
  create?: InvitationStore['create'];
  release?: InvitationStore['release'];
  profile?: UserProfile;
  /** What a read finds after a failed write (by default: nothing was recorded). */
  recorded?: Invitation;
}) {
  const calls: string[] = [];
  const messages: OutgoingMessage[] = [];
  const owing = (owed: { outbox: readonly OutgoingMessage[] }) => {
    messages.push(...owed.outbox);
    for (const message of owed.outbox)
      calls.push(`outbox ${(message.body as { dedupeKey: string }).dedupeKey}`);
  };
  const store = {
    create:
      overrides.create ??
      (async (
        _actor: unknown,
        invitation: Invitation,
        _t: string,
        _g: unknown,
        owed: { outbox: OutgoingMessage[] },
      ) => (calls.push(`create ${invitation.id}`), owing(owed), 'created' as const)),
    release:
      overrides.release ??
      (async (_org: string, id: string, _at: string, _by: string, owed: { outbox: OutgoingMessage[] }) => (
        calls.push(`release ${id}`),
        owing(owed),
        'released' as const
      )),
    revoke: async (_actor: unknown, id: string) => (calls.push(`revoke ${id}`), 'revoked' as const),
    invitation: async () => overrides.recorded,
    profileOfInvitation: async () => overrides.profile,
  } as unknown as InvitationStore;
  const outbox: Outbox = {
    post: async (posted) => {
      calls.push('post');
      owing({ outbox: posted });
    },
  };
  const schedules: ReleaseSchedules = {
    create: async (_org, id) => void calls.push(`schedule ${id}`),
    cancel: async (id) => void calls.push(`cancel ${id}`),
    ...overrides.schedules,
  };
  let n = 0;
  const useCases = invitationUseCases({
    store,
    schedules,
    oneTime: {
      create: async (name) => void calls.push(`schedule ${name}`),
      cancel: async (name) => void calls.push(`cancel ${name}`),
    },
    outbox,
    clock: { now: () => new Date('2026-11-23T10:00:00Z') },
    ids: { next: () => `id${++n}` },
    random: (size) => new Uint8Array(size).fill(7),
    appUrl: 'https://app.test',
    support: 'help@test',
  });
  return { useCases, calls, messages };
}

const actor = { org: 'o', userId: 'u', email: 'pat@example.com', name: 'Pat' };
const request = { email: 'Ivy@Example.com', product: 'expert' as const, withhold: true };

describe('sending a withheld invitation', () => {
  it('makes the release schedule first, then records the invitation with its email in one write', async () => {
    const { useCases, calls, messages } = setup({});
    const sent = await useCases.invite(actor, request);
    expect(calls).toEqual(['schedule id1', 'create id1', 'outbox invitation:id1']);
    expect(messages).toEqual([
      {
        queue: 'email',
        body: expect.objectContaining({
          v: 1,
          type: 'email.send',
          dedupeKey: 'invitation:id1',
          to: ['ivy@example.com'],
          attachments: [],
          tags: { kind: 'invitation', org: 'o', invitation: 'id1' },
        }),
      },
    ]);
    expect(sent).toMatchObject({
      email: 'ivy@example.com',
      withhold: true,
      releaseAt: '2026-12-23T10:00:00.000Z',
    });
  });

  it('records nothing and spends nothing when the schedule cannot be created', async () => {
    const { useCases, calls } = setup({
      schedules: {
        create: async () => {
          throw new Error('ServiceQuotaExceededException');
        },
      },
    });
    await expect(useCases.invite(actor, request)).rejects.toThrow('ServiceQuotaExceededException');
    expect(calls).toEqual([]);
  });

  it('cancels the schedule when the balance has no use left', async () => {
    const { useCases, calls } = setup({ create: async () => 'insufficient-balance' });
    await expect(useCases.invite(actor, request)).rejects.toMatchObject({ code: 'INSUFFICIENT_BALANCE' });
    expect(calls).toEqual(['schedule id1', 'cancel id1']);
  });

  it('cancels the schedule when recording the invitation fails outright', async () => {
    const { useCases, calls } = setup({
      create: async () => {
        throw new Error('ProvisionedThroughputExceededException');
      },
    });
    await expect(useCases.invite(actor, request)).rejects.toThrow('ProvisionedThroughputExceededException');
    expect(calls).toEqual(['schedule id1', 'cancel id1']);
  });

  it('keeps the schedule when the write failed only to answer: the invitation was recorded', async () => {
    const { useCases, calls } = setup({
      create: async () => {
        throw new Error('TimeoutError');
      },
      recorded: { id: 'id1' } as Invitation,
    });
    await expect(useCases.invite(actor, request)).rejects.toThrow('TimeoutError');
    expect(calls).toEqual(['schedule id1']);
  });

  it('reports the write’s own error even when cancelling the schedule fails too', async () => {
    const { useCases } = setup({
      create: async () => {
        throw new Error('ProvisionedThroughputExceededException');
      },
      schedules: {
        cancel: async () => {
          throw new Error('ThrottlingException');
        },
      },
    });
    await expect(useCases.invite(actor, request)).rejects.toThrow('ProvisionedThroughputExceededException');
  });

  it('refuses an email its message schema refuses before scheduling, spending or recording anything', async () => {
    const { useCases, calls } = setup({});
    await expect(useCases.invite(actor, { ...request, email: 'ivy at example.com' })).rejects.toThrow();
    expect(calls).toEqual([]);
  });
});

describe('releasing a withheld profile', () => {
  const withheld = {
    id: 'inv1',
    org: 'o',
    email: 'ivy@example.com',
    withhold: true,
    status: 'accepted',
  } as StoredInvitation;
  const profile = { id: 'p1', personName: 'Ivy' } as UserProfile;

  it('records the “ready” email in the release’s own write when the profile exists', async () => {
    const { useCases, calls, messages } = setup({ recorded: withheld, profile });
    expect(await useCases.release('o', 'inv1', 'scheduler')).toBe('released');
    expect(calls).toEqual(['release inv1', 'outbox ready:inv1']);
    expect(messages[0]).toMatchObject({
      queue: 'email',
      body: { to: ['ivy@example.com'], type: 'email.send' },
    });
  });

  it('owes no email while the invitee has no profile yet', async () => {
    const { useCases, calls } = setup({ recorded: withheld });
    await useCases.release('o', 'inv1', 'scheduler');
    expect(calls).toEqual(['release inv1']);
  });

  it('tells the invitee again through the outbox when the invitation was released before', async () => {
    const { useCases, calls } = setup({
      recorded: { ...withheld, releasedAt: '2026-11-20T10:00:00Z' },
      profile,
      release: async () => 'already',
    });
    expect(await useCases.release('o', 'inv1', 'practitioner')).toBe('already');
    expect(calls).toEqual(['post', 'outbox ready:inv1']);
  });
});
