import { GetScheduleCommand, ResourceNotFoundException, SchedulerClient } from '@aws-sdk/client-scheduler';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { releaseScheduleName } from '../../events/release.ts';
import { envNames } from '../../functions/shared/env-names.ts';
import { api, eventually, mailbox, stack } from '../support/api.ts';
import { acceptToken, emailTo } from '../support/mail.ts';
import { person as invitee, practitioner } from '../support/people.ts';
import { expectError } from '../support/contract.ts';

const scheduler = new SchedulerClient({});
const sqs = new SQSClient({});
const results = {
  scores: [
    { key: 'drive', label: 'Drive', value: 80 },
    { key: 'care', label: 'Care', value: 35 },
  ],
  summary: 'Decisive.',
};
const day = 24 * 60 * 60 * 1000;
const group = () => stack().env[envNames.schedulerGroup]!;

const scheduleExists = async (invitationId: string) =>
  scheduler
    .send(new GetScheduleCommand({ Name: releaseScheduleName(invitationId), GroupName: group() }))
    .then(
      () => true,
      (error: unknown) => {
        if (error instanceof ResourceNotFoundException) return false;
        throw error;
      },
    );

const balanceOf = async (token: string) => (await api('GET', '/v1/balance', { token })).body.products.expert;

/** The practitioner invites `email` to complete an Expert Profile, with any further fields of the request. */
const inviteToExpert = (pat: { token: string }, email: string, more: Record<string, unknown> = {}) =>
  api('POST', '/v1/invitations', { token: pat.token, body: { email, product: 'expert', ...more } });

async function invitedAndCompleted(pat: { token: string }, options: { withhold: boolean }) {
  const person = await invitee();
  const sent = await inviteToExpert(pat, person.email, { withhold: options.withhold });
  expect(sent.status).toBe(201);
  const mail = await emailTo(person.email);
  const accepted = await api('POST', '/v1/invitations/accept', {
    token: person.token,
    body: { token: acceptToken(mail) },
  });
  expect(accepted.status).toBe(201);
  const profile = await api('POST', `/v1/me/assignments/${accepted.body.assignment.id}/completion`, {
    token: person.token,
    body: { results },
  });
  expect(profile.status).toBe(201);
  return {
    person,
    invitationId: sent.body.id as string,
    assignmentId: accepted.body.assignment.id as string,
    profileId: profile.body.id as string,
    sent: sent.body,
  };
}

