import * as z from 'zod';
import { timestamp } from './common.ts';

/**
 * Delivery tracking as a client reads it (api.md "Mail delivery events"): what became of an email,
 * moving only forward (`sent` → `delivered` → `complained`; `bounced` is final).
 */
const deliveryFields = {
  status: z.enum(['sent', 'delivered', 'bounced', 'complained']).meta({
    description: 'sent: SES accepted it; then delivered, bounced (final) or complained (after delivery)',
  }),
  at: timestamp.optional().meta({ description: 'When the email reached this status' }),
  bounceType: z.enum(['permanent', 'transient', 'undetermined', 'rejected']).optional().meta({
    description:
      'For a bounce: permanent (do not retry this address), transient (gave up after retries), rejected (refused before sending)',
  }),
  reason: z
    .string()
    .optional()
    .meta({ description: 'For a bounce, in words: e.g. "mailbox does not exist"' }),
  smtpStatus: z
    .string()
    .optional()
    .meta({ description: "The recipient server's enhanced status code, e.g. 5.1.1" }),
  delayedAt: timestamp
    .optional()
    .meta({ description: 'Set while delivery is late: when SES reported the delay' }),
  delayReason: z.string().optional().meta({ description: 'Why delivery is late, in words' }),
};

export const emailDeliveryAnswer = z.object(deliveryFields).meta({ id: 'EmailDelivery' });

/**
 * An invitation's email on `GET /v1/invitations/{id}` (api.md: `email: {status, at}`): the same,
 * with the address it went to and `queued` until SES has accepted it.
 */
export const invitationEmailAnswer = z
  .object({
    ...deliveryFields,
    status: z.enum(['queued', 'sent', 'delivered', 'bounced', 'complained']).meta({
      description: 'queued until SES accepts it; then as EmailDelivery',
    }),
    address: z.string().meta({ description: 'Where the invitation was sent' }),
  })
  .meta({ id: 'InvitationEmail' });
