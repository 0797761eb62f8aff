import { describe, expect, it } from 'vitest';
import { bounceReason, emailChangeOf, emailRanks, emailView } from '../../domain/delivery/email-status.ts';
import {
  decodeTagValue,
  emailSubjectFromTags,
  emailTags,
  encodeTagValue,
  type EmailSubject,
} from '../../events/email-subject.ts';
import type { SesEventDetail } from '../../events/ses-events.ts';

const mail = {
  timestamp: '2026-12-01T10:00:00.000Z',
  messageId: 'm-1',
  destination: ['a@example.com'],
  tags: {},
};

describe('email subjects as SES tags', () => {
  it('round-trips every kind of subject through the tags SES publishes (each a list of values)', () => {
    const subjects: EmailSubject[] = [
      { kind: 'export-learner', org: 'org-1', job: '01JOB', learner: 'l.1' },
      { kind: 'export-requester', org: 'org-1', job: '01JOB' },
      { kind: 'profile-share', org: 'Org Ünïcode/1', share: 's#1' },
      { kind: 'invitation', org: 'org-1', invitation: 'inv-1' },
      { kind: 'release', org: 'org-1', invitation: 'inv-1' },
      { kind: 'transfer', org: 'org-1', transfer: 't-1' },
      { kind: 'group-reminder', org: 'org-1', group: 'g-1' },
      { kind: 'course', org: 'client-1', staff: 'staff-1', assignment: 'a-1' },
    ];
    for (const subject of subjects) {
      const tags = emailTags(subject);
      for (const value of Object.values(tags)) expect(value).toMatch(/^[A-Za-z0-9_.@-]+$/);
      const published = Object.fromEntries(Object.entries(tags).map(([name, value]) => [name, [value]]));
      expect(emailSubjectFromTags({ ...published, 'ses:configuration-set': ['local'] })).toEqual(subject);
    }
  });

  it('keeps ordinary ids readable and escapes everything else reversibly', () => {
    expect(encodeTagValue('01HXYZ-org_1@x')).toBe('01HXYZ-org_1@x');
    expect(encodeTagValue('a.b')).toBe('a.2Eb');
    expect(encodeTagValue('é')).toBe('.C3.A9');
    expect(decodeTagValue('.C3.A9')).toBe('é');
    expect(decodeTagValue('bad value')).toBeUndefined();
    expect(decodeTagValue('.FF')).toBeUndefined(); // not UTF-8
  });

  it('never cuts an id that would not fit an SES tag once escaped: the email goes out untracked', () => {
    const tags = emailTags({ kind: 'invitation', org: '株'.repeat(30), invitation: 'inv-1' });
    expect(tags).toEqual({ kind: 'invitation', tracking: 'off' });
    expect(emailSubjectFromTags(tags)).toBeUndefined();
    expect(emailTags({ kind: 'invitation', org: 'o', invitation: 'a'.repeat(200) }).invitation).toHaveLength(
      200,
    );
  });

  it('names nothing when the tags are not ours', () => {
    expect(emailSubjectFromTags({})).toBeUndefined();
    expect(emailSubjectFromTags({ kind: ['invoice'], org: ['o'] })).toBeUndefined();
    expect(emailSubjectFromTags({ kind: ['invitation'], org: ['o'] })).toBeUndefined();
  });
});

describe('what an SES event changes', () => {
  it('ranks statuses so they only move forward: sent, delayed, delivered, complained, bounced', () => {
    const order = [
      emailRanks.sent,
      emailRanks.delayed,
      emailRanks.delivered,
      emailRanks.complained,
      emailRanks.bounced,
    ];
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('records a delivery, a complaint, a bounce with its reason in words, a reject and a delay', () => {
    const delivery: SesEventDetail = {
      eventType: 'Delivery',
      mail,
      delivery: { timestamp: '2026-12-01T10:00:02.000Z', recipients: ['a@example.com'] },
    };
    expect(emailChangeOf(delivery)).toMatchObject({
      status: 'delivered',
      at: '2026-12-01T10:00:02.000Z',
      messageId: 'm-1',
    });

    const bounce: SesEventDetail = {
      eventType: 'Bounce',
      mail,
      bounce: {
        bounceType: 'Permanent',
        bounceSubType: 'General',
        timestamp: '2026-12-01T10:00:03.000Z',
        bouncedRecipients: [
          {
            emailAddress: 'a@example.com',
            status: '5.1.1',
            diagnosticCode: 'smtp; 550 5.1.1 <a@example.com>: Recipient address rejected',
          },
        ],
      },
    };
    const bounced = emailChangeOf(bounce);
    expect(bounced).toMatchObject({
      status: 'bounced',
      bounceType: 'permanent',
      reason: 'mailbox does not exist',
      smtpStatus: '5.1.1',
    });
    expect(JSON.stringify(bounced)).not.toContain('Recipient address rejected');

    const complaint: SesEventDetail = {
      eventType: 'Complaint',
      mail,
      complaint: {
        timestamp: '2026-12-01T10:05:00.000Z',
        complainedRecipients: [{ emailAddress: 'a@example.com' }],
      },
    };
    expect(emailChangeOf(complaint)).toMatchObject({ status: 'complained', rank: emailRanks.complained });

    expect(emailChangeOf({ eventType: 'Reject', mail, reject: { reason: 'Bad content' } })).toMatchObject({
      status: 'bounced',
      bounceType: 'rejected',
    });

    const delay = emailChangeOf({
      eventType: 'DeliveryDelay',
      mail,
      deliveryDelay: {
        timestamp: '2026-12-01T11:00:00.000Z',
        delayType: 'MailboxFull',
        delayedRecipients: [],
      },
    });
    expect(delay).toMatchObject({
      status: 'sent',
      rank: emailRanks.delayed,
      delayReason: 'mailbox full; still retrying',
    });
  });

  it('explains bounces by subtype first, then by SMTP status, never with the raw diagnostic', () => {
    expect(bounceReason('Permanent', 'NoEmail')).toBe('mailbox does not exist');
    expect(bounceReason('Permanent', 'OnAccountSuppressionList')).toMatch(/suppression list/);
    expect(bounceReason('Transient', 'MailboxFull')).toBe('mailbox full');
    expect(bounceReason('Permanent', 'General', '5.2.1')).toBe('mailbox disabled');
    expect(bounceReason('Permanent', 'General', '5.9.9')).toMatch(/refused the email permanently/);
    expect(bounceReason('Undetermined', 'Undetermined')).toMatch(/without saying why/);
  });

  it('shows a reader the status and its explanation, not SES internals', () => {
    expect(emailView(undefined)).toBeUndefined();
    expect(
      emailView({
        status: 'bounced',
        at: 't',
        messageId: 'internal',
        bounceType: 'permanent',
        reason: 'mailbox full',
      }),
    ).toEqual({ status: 'bounced', at: 't', bounceType: 'permanent', reason: 'mailbox full' });
  });
});