describe('inviting one person', () => {
  it('spends one use, emails an accept link, and only the invited email may accept it', async () => {
    const pat = await practitioner({ expert: 2 });
    const person = await invitee();
    const sent = await inviteToExpert(pat, person.email, { includeCareerGuide: true });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({
      status: 'sent',
      email: person.email,
      product: 'expert',
      withhold: false,
    });
    expect(await balanceOf(pat.token)).toEqual({ available: 1, inGroups: 0, inTransfers: 0, used: 1 });

    const mail = await emailTo(person.email);
    expect(mail.subject).toBe(
      'Pat Practitioner invited you to complete your Expert Profile with the Career Guide',
    );
    const token = acceptToken(mail);
    const stranger = await invitee();
    const refused = await api('POST', '/v1/invitations/accept', { token: stranger.token, body: { token } });
    expectError(refused, 403, 'EMAIL_MISMATCH');

    const accepted = await api('POST', '/v1/invitations/accept', { token: person.token, body: { token } });
    expect(accepted.status).toBe(201);
    expect(accepted.body.assignment).toMatchObject({
      product: 'expert',
      includeCareerGuide: true,
      status: 'pending',
      invitationId: sent.body.id,
    });
    const again = await api('POST', '/v1/invitations/accept', { token: person.token, body: { token } });
    expect(again.status).toBe(200);
    expect(again.body.assignment).toEqual(accepted.body.assignment);
    expect((await api('GET', '/v1/me/assignments', { token: person.token })).body.items).toEqual([
      accepted.body.assignment,
    ]);
    expect(await balanceOf(pat.token)).toEqual({ available: 1, inGroups: 0, inTransfers: 0, used: 1 });
  });

  it('lets the practitioner see the results at once, and the invitee download them when not withheld', async () => {
    const pat = await practitioner({ expert: 5 });
    const { person, invitationId, profileId } = await invitedAndCompleted(pat, { withhold: false });
    const invitation = await api('GET', `/v1/invitations/${invitationId}`, { token: pat.token });
    expect(invitation.body).toMatchObject({
      status: 'accepted',
      profileId,
      profile: { id: profileId, results },
    });
    expect((await api('GET', '/v1/me/profiles', { token: person.token })).body.items).toEqual([
      expect.objectContaining({ id: profileId, product: 'expert', withheld: false }),
    ]);
    const download = await api('GET', `/v1/me/profiles/${profileId}/download`, { token: person.token });
    expect(download.status).toBe(200);
    expect((await fetch(download.body.url)).status).toBe(200);
  });

  it('refuses an invitation without a use left with 409 INSUFFICIENT_BALANCE and leaves no schedule behind', async () => {
    const pat = await practitioner({ expert: 1 });
    await inviteToExpert(pat, (await invitee()).email);
    const refused = await inviteToExpert(pat, (await invitee()).email, { withhold: true });
    expectError(refused, 409, 'INSUFFICIENT_BALANCE');
    const listed = await api('GET', '/v1/invitations', { token: pat.token });
    expect(listed.body.items).toHaveLength(1);
    for (const invitation of listed.body.items) expect(await scheduleExists(invitation.id)).toBe(false);
  });

  it('refunds the use on revocation, refuses to revoke an accepted invitation, and a revoked one cannot be accepted', async () => {
    const pat = await practitioner({ expert: 2 });
    const person = await invitee();
    const sent = await inviteToExpert(pat, person.email, { withhold: true });
    expect(await scheduleExists(sent.body.id)).toBe(true);
    expect((await api('DELETE', `/v1/invitations/${sent.body.id}`, { token: pat.token })).status).toBe(204);
    expect(await scheduleExists(sent.body.id)).toBe(false);
    expect(await balanceOf(pat.token)).toEqual({ available: 2, inGroups: 0, inTransfers: 0, used: 0 });
    const late = await api('POST', '/v1/invitations/accept', {
      token: person.token,
      body: { token: acceptToken(await emailTo(person.email)) },
    });
    expectError(late, 410, 'INVITATION_REVOKED');

    const { invitationId } = await invitedAndCompleted(pat, { withhold: false });
    const refused = await api('DELETE', `/v1/invitations/${invitationId}`, { token: pat.token });
    expectError(refused, 409, 'ALREADY_ACCEPTED');
    expect(await balanceOf(pat.token)).toEqual({ available: 1, inGroups: 0, inTransfers: 0, used: 1 });
  });

  it('adds the invitee to existing and new groups on acceptance', async () => {
    const pat = await practitioner({ expert: 5 });
    const existing = await api('POST', '/v1/groups', { token: pat.token, body: { name: 'Leaders' } });
    const person = await invitee();
    const sent = await inviteToExpert(pat, person.email, {
      groupIds: [existing.body.id],
      newGroupName: 'Spring intake',
    });
    expect(sent.body.groupIds).toHaveLength(2);
    await api('POST', '/v1/invitations/accept', {
      token: person.token,
      body: { token: acceptToken(await emailTo(person.email)) },
    });
    for (const groupId of sent.body.groupIds) {
      const members = await api('GET', `/v1/groups/${groupId}/members`, { token: pat.token });
      expect(members.body.items).toEqual([
        expect.objectContaining({ email: person.email, via: 'invitation' }),
      ]);
    }
    const unknown = await inviteToExpert(pat, person.email, { groupIds: ['nope'] });
    expect(unknown.status).toBe(404);
  });
});

