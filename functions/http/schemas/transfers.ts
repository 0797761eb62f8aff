import * as z from 'zod';
import { emailDeliveryAnswer } from './email-delivery.ts';
import { freeText, listQuery, timestamp } from './common.ts';
import { balanceAnswer, product, quantity } from './practice.ts';

/** Request and response schemas of transfers of uses (api.md "reminders, expiry and transfers"). */
export const transferBody = z.object({
  product,
  quantity,
  email: z.email().max(254),
  /** Plain text, shown escaped; several lines allowed (see freeText). */
  message: freeText({ max: 2000, trim: false, multiline: true }).optional(),
});
export const transferParams = z.object({ transferId: z.string().min(1).max(64) });
export const transferListQuery = listQuery.extend({
  direction: z.enum(['sent', 'received']).default('sent'),
});
export const transferAcceptBody = z.object({ token: z.string().min(20).max(200) });

export const transferAnswer = z
  .object({
    id: z.string(),
    status: z.enum(['pending', 'accepted', 'cancelled', 'expired']),
    product,
    quantity: z.number().int(),
    email: z.string().meta({ description: 'Whom the uses are for' }),
    emailDelivery: emailDeliveryAnswer
      .optional()
      .meta({ description: 'What became of the email offering them, once sent' }),
    message: z.string().optional().meta({ description: 'The personal message sent with it' }),
    senderName: z.string().optional(),
    createdAt: timestamp,
    expiresAt: timestamp.meta({ description: 'Unless accepted by then, the uses go back to the sender' }),
    acceptedAt: timestamp.optional(),
    cancelledAt: timestamp.optional(),
    expiredAt: timestamp.optional(),
  })
  .meta({ id: 'Transfer', description: 'Uses given to one email address; never any results' });
export const transferAcceptAnswer = z
  .object({ transfer: transferAnswer, balance: balanceAnswer })
  .meta({ id: 'TransferAccepted' });
