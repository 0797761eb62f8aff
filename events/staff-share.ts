import * as z from 'zod/mini';
import { messageType, nonEmpty } from './message.ts';

/**
 * A message on the sharing queue: carry out one staff share job (seed 002), sharing each staff
 * member with the client (and adding them to the team, when one was picked). At most
 * {@link maxStaffPerShare} people, so one message is done well within its worker's timeout.
 */
export const maxStaffPerShare = 100;

export const staffShareMessages = messageType({
  queue: 'sharing',
  type: 'staff.share',
  v: 1,
  shape: {
    jobId: nonEmpty,
    supplierOrg: nonEmpty,
    clientOrg: nonEmpty,
    /** The link the share was accepted under: if it changed since, nothing is shared. */
    linkId: nonEmpty,
    teamId: z.optional(nonEmpty),
    staffIds: z.array(nonEmpty).check(z.minLength(1), z.maxLength(maxStaffPerShare)),
    requestedBy: nonEmpty,
  },
});

export const staffShareMessage = staffShareMessages.schema;
/** THE producer of staff share jobs. */
export const queueStaffShare = staffShareMessages.produce;

export type StaffShareMessage = z.infer<typeof staffShareMessage>;