describe('the personal message', () => {
  it('is escaped in the HTML of both the preview and the sent email, which say the same', async () => {
    const pat = await practitioner({ expert: 5 });
    const person = await invitee();
    const body = {
      email: person.email,
      product: 'expert',
      message: '<script>alert("hi")</script>\nSee you & good luck',
    };
    const preview = await api('POST', '/v1/invitations/preview', { token: pat.token, body });
    expect(preview.status).toBe(200);
    expect(await balanceOf(pat.token)).toEqual({ available: 5, inGroups: 0, inTransfers: 0, used: 0 });
    expect((await api('GET', '/v1/invitations', { token: pat.token })).body.items).toEqual([]);

    await api('POST', '/v1/invitations', { token: pat.token, body });
    const sent = await emailTo(person.email);
    for (const html of [preview.body.html as string, sent.body.html!]) {
      expect(html).not.toContain('<script>');
      expect(html).toContain('&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt;');
    }
    expect(sent.subject).toBe(preview.body.subject);
    const withoutToken = (text: string) => text.replace(/token=\S+/, 'token=…').trim();
    expect(withoutToken(sent.body.text!)).toBe(withoutToken(preview.body.text));
  });

  it('is at most 2,000 characters', async () => {
    const pat = await practitioner({ expert: 5 });
    const answer = await api('POST', '/v1/invitations/preview', {
      token: pat.token,
      body: { email: 'a@b.co', product: 'expert', message: 'x'.repeat(2001) },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.details[0].path).toBe('message');
  });
});

describe('withheld profiles', () => {
  it('stay hidden until day 30: run-due at day 29 fires nothing, at day 31 releases them and emails the invitee', async () => {
    const pat = await practitioner({ expert: 5 });
    const { person, invitationId, profileId, sent } = await invitedAndCompleted(pat, { withhold: true });
    expect(Date.parse(sent.releaseAt) - Date.parse(sent.sentAt)).toBe(30 * day);

    const mine = await api('GET', '/v1/me/profiles', { token: person.token });
    expect(mine.body.items[0]).toMatchObject({ id: profileId, withheld: true, releaseAt: sent.releaseAt });
    const hidden = await api('GET', `/v1/me/profiles/${profileId}/download`, { token: person.token });
    expectError(hidden, 403, 'PROFILE_WITHHELD');
    // The practitioner sees the results at once.
    expect(
      (await api('GET', `/v1/invitations/${invitationId}`, { token: pat.token })).body.profile.results,
    ).toEqual(results);

    const sentAt = Date.parse(sent.sentAt);
    // Only this invitation's release: other test files' schedules share the stack.
    const names = [releaseScheduleName(invitationId)];
    const day29 = await api('POST', '/_local/scheduler/run-due', {
      body: { asOf: new Date(sentAt + 29 * day).toISOString(), groupName: group(), names },
    });
    expect(day29.body).toEqual({ fired: 0 });
    expect(await scheduleExists(invitationId)).toBe(true);
    expect((await api('GET', `/v1/me/profiles/${profileId}/download`, { token: person.token })).status).toBe(
      403,
    );

    const day31 = await api('POST', '/_local/scheduler/run-due', {
      body: { asOf: new Date(sentAt + 31 * day).toISOString(), groupName: group(), names },
    });
    expect(day31.body).toEqual({ fired: 1 });
    expect(await scheduleExists(invitationId)).toBe(false);
    const ready = await emailTo(person.email, 'Your profile results are ready');
    expect(ready.body.text).toContain('Ivy Invitee');
    await eventually(async () =>
      (await api('GET', `/v1/me/profiles/${profileId}/download`, { token: person.token })).status === 200
        ? true
        : undefined,
    );
    expect((await api('GET', '/v1/me/profiles', { token: person.token })).body.items[0].withheld).toBe(false);
  }, 60_000);

  it('releases once and emails once when the release message arrives twice', async () => {
    const pat = await practitioner({ expert: 5 });
    const { person, invitationId, profileId } = await invitedAndCompleted(pat, { withhold: true });
    const message = JSON.stringify({ v: 1, type: 'invitation.release', org: pat.org, invitationId });
    const queueUrl = stack().env[envNames.queueUrl('release')]!;
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: message }));
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: message }));
    await emailTo(person.email, 'Your profile results are ready');
    await new Promise((r) => setTimeout(r, 3000));
    const readyEmails = (await mailbox()).filter(
      (m) => m.destination.to.includes(person.email) && m.subject === 'Your profile results are ready',
    );
    expect(readyEmails).toHaveLength(1);
    const audit = await api('GET', '/v1/audit?limit=100', { token: pat.token });
    expect(
      audit.body.items.filter((e: { action: string }) => e.action === 'invitation.release'),
    ).toHaveLength(1);
    expect((await api('GET', `/v1/me/profiles/${profileId}/download`, { token: person.token })).status).toBe(
      200,
    );
  }, 60_000);

  it('can be released early: the schedule is cancelled, and a late firing does nothing twice', async () => {
    const pat = await practitioner({ expert: 5 });
    const { person, invitationId, profileId } = await invitedAndCompleted(pat, { withhold: true });
    const released = await api('POST', `/v1/invitations/${invitationId}/release`, { token: pat.token });
    expect(released.status).toBe(200);
    expect(released.body.releasedAt).toEqual(expect.any(String));
    expect(await scheduleExists(invitationId)).toBe(false);
    expect((await api('GET', `/v1/me/profiles/${profileId}/download`, { token: person.token })).status).toBe(
      200,
    );
    // A schedule that fired anyway (racing the cancel) finds nothing left to do.
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: stack().env[envNames.queueUrl('release')]!,
        MessageBody: JSON.stringify({ v: 1, type: 'invitation.release', org: pat.org, invitationId }),
      }),
    );
    await emailTo(person.email, 'Your profile results are ready');
    await new Promise((r) => setTimeout(r, 3000));
    expect(
      (await mailbox()).filter(
        (m) => m.destination.to.includes(person.email) && m.subject === 'Your profile results are ready',
      ),
    ).toHaveLength(1);
  }, 60_000);
});

describe('the audit trail of invitations', () => {
  it('records sending, acceptance and revocation', async () => {
    const pat = await practitioner({ expert: 5 });
    await invitedAndCompleted(pat, { withhold: false });
    const revoked = await inviteToExpert(pat, (await invitee()).email);
    await api('DELETE', `/v1/invitations/${revoked.body.id}`, { token: pat.token });
    const actions = (await api('GET', '/v1/audit?limit=100', { token: pat.token })).body.items.map(
      (e: { action: string }) => e.action,
    );
    for (const action of ['invitation.send', 'invitation.accept', 'profile.complete', 'invitation.revoke'])
      expect(actions).toContain(action);
  });
});
