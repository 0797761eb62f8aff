import { queueEmail } from '../../events/email.ts';

/** An invitation's email as its producer makes it: the message tests of producers and the outbox use. */
export const sampleEmail = () =>
  queueEmail({
    dedupeKey: 'invitation:1',
    to: ['ivy@example.com'],
    subject: 'Hi',
    html: '<p>Hi</p>',
    text: 'Hi',
  });
