import { emailTags } from '../../events/email-subject.ts';
import { emailView } from '../delivery/email-status.ts';
import { queueEmail } from '../../events/email.ts';
import { scheduleNames, transferExpiryMessages, type OneTimeSchedules } from '../../events/schedules.ts';
import { transferEmail } from '../documents/emails/transfer-email.ts';
import { acceptedBefore, acceptLink } from '../acceptance.ts';
import { normaliseEmail } from '../email-address.ts';
import { ConflictError, GoneError, NotFoundError } from '../errors.ts';
import { invitationToken } from '../invitations/use-cases.ts';
import type { Actor, Clock, IdGenerator, PageRequest, RandomBytes } from '../kernel.ts';
import type { Balance } from '../practice/model.ts';
import type { CountedProduct } from '../products.ts';
import { isPastExpiry, transferExpiry, type Transfer } from './model.ts';
import type { TransferStore } from './ports.ts';

export interface TransferDependencies {
  store: TransferStore;
  schedules: OneTimeSchedules;
  clock: Clock;
  ids: IdGenerator;
  random: RandomBytes;
  appUrl: string;
  support: string;
}

export interface TransferRequest {
  product: CountedProduct;
  quantity: number;
  email: string;
  message?: string | undefined;
}

/** What either side sees of a transfer: uses, never results, and nobody's internal ids. */
export const transferView = (transfer: Transfer) => ({
  id: transfer.id,
  status: transfer.status,
  product: transfer.product,
  quantity: transfer.quantity,
  email: transfer.email,
  ...(transfer.message !== undefined ? { message: transfer.message } : {}),
  ...(transfer.createdByName !== undefined ? { senderName: transfer.createdByName } : {}),
  createdAt: transfer.createdAt,
  expiresAt: transfer.expiresAt,
  ...(transfer.acceptedAt ? { acceptedAt: transfer.acceptedAt } : {}),
  ...(transfer.cancelledAt ? { cancelledAt: transfer.cancelledAt } : {}),
  ...(transfer.expiredAt ? { expiredAt: transfer.expiredAt } : {}),
});

/**
 * What the sender sees: the transfer and what became of its email (delivery tracking). `email` is
 * the address here, so the status has a name of its own. The recipient never sees it.
 */
export const sentTransferView = (transfer: Transfer) => ({
  ...transferView(transfer),
  ...(transfer.emailDelivery ? { emailDelivery: emailView(transfer.emailDelivery) } : {}),
});

/**
 * Transfers of uses between practitioners: giving (held in `inTransfers` until it ends), the
 * preview, the lists, cancelling, accepting, and the expiry its schedule fires after 30 days. Every
 * ending is one conditional transaction on the transfer's `pending` status, so of an acceptance, a
 * cancel and an expiry racing each other exactly one wins and the uses move once.
 */
