import { describe, expect, it } from 'vitest';
import { queueEmail } from '../../events/email.ts';
import { queueProfileShare } from '../../events/profile-share.ts';
import { defineQueue, QueueDefinitionError, queues } from '../../events/queues.ts';
import { releaseInvitation } from '../../events/release.ts';
import { sampleEmail } from '../support/messages.ts';

/**
 * Typed messages (events/): one producer per message type writes the envelope and checks the whole
 * message against its schema; a queue's worker timeout and visibility timeout are checked where the
 * queue is defined.
 */
const email = sampleEmail;

describe('message producers', () => {
  it('write the envelope and the schema defaults themselves', () => {
    expect(email()).toEqual({
      queue: 'email',
      body: {
        v: 1,
        type: 'email.send',
        dedupeKey: 'invitation:1',
        to: ['ivy@example.com'],
        subject: 'Hi',
        html: '<p>Hi</p>',
        text: 'Hi',
        attachments: [],
        tags: {},
      },
    });
    expect(releaseInvitation({ org: 'o', invitationId: 'i' })).toEqual({
      queue: 'release',
      body: { v: 1, type: 'invitation.release', org: 'o', invitationId: 'i' },
    });
  });

  it('refuse a message their schema refuses, before anything records or sends it', () => {
    expect(() =>
      queueEmail({ dedupeKey: 'x', to: ['not an address'], subject: 'Hi', html: '', text: '' }),
    ).toThrow();
    expect(() =>
      queueProfileShare({
        shareId: 's',
        org: 'o',
        learnerId: 'l',
        profileId: 'p',
        delivery: 'fax' as never,
        language: 'en',
        requestedBy: 'u',
      }),
    ).toThrow();
  });
});

describe('queue definitions', () => {
  it('refuse a visibility timeout under 6 × the worker timeout where the queue is defined', () => {
    expect(() => defineQueue({ ...queues.email, workerTimeoutSeconds: 31 })).toThrow(QueueDefinitionError);
    expect(defineQueue({ ...queues.email, workerTimeoutSeconds: 30 })).toMatchObject({ id: 'email' });
  });

  it('refuse fewer than 5 receives and a DLQ that forgets before its queue does', () => {
    expect(() => defineQueue({ ...queues.email, maxReceiveCount: 4 })).toThrow(QueueDefinitionError);
    expect(() => defineQueue({ ...queues.email, dlqRetentionDays: 4 })).toThrow(QueueDefinitionError);
  });
});
