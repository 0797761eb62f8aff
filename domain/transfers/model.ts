import type { EmailDelivery } from '../delivery/email-status.ts';
import type { CountedProduct } from '../products.ts';

/**
 * A practitioner's gift of uses to one email address (seed 000, "Invites & Transfers"). It carries
 * uses only, never results: nothing about what the recipient does with them comes back.
 */
export interface Transfer {
  /** What became of its email (delivery tracking), once sent. */
  emailDelivery?: EmailDelivery | undefined;
  id: string;
  /** The sender's organisation. */
  org: string;
  product: CountedProduct;
  quantity: number;
  email: string;
  message?: string | undefined;
  status: 'pending' | 'accepted' | 'cancelled' | 'expired';
  createdAt: string;
  createdBy: string;
  createdByName?: string | undefined;
  expiresAt: string;
  acceptedAt?: string | undefined;
  acceptedBy?: string | undefined;
  /** The organisation the uses joined. */
  acceptedByOrg?: string | undefined;
  cancelledAt?: string | undefined;
  expiredAt?: string | undefined;
}

export const transferDays = 30;

export const transferExpiry = (createdAt: string): string =>
  new Date(Date.parse(createdAt) + transferDays * 24 * 60 * 60 * 1000).toISOString();

/** Past its expiry time, a pending transfer cannot be accepted even before its schedule fires. */
export const isPastExpiry = (transfer: Pick<Transfer, 'expiresAt'>, now: Date): boolean =>
  Date.parse(transfer.expiresAt) <= now.getTime();
