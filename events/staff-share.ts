import * as z from 'zod/mini';
import { messageType } from './message.ts';

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
    jobId: z.string().check(z.minLength(1)),
    supplierOrg: z.string().check(z.minLength(1)),
    clientOrg: z.string().check(z.minLength(1)),
    /** The link the share was accepted under: if it changed since, nothing is shared. */
    linkId: z.string().check(z.minLength(1)),
    teamId: z.optional(z.string().check(z.minLength(1))),
    staffIds: z.array(z.string().check(z.minLength(1))).check(z.minLength(1), z.maxLength(maxStaffPerShare)),
    requestedBy: z.string().check(z.minLength(1)),
  },
});

export const staffShareMessage = staffShareMessages.schema;
/** THE producer of staff share jobs. */
export const queueStaffShare = staffShareMessages.produce;

export type StaffShareMessage = z.infer<typeof staffShareMessage>;
