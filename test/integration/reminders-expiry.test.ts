import { GetScheduleCommand, ResourceNotFoundException, SchedulerClient } from '@aws-sdk/client-scheduler';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { scheduleNames } from '../../events/schedules.ts';
import { keys } from '../../functions/adapters/dynamo/keys.ts';
import { envNames } from '../../functions/shared/env-names.ts';
import { api, eventually, mailbox, stack } from '../support/api.ts';
import { expectError } from '../support/contract.ts';
import { acceptToken, emailTo } from '../support/mail.ts';
import { codeFor, groupWithUses, person, practitioner, sampleResults } from '../support/people.ts';

const day = 24 * 60 * 60 * 1000;
const group = () => stack().env[envNames.schedulerGroup]!;
const scheduler = new SchedulerClient({});
const table = DynamoDBDocumentClient.from(new DynamoDBClient({}));

const scheduleExists = (name: string) =>
  scheduler.send(new GetScheduleCommand({ Name: name, GroupName: group() })).then(
    () => true,
    (error: unknown) => {
      if (error instanceof ResourceNotFoundException) return false;
      throw error;
    },
  );
/** Fires only these invitations' own schedules: other test files' schedules share the stack. */
const runDue = (from: string, days: number, invitationIds: string[]) =>
  api('POST', '/_local/scheduler/run-due', {
    body: {
      asOf: new Date(Date.parse(from) + days * day).toISOString(),
      groupName: group(),
      names: invitationIds.flatMap((id) => [
        scheduleNames.invitationExpiry(id),
        ...[3, 7].map((d) => scheduleNames.invitationReminder(id, d)),
      ]),
    },
  });
const mailsTo = async (address: string) =>
  (await mailbox()).filter((m) => m.destination.to.includes(address));
const isReminder = (subject: string) => subject.startsWith('Rappel') || subject.startsWith('Reminder');
const expertOf = async (token: string) => (await api('GET', '/v1/balance', { token })).body.products.expert;

