import { normaliseEmail } from './email-address.ts';
import { ConflictError, ForbiddenError } from './errors.ts';
import type { Actor } from './kernel.ts';

/** The link an offer's email carries: the web app's page that accepts it, with its token. */
export const acceptLink = (appUrl: string, offers: 'invitations' | 'transfers', token: string): string =>
  `${appUrl}/${offers}/accept?token=${encodeURIComponent(token)}`;

/**
 * What an emailed offer (an invitation, a transfer) asks of whoever accepts it: the signed-in address
 * must be the one it was sent to (only A–Z change case, so a lookalike such as `\u212Aate@…`, with a
 * Kelvin sign, is not `kate@…`), and once accepted it is that person's alone. Answers whether that
 * same person accepted it before, so a replay answers as the first acceptance did and moves nothing
 * twice.
 */
export function acceptedBefore(
  offer: { email: string; status: string; acceptedBy?: string | undefined },
  user: Actor,
  what: 'invitation' | 'transfer',
): boolean {
  if (offer.email !== normaliseEmail(user.email))
    throw new ForbiddenError('EMAIL_MISMATCH', `Sign in with the email address the ${what} was sent to.`);
  if (offer.status !== 'accepted') return false;
  if (offer.acceptedBy !== user.userId)
    throw new ConflictError('ALREADY_ACCEPTED', `This ${what} was already accepted.`);
  return true;
}