export function transferUseCases(deps: TransferDependencies) {
  const { store, schedules, clock, ids, random, appUrl, support } = deps;
  const now = () => clock.now().toISOString();

  const emailOf = (actor: Actor, input: TransferRequest, token: string, expiresAt: string) =>
    transferEmail({
      senderName: actor.name ?? actor.email,
      product: input.product,
      quantity: input.quantity,
      message: input.message,
      acceptUrl: acceptLink(appUrl, 'transfers', token),
      recipientEmail: normaliseEmail(input.email),
      expiresOn: expiresAt.slice(0, 10),
      support,
    });

  const existing = async (org: string, transferId: string) => {
    const transfer = await store.transfer(org, transferId);
    if (!transfer) throw new NotFoundError('Transfer');
    return transfer;
  };

  const gone = (transfer: Transfer) =>
    transfer.status === 'cancelled'
      ? new GoneError('TRANSFER_CANCELLED', 'This transfer was cancelled by its sender.')
      : new GoneError('TRANSFER_EXPIRED', 'This transfer has expired; its uses went back to its sender.');

  return {
    /** Exactly the email `send` would send (the token aside); holds and sends nothing. */
    preview: async (actor: Actor, input: TransferRequest) =>
      emailOf(actor, input, 'PREVIEW', transferExpiry(now())),

    async send(actor: Actor, input: TransferRequest) {
      const createdAt = now();
      const id = ids.next();
      const token = invitationToken(random);
      const transfer: Transfer = {
        id,
        org: actor.org,
        product: input.product,
        quantity: input.quantity,
        email: normaliseEmail(input.email),
        message: input.message,
        status: 'pending',
        createdAt,
        createdBy: actor.userId,
        createdByName: actor.name,
        expiresAt: transferExpiry(createdAt),
      };
      const email = queueEmail({
        dedupeKey: `transfer:${id}`,
        to: [transfer.email],
        ...emailOf(actor, input, token, transfer.expiresAt),
        tags: emailTags({ kind: 'transfer', org: actor.org, transfer: id }),
      });
      const expiry = scheduleNames.transferExpiry(id);
      // The schedule first: if it cannot be made, nothing is held yet. One that outlives a refused
      // transfer would find no pending transfer and do nothing, but it is removed all the same.
      await schedules.create(
        expiry,
        transfer.expiresAt,
        transferExpiryMessages.produce({ org: actor.org, transferId: id }),
      );
      let outcome: Awaited<ReturnType<TransferStore['create']>>;
      try {
        outcome = await store.create(actor, transfer, token, { outbox: [email] });
      } catch (error) {
        if (!(await store.transfer(actor.org, id).catch(() => undefined)))
          await schedules.cancel(expiry).catch(() => undefined);
        throw error;
      }
      if (outcome === 'insufficient-balance') {
        await schedules.cancel(expiry);
        throw new ConflictError(
          'INSUFFICIENT_BALANCE',
          `Your balance has fewer than ${input.quantity} ${input.product} uses available.`,
        );
      }
      return transferView(transfer);
    },

    async list(org: string, direction: 'sent' | 'received', page: PageRequest) {
      const found = direction === 'sent' ? await store.sent(org, page) : await store.received(org, page);
      return {
        items: found.items.map(direction === 'sent' ? sentTransferView : transferView),
        next: found.next,
      };
    },

    /** While pending: the held uses return to `available`. Cancelled again: nothing more happens. */
    async cancel(actor: Actor, transferId: string): Promise<void> {
      const transfer = await existing(actor.org, transferId);
      if (transfer.status === 'accepted')
        throw new ConflictError('ALREADY_ACCEPTED', 'An accepted transfer cannot be cancelled.');
      if (transfer.status === 'expired') throw gone(transfer);
      if (transfer.status === 'pending') {
        const outcome = await store.close(transfer, 'cancelled', actor, now());
        // Lost a race with an acceptance or the expiry: answer as the state now says.
        if (outcome === 'not-pending') return this.cancel(actor, transferId);
      }
      await schedules.cancel(scheduleNames.transferExpiry(transferId));
    },

    /**
     * By a signed-in practitioner whose email is the one named (only A–Z change case, so a
     * lookalike is not the address). Accepted before by the same person: the same answer, nothing
     * moved twice.
     */
    async accept(
      user: Actor,
      token: string,
    ): Promise<{ transfer: ReturnType<typeof transferView>; balance: Balance; firstTime: boolean }> {
      const transfer = await store.byToken(token);
      if (!transfer) throw new NotFoundError('Transfer');
      if (acceptedBefore(transfer, user, 'transfer'))
        return { transfer: transferView(transfer), balance: await store.balance(user.org), firstTime: false };
      if (transfer.status !== 'pending' || isPastExpiry(transfer, clock.now())) {
        throw gone(transfer.status === 'pending' ? { ...transfer, status: 'expired' } : transfer);
      }
      const at = now();
      if ((await store.accept(transfer, user, at)) === 'not-open') return this.accept(user, token);
      await schedules.cancel(scheduleNames.transferExpiry(transfer.id)).catch(() => undefined);
      return {
        transfer: transferView({ ...transfer, status: 'accepted', acceptedAt: at }),
        balance: await store.balance(user.org),
        firstTime: true,
      };
    },

    /** Fired by the expiry schedule; a transfer no longer pending (accepted, cancelled) is left alone. */
    async expire(org: string, transferId: string) {
      const transfer = await store.transfer(org, transferId);
      if (!transfer || transfer.status !== 'pending') return 'nothing-to-do' as const;
      const outcome = await store.close(transfer, 'expired', { org, userId: 'scheduler' }, now());
      return outcome === 'closed' ? ('expired' as const) : ('nothing-to-do' as const);
    },
  };
}

export type TransferUseCases = ReturnType<typeof transferUseCases>;