describe('Invitation reminders and expiry', () => {
  it('reminds on day 3 with the same link, cancels the day-7 reminder on acceptance, and expires the unaccepted twin on day 15 with its use back', async () => {
    const pat = await practitioner({ expert: 4 });
    const [ada, bob] = [await person(), await person()];
    const invite = async (email: string) => {
      const sent = await api('POST', '/v1/invitations', {
        token: pat.token,
        body: { email, product: 'expert', expiresInDays: 14, remindAfterDays: [7, 3], language: 'fr' },
      });
      expect(sent.status).toBe(201);
      return sent.body;
    };
    const [a, b] = [await invite(ada.email), await invite(bob.email)];
    expect(Date.parse(a.expiresAt) - Date.parse(a.sentAt)).toBe(14 * day);
    expect(a.reminders).toEqual([
      { at: new Date(Date.parse(a.sentAt) + 3 * day).toISOString(), status: 'scheduled' },
      { at: new Date(Date.parse(a.sentAt) + 7 * day).toISOString(), status: 'scheduled' },
    ]);
    expect(await expertOf(pat.token)).toEqual({ available: 2, inGroups: 0, inTransfers: 0, used: 2 });
    const adaToken = acceptToken(await emailTo(ada.email));

    await runDue(b.sentAt, 4, [a.id, b.id]);
    const reminder = await emailTo(ada.email, isReminder);
    expect(reminder.subject).toBe('Rappel : Pat Practitioner vous a invité à compléter votre profil');
    // The very accept link of the invitation email.
    expect(acceptToken(reminder)).toBe(adaToken);
    await emailTo(bob.email, isReminder);
    const shown = await api('GET', `/v1/invitations/${a.id}`, { token: pat.token });
    expect(shown.body.reminders.map((r: { status: string }) => r.status)).toEqual(['sent', 'scheduled']);
    // Firing again (a redelivered schedule) sends nothing more.
    await runDue(b.sentAt, 4, [a.id, b.id]);

    const accepted = await api('POST', '/v1/invitations/accept', {
      token: ada.token,
      body: { token: adaToken },
    });
    expect(accepted.status).toBe(201);
    expect(await scheduleExists(scheduleNames.invitationReminder(a.id, 7))).toBe(false);
    expect(await scheduleExists(scheduleNames.invitationExpiry(a.id))).toBe(false);
    expect((await api('GET', `/v1/invitations/${a.id}`, { token: pat.token })).body.reminders).toEqual([
      expect.objectContaining({ status: 'sent' }),
      expect.objectContaining({ status: 'cancelled' }),
    ]);

    await runDue(b.sentAt, 8, [a.id, b.id]);
    await eventually(async () =>
      (await mailsTo(bob.email)).filter((m) => isReminder(m.subject)).length === 2 ? true : undefined,
    );
    expect((await mailsTo(ada.email)).filter((m) => isReminder(m.subject))).toHaveLength(1);

    await runDue(b.sentAt, 15, [a.id, b.id]);
    await eventually(async () => ((await expertOf(pat.token)).used === 1 ? true : undefined));
    expect(await expertOf(pat.token)).toEqual({ available: 3, inGroups: 0, inTransfers: 0, used: 1 });
    const expired = await api('GET', `/v1/invitations/${b.id}`, { token: pat.token });
    expect(expired.body).toMatchObject({ status: 'expired', expiresAt: b.expiresAt });
    expect(expired.body.reminders.map((r: { status: string }) => r.status)).toEqual(['sent', 'sent']);
    expectError(
      await api('POST', '/v1/invitations/accept', {
        token: bob.token,
        body: { token: acceptToken(await emailTo(bob.email, (s) => !isReminder(s))) },
      }),
      410,
      'INVITATION_EXPIRED',
    );
    // The expiry returns the use once: firing again changes nothing; revoking now moves nothing.
    await runDue(b.sentAt, 16, [a.id, b.id]);
    expect((await api('DELETE', `/v1/invitations/${b.id}`, { token: pat.token })).status).toBe(204);
    expect(await expertOf(pat.token)).toEqual({ available: 3, inGroups: 0, inTransfers: 0, used: 1 });
    expect((await api('GET', `/v1/invitations/${a.id}`, { token: pat.token })).body.status).toBe('accepted');
  }, 90_000);

  it('refuses reminders after expiresInDays and unknown fields of the schedule', async () => {
    const pat = await practitioner({ expert: 1 });
    const refused = await api('POST', '/v1/invitations', {
      token: pat.token,
      body: { email: 'x@example.com', product: 'expert', expiresInDays: 5, remindAfterDays: [5] },
    });
    expectError(refused, 400, 'VALIDATION_FAILED');
    expect(await expertOf(pat.token)).toMatchObject({ available: 1, used: 0 });
  });

  it('sends a manual reminder with the same link, then refuses another within 24 h with 409 REMINDER_TOO_SOON and retryAfter', async () => {
    const pat = await practitioner({ expert: 2 });
    const ivy = await person();
    const sent = await api('POST', '/v1/invitations', {
      token: pat.token,
      body: { email: ivy.email, product: 'expert' },
    });
    const token = acceptToken(await emailTo(ivy.email));
    // Right after the invitation email: too soon.
    const early = await api('POST', `/v1/invitations/${sent.body.id}/reminders`, { token: pat.token });
    expectError(early, 409, 'REMINDER_TOO_SOON');
    expect(early.body.error.details).toEqual([
      { path: 'retryAfter', message: new Date(Date.parse(sent.body.sentAt) + day).toISOString() },
    ]);
    // As if the invitation had gone out two days ago.
    await table.send(
      new UpdateCommand({
        TableName: stack().env.TABLE_NAME!,
        Key: keys.invitation(pat.org, sent.body.id),
        UpdateExpression: 'SET lastEmailedAt = :then',
        ExpressionAttributeValues: { ':then': new Date(Date.now() - 2 * day).toISOString() },
      }),
    );
    const first = await api('POST', `/v1/invitations/${sent.body.id}/reminders`, { token: pat.token });
    expect(first.status).toBe(202);
    const reminder = await emailTo(ivy.email, isReminder);
    expect(reminder.subject).toBe('Reminder: Pat Practitioner invited you to complete your profile');
    expect(acceptToken(reminder)).toBe(token);
    const second = await api('POST', `/v1/invitations/${sent.body.id}/reminders`, { token: pat.token });
    expectError(second, 409, 'REMINDER_TOO_SOON');
    expect(second.body.error.details).toEqual([
      { path: 'retryAfter', message: new Date(Date.parse(first.body.at) + day).toISOString() },
    ]);
    expect(
      (await api('GET', `/v1/invitations/${sent.body.id}`, { token: pat.token })).body.reminders,
    ).toEqual([{ at: first.body.at, status: 'sent' }]);
    expect((await api('POST', '/v1/invitations/accept', { token: ivy.token, body: { token } })).status).toBe(
      201,
    );
    expectError(
      await api('POST', `/v1/invitations/${sent.body.id}/reminders`, { token: pat.token }),
      409,
      'ALREADY_ACCEPTED',
    );
  }, 60_000);

  it("reminds a group's unfinished members once per 24 h each", async () => {
    const pat = await practitioner({ expert: 3 });
    const groupId = await groupWithUses(pat.token, 'expert', 3);
    const code = await codeFor(pat.token, groupId, { product: 'expert' });
    const [done, pending] = [await person(), await person()];
    for (const who of [done, pending])
      expect((await api('POST', `/v1/codes/${code}/redemptions`, { token: who.token })).status).toBe(201);
    const assignment = (await api('GET', '/v1/me/assignments', { token: done.token })).body.items[0];
    expect(
      (
        await api('POST', `/v1/me/assignments/${assignment.id}/completion`, {
          token: done.token,
          body: { results: sampleResults },
        })
      ).status,
    ).toBe(201);

    const first = await api('POST', `/v1/groups/${groupId}/reminders`, { token: pat.token });
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ reminded: 1 });
    const mail = await emailTo(pending.email, 'Reminder: your profile is not finished yet');
    expect(mail.body.text).toContain('Cohort');
    const again = await api('POST', `/v1/groups/${groupId}/reminders`, { token: pat.token });
    expect(again.body).toEqual({ reminded: 0 });
    expect((await mailsTo(done.email)).length).toBe(0);
    expectError(await api('POST', '/v1/groups/nope/reminders', { token: pat.token }), 404, 'NOT_FOUND');
  }, 60_000);
});
