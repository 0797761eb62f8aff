import type { OutgoingMail } from '../../../domain/invitations/ports.ts';
import { jobQueue } from './job-queue.ts';

/** Emails go out through the email queue; its worker sends each dedupe key once. */
export const queuedMail: OutgoingMail = {
  send: (dedupeKey, to, email) =>
    jobQueue.email({ v: 1, type: 'email.send', dedupeKey, to: [to], ...email, attachments: [], tags: {} }),
};
