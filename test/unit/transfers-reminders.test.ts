import { describe, expect, it } from 'vitest';
import type { OneTimeSchedules } from '../../events/schedules.ts';
import { invitationReminderEmail } from '../../domain/documents/emails/reminder-emails.ts';
import { documentLanguages } from '../../domain/documents/languages.ts';
import { DomainError } from '../../domain/errors.ts';
import {
  isExpired,
  nextReminderAllowedAt,
  reminderView,
  type Invitation,
} from '../../domain/invitations/model.ts';
import type { InvitationStore } from '../../domain/invitations/ports.ts';
import { invitationUseCases } from '../../domain/invitations/use-cases.ts';
import type { Transfer } from '../../domain/transfers/model.ts';
import type { TransferStore } from '../../domain/transfers/ports.ts';
import { transferUseCases } from '../../domain/transfers/use-cases.ts';

const now = new Date('2026-11-23T10:00:00.000Z');
const actor = { org: 'o', userId: 'u', email: 'pat@example.com', name: 'Pat' };

function transfersWith(balanceAvailable: number, clock = { at: now }) {
  const calls: string[] = [];
  const transfers = new Map<string, Transfer>();
  const tokens = new Map<string, string>();
  const emails: { subject: string; text: string; html: string }[] = [];
  const store = {
    async create(_actor, transfer, token, owed) {
      if (balanceAvailable < transfer.quantity) return 'insufficient-balance';
      balanceAvailable -= transfer.quantity;
      transfers.set(transfer.id, transfer);
      tokens.set(token, transfer.id);
      emails.push(...owed.outbox.map((m) => m.body as { subject: string; text: string; html: string }));
      return 'created';
    },
    transfer: async (_org, id) => transfers.get(id),
    byToken: async (token) => transfers.get(tokens.get(token) ?? ''),
    async accept(transfer) {
      calls.push(`accept ${transfer.id}`);
      transfers.set(transfer.id, { ...transfer, status: 'accepted', acceptedBy: 'r' });
      return 'accepted';
    },
    async close(transfer, to) {
      calls.push(`${to} ${transfer.id}`);
      transfers.set(transfer.id, { ...transfer, status: to });
      return 'closed';
    },
    balance: async () => ({
      introductory: { available: 0, inGroups: 0, inTransfers: 0, used: 0 },
      expert: { available: 0, inGroups: 0, inTransfers: 0, used: 0 },
    }),
  } as Partial<TransferStore> as TransferStore;
  const schedules: OneTimeSchedules = {
    create: async (name, at) => void calls.push(`schedule ${name} ${at}`),
    cancel: async (name) => void calls.push(`cancel ${name}`),
  };
  let n = 0;
  const useCases = transferUseCases({
    store,
    schedules,
    clock: { now: () => clock.at },
    ids: { next: () => `t${++n}` },
    random: (size) => new Uint8Array(size).fill(9),
    appUrl: 'https://app.test',
    support: 'help@test',
  });
  return { useCases, calls, transfers, emails };
}

const codeOf = async (work: Promise<unknown>) =>
  work.then(
    () => undefined,
    (error: unknown) => (error instanceof DomainError ? error.code : Promise.reject(error)),
  );

describe('transfer use cases', () => {
  it('schedule the expiry 30 days on before holding the uses, and email exactly the preview', async () => {
    const { useCases, calls, emails } = transfersWith(5);
    const body = {
      product: 'expert' as const,
      quantity: 2,
      email: 'Cleo@Clinic.example',
      message: 'For <you>',
    };
    const preview = await useCases.preview(actor, body);
    const sent = await useCases.send(actor, body);
    expect(sent).toMatchObject({ id: 't1', status: 'pending', email: 'cleo@clinic.example' });
    expect(sent.expiresAt).toBe('2026-12-23T10:00:00.000Z');
    expect(calls).toEqual(['schedule transfer-expiry-t1 2026-12-23T10:00:00.000Z']);
    expect(emails[0]!.subject).toBe(preview.subject);
    expect(emails[0]!.text.replace(/token=\S+/, '')).toBe(preview.text.replace(/token=\S+/, ''));
    expect(emails[0]!.text).toContain('https://app.test/transfers/accept?token=');
    expect(emails[0]!.html).toContain('For &lt;you&gt;');
  });

  it('remove the schedule of a transfer refused for lack of uses', async () => {
    const { useCases, calls } = transfersWith(1);
    expect(await codeOf(useCases.send(actor, { product: 'expert', quantity: 2, email: 'c@x.example' }))).toBe(
      'INSUFFICIENT_BALANCE',
    );
    expect(calls).toEqual([
      expect.stringMatching(/^schedule transfer-expiry-t1 /),
      'cancel transfer-expiry-t1',
    ]);
  });

  it('refuse a lookalike of the named email, and a transfer past its expiry even before its schedule fired', async () => {
    const early = transfersWith(3);
    await early.useCases.send(actor, { product: 'expert', quantity: 1, email: 'kate@clinic.example' });
    const token = /token=(\S+)/.exec(early.emails[0]!.text)![1]!;
    const kelvin = { org: 'r', userId: 'r', email: '\u212Aate@clinic.example' };
    expect(await codeOf(early.useCases.accept(kelvin, decodeURIComponent(token)))).toBe('EMAIL_MISMATCH');

    const clock = { at: now };
    const late = transfersWith(3, clock);
    const sent = await late.useCases.send(actor, {
      product: 'expert',
      quantity: 1,
      email: 'kate@clinic.example',
    });
    const lateToken = decodeURIComponent(/token=(\S+)/.exec(late.emails[0]!.text)![1]!);
    const kate = { org: 'r', userId: 'r', email: 'kate@clinic.example' };
    clock.at = new Date(Date.parse(sent.expiresAt));
    expect(await codeOf(late.useCases.accept(kate, lateToken))).toBe('TRANSFER_EXPIRED');
    expect(late.calls.filter((c) => c.startsWith('accept'))).toEqual([]);
    // The expiry itself ends it once; a second firing finds nothing to do.
    expect(await late.useCases.expire('o', sent.id)).toBe('expired');
    expect(await late.useCases.expire('o', sent.id)).toBe('nothing-to-do');
  });
});

