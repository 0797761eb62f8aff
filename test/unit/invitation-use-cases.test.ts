import { describe, expect, it } from 'vitest';
import type { Invitation } from '../../domain/invitations/model.ts';
import type { InvitationStore, OutgoingMail, ReleaseSchedules } from '../../domain/invitations/ports.ts';
import { invitationUseCases } from '../../domain/invitations/use-cases.ts';

/** The invitation use cases with fakes: what happens around failures of the schedule and the mail. */
function setup(overrides: {
  schedules?: Partial<ReleaseSchedules>;
  mail?: Partial<OutgoingMail>;
  create?: InvitationStore['create'];
  /** What a read finds after a failed write (by default: nothing was recorded). */
  recorded?: Invitation;
}) {
  const calls: string[] = [];
  const store = {
    create:
      overrides.create ??
      (async (_actor: unknown, invitation: Invitation) => (
        calls.push(`create ${invitation.id}`),
        'created' as const
      )),
    revoke: async (_actor: unknown, id: string) => (calls.push(`revoke ${id}`), 'revoked' as const),
    invitation: async () => overrides.recorded,
  } as unknown as InvitationStore;
  const schedules: ReleaseSchedules = {
    create: async (_org, id) => void calls.push(`schedule ${id}`),
    cancel: async (id) => void calls.push(`cancel ${id}`),
    ...overrides.schedules,
  };
  const mail: OutgoingMail = { send: async (key) => void calls.push(`mail ${key}`), ...overrides.mail };
  let n = 0;
  const useCases = invitationUseCases({
    store,
    schedules,
    mail,
    clock: { now: () => new Date('2026-11-23T10:00:00Z') },
    ids: { next: () => `id${++n}` },
    random: (size) => new Uint8Array(size).fill(7),
    appUrl: 'https://app.test',
    support: 'help@test',
  });
  return { useCases, calls };
}

const actor = { org: 'o', userId: 'u', email: 'pat@example.com', name: 'Pat' };
const request = { email: 'Ivy@Example.com', product: 'expert' as const, withhold: true };

describe('sending a withheld invitation', () => {
  it('makes the release schedule first, then records the invitation, then queues its email', async () => {
    const { useCases, calls } = setup({});
    const sent = await useCases.invite(actor, request);
    expect(calls).toEqual(['schedule id1', 'create id1', 'mail invitation:id1']);
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

  it('withdraws the invitation, refunding the use, when its email cannot be queued', async () => {
    const { useCases, calls } = setup({
      mail: {
        send: async () => {
          throw new Error('SQS unavailable');
        },
      },
    });
    await expect(useCases.invite(actor, request)).rejects.toThrow('SQS unavailable');
    expect(calls).toEqual(['schedule id1', 'create id1', 'revoke id1', 'cancel id1']);
  });
});
