import type { Actor, Page, PageRequest } from '../kernel.ts';
import type { Balance } from '../practice/model.ts';
import type { OutgoingMessage } from '../../events/message.ts';
import type { Transfer } from './model.ts';

export interface TransferStore {
  /**
   * Holds the uses (available → inTransfers) and records the transfer, its token's hash, its audit
   * entry and its email (outbox) in one transaction: refused while the balance has fewer available.
   */
  create(
    actor: Actor,
    transfer: Transfer,
    token: string,
    owed: { outbox: readonly OutgoingMessage[] },
  ): Promise<'created' | 'insufficient-balance'>;
  transfer(org: string, transferId: string): Promise<Transfer | undefined>;
  byToken(token: string): Promise<Transfer | undefined>;
  sent(org: string, page: PageRequest): Promise<Page<Transfer>>;
  /** Transfers accepted into this organisation. */
  received(org: string, page: PageRequest): Promise<Page<Transfer>>;
  /**
   * Moves the held uses out of the sender's balance and into the recipient organisation's
   * `available` (its first balance item if it has none) in one transaction, only while the transfer
   * is pending and before `expiresAt`; both organisations' trails record it.
   */
  accept(transfer: Transfer, recipient: Actor, at: string): Promise<'accepted' | 'not-open'>;
  /** pending → cancelled (by the sender) or expired (by its schedule), the held uses back to `available`. */
  close(
    transfer: Transfer,
    to: 'cancelled' | 'expired',
    by: { org: string; userId: string; email?: string | undefined },
    at: string,
  ): Promise<'closed' | 'not-pending'>;
  balance(org: string): Promise<Balance>;
}