describe('reminders', () => {
  it('are written in each of the six languages, each with the same accept link', () => {
    const subjects = documentLanguages.map((language) => {
      const email = invitationReminderEmail({
        inviterName: 'Pat',
        language,
        acceptUrl: 'https://app.test/invitations/accept?token=abc',
        expiresAt: '2026-12-07T10:00:00.000Z',
        support: 'help@test',
      });
      expect(email.text).toContain('https://app.test/invitations/accept?token=abc');
      expect(email.html).toContain('https://app.test/invitations/accept?token=abc');
      expect(email.text).toContain('2026-12-07');
      return email.subject;
    });
    expect(new Set(subjects).size).toBe(documentLanguages.length);
  });

  it('allow one email a day, and show scheduled reminders of a closed invitation as cancelled', () => {
    const sentAt = '2026-11-23T10:00:00.000Z';
    expect(nextReminderAllowedAt({ sentAt }, new Date('2026-11-24T09:59:59.000Z'))).toBe(
      '2026-11-24T10:00:00.000Z',
    );
    expect(nextReminderAllowedAt({ sentAt }, new Date('2026-11-24T10:00:00.000Z'))).toBeUndefined();
    const reminders = [
      { day: 3, at: '2026-11-26T10:00:00.000Z', status: 'sent' as const },
      { day: 7, at: '2026-11-30T10:00:00.000Z', status: 'scheduled' as const },
    ];
    expect(reminderView({ status: 'sent', reminders }).map((r) => r.status)).toEqual(['sent', 'scheduled']);
    for (const status of ['accepted', 'revoked', 'expired'] as const)
      expect(reminderView({ status, reminders }).map((r) => r.status)).toEqual(['sent', 'cancelled']);
    expect(
      isExpired(
        { status: 'sent', expiresAt: '2026-12-07T10:00:00.000Z' },
        new Date('2026-12-07T10:00:00.000Z'),
      ),
    ).toBe(true);
    expect(
      isExpired(
        { status: 'sent', expiresAt: '2026-12-07T10:00:00.000Z' },
        new Date('2026-12-07T09:00:00.000Z'),
      ),
    ).toBe(false);
  });

  it('cancel a scheduled reminder instead of sending it when another email went within 24 h of its time, and send it otherwise', async () => {
    const base: Invitation = {
      id: 'i1',
      org: 'o',
      email: 'ivy@example.com',
      product: 'expert',
      includeCareerGuide: false,
      groupIds: [],
      withhold: false,
      status: 'sent',
      sentAt: '2026-11-20T10:00:00.000Z',
      sentBy: 'u',
      reminders: [{ day: 3, at: '2026-11-23T10:00:00.000Z', status: 'scheduled' }],
    };
    const reminded: { skip?: boolean | undefined; emails: number }[] = [];
    const run = async (lastEmailedAt: string) => {
      const store = {
        invitation: async () => ({ ...base, lastEmailedAt }),
        acceptToken: async () => 'the-token',
        async remind(_i, reminder, _by, owed) {
          reminded.push({ skip: reminder.skip, emails: owed.outbox.length });
          return 'reminded';
        },
      } as Partial<InvitationStore> as InvitationStore;
      const noSchedules = { create: async () => undefined, cancel: async () => undefined };
      return invitationUseCases({
        store,
        schedules: noSchedules,
        oneTime: noSchedules,
        outbox: { post: async () => undefined },
        clock: { now: () => now },
        ids: { next: () => 'x' },
        random: (size) => new Uint8Array(size),
        appUrl: 'https://app.test',
        support: 'help@test',
      }).remindScheduled('o', 'i1', 3);
    };
    // A manual reminder 12 h before this one's time.
    expect(await run('2026-11-22T22:00:00.000Z')).toBe('skipped');
    // The last email two days before.
    expect(await run('2026-11-21T10:00:00.000Z')).toBe('reminded');
    expect(reminded).toEqual([
      { skip: true, emails: 0 },
      { skip: undefined, emails: 1 },
    ]);
  });
});
