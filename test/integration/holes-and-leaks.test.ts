import { describe, expect, it } from 'vitest';
import type { Role } from '../../functions/http/route-definition.ts';
import { api, newOrg, tokenFor } from '../support/api.ts';
import { acceptToken, emailTo, linkToken } from '../support/mail.ts';
import {
  codeFor,
  groupWithUses,
  learnerWithProfile,
  practitioner,
  teamAdmin,
  unique,
} from '../support/people.ts';

/**
 * The holes a hostile client found (issue 9, "Holes and leaks"): who reads the audit trail and
 * what it shows, what a preview accepts, lookalike emails, and bidi controls in file names.
 */

const auditOf = async (token: string) => {
  const answer = await api('GET', '/v1/audit?limit=100', { token });
  expect(answer.status).toBe(200);
  return answer.body.items as { action: string; subject: string; details: Record<string, unknown> }[];
};

/** A team admin of a fresh organisation with one learner of that name, an English PDF profile completed. */
async function adminWithLearner(name: string, emailLabel: string) {
  const { token: admin } = await teamAdmin('holes');
  const learnerEmail = `${emailLabel}-${unique()}@example.com`;
  const learner = { name, email: learnerEmail, preferredLanguage: 'en' };
  return { admin, learnerEmail, ...(await learnerWithProfile(admin, learner)) };
}

describe('GET /v1/audit', () => {
  it('refuses a role that does not administer the organisation with 403 FORBIDDEN', async () => {
    const org = newOrg('holes');
    for (const roles of [['supplier'], ['client'], ['supplier', 'client'], []] as Role[][]) {
      const token = await tokenFor({ email: 'someone@example.com', org, roles });
      const answer = await api('GET', '/v1/audit', { token });
      expect(answer.status, roles.join(' ')).toBe(403);
      expect(answer.body.error.code).toBe('FORBIDDEN');
    }
  });

  it("is read by the organisation's administrators: practitioners and admins (a client's or a supplier's too)", async () => {
    const org = newOrg('holes');
    for (const roles of [
      ['practitioner'],
      ['admin'],
      ['client', 'admin'],
      ['supplier', 'admin'],
    ] as Role[][]) {
      const token = await tokenFor({ email: 'boss@example.com', org, roles });
      expect((await api('GET', '/v1/audit', { token })).status, roles.join(' ')).toBe(200);
    }
  });

  it('shows a share code only masked, whether created, redeemed or revoked', async () => {
    const { token } = await practitioner({ expert: 2 });
    const groupId = await groupWithUses(token, 'expert', 2, { name: 'Cohort' });
    const code = (await api('POST', `/v1/groups/${groupId}/codes`, { token, body: { product: 'expert' } }))
      .body.code as string;
    const learner = await tokenFor({ email: `l${unique()}@example.com`, sub: `l-${unique()}`, org: '' });
    expect((await api('POST', `/v1/codes/${code}/redemptions`, { token: learner })).status).toBe(201);
    expect((await api('DELETE', `/v1/groups/${groupId}/codes/${code}`, { token })).status).toBe(204);

    const entries = await auditOf(token);
    const masked = `code:SP-••••-••••-${code.slice(-4)}`;
    expect(entries.filter((e) => e.action.startsWith('code.')).map((e) => [e.action, e.subject])).toEqual([
      ['code.revoke', masked],
      ['code.redeem', masked],
      ['code.create', masked],
    ]);
    // No part of the code but its last group appears anywhere in the trail.
    const trail = JSON.stringify(entries);
    expect(trail).not.toContain(code);
    expect(trail).not.toContain(code.slice(3, 7));
    expect(trail).not.toContain(code.slice(8, 12));
  });

  it('never holds an invitation token or a link token', async () => {
    const pat = await practitioner({ expert: 1 });
    const email = `invitee-${unique()}@example.com`;
    expect(
      (await api('POST', '/v1/invitations', { token: pat.token, body: { email, product: 'expert' } })).status,
    ).toBe(201);
    const invitationToken = acceptToken(await emailTo(email));
    const person = await tokenFor({ email, sub: `user-${email}`, org: '' });
    expect(
      (await api('POST', '/v1/invitations/accept', { token: person, body: { token: invitationToken } }))
        .status,
    ).toBe(201);
    const invitationTrail = JSON.stringify(await auditOf(pat.token));
    expect(invitationTrail).toContain('invitation.accept');
    expect(invitationTrail).not.toContain(invitationToken);

    const { admin, learnerEmail, learnerId, profileId } = await adminWithLearner('Lou Learner', 'learner');
    const share = await api('POST', `/v1/learners/${learnerId}/profiles/${profileId}/shares`, {
      token: admin,
      body: { delivery: 'link' },
    });
    expect(share.status).toBe(202);
    const sharedLink = linkToken(await emailTo(learnerEmail));
    const linkTrail = JSON.stringify(await auditOf(admin));
    expect(linkTrail).toContain('link.issue');
    expect(linkTrail).not.toContain(sharedLink);
  });
});

describe('POST /v1/invitations/preview checks the request as sending does', () => {
  it("answers 404 for an unknown, a deleted or another organisation's group, and spends nothing", async () => {
    const pat = await practitioner({ expert: 1 });
    const stranger = await practitioner({ expert: 1 });
    const foreign = await groupWithUses(stranger.token, 'expert', 0, { name: 'Cohort' });
    const deleted = await groupWithUses(pat.token, 'expert', 0, { name: 'Cohort' });
    expect((await api('DELETE', `/v1/groups/${deleted}`, { token: pat.token })).status).toBe(204);
    const own = await groupWithUses(pat.token, 'expert', 0, { name: 'Cohort' });
    for (const groupIds of [['no-such-group'], [foreign], [deleted], [own, foreign]]) {
      const body = { email: 'ivy@example.com', product: 'expert', groupIds };
      const preview = await api('POST', '/v1/invitations/preview', { token: pat.token, body });
      const sent = await api('POST', '/v1/invitations', { token: pat.token, body });
      expect([preview.status, preview.body.error?.code], JSON.stringify(groupIds)).toEqual([
        404,
        'NOT_FOUND',
      ]);
      expect([sent.status, sent.body.error?.code]).toEqual([404, 'NOT_FOUND']);
    }
    const fine = await api('POST', '/v1/invitations/preview', {
      token: pat.token,
      body: { email: 'ivy@example.com', product: 'expert', groupIds: [own] },
    });
    expect(fine.status).toBe(200);
    expect((await api('GET', '/v1/balance', { token: pat.token })).body.products.expert).toEqual({
      available: 1,
      inGroups: 0,
      inTransfers: 0,
      used: 0,
    });
  });
});

describe('lookalike emails', () => {
  it('refuses a lookalike email domain (a Kelvin sign for k) on a restricted code with 403', async () => {
    const { token } = await practitioner({ expert: 2 });
    const groupId = await groupWithUses(token, 'expert', 2, { name: 'Cohort' });
    const code = await codeFor(token, groupId, { product: 'expert', allowedEmailDomains: ['uni.ac.uk'] });
    const lookalike = await tokenFor({
      email: `a${unique()}@uni.ac.u\u212A`,
      sub: `k-${unique()}`,
      org: '',
    });
    const refused = await api('POST', `/v1/codes/${code}/redemptions`, { token: lookalike });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('EMAIL_DOMAIN_NOT_ALLOWED');
    const genuine = await tokenFor({ email: `A${unique()}@Uni.AC.uk`, sub: `g-${unique()}`, org: '' });
    expect((await api('POST', `/v1/codes/${code}/redemptions`, { token: genuine })).status).toBe(201);
  });

  it("refuses to let a Kelvin-sign lookalike of the invited address accept someone's invitation", async () => {
    const pat = await practitioner({ expert: 1 });
    const suffix = unique();
    const invited = `kate-${suffix}@example.com`;
    await api('POST', '/v1/invitations', { token: pat.token, body: { email: invited, product: 'expert' } });
    const token = acceptToken(await emailTo(invited));
    const lookalike = await tokenFor({
      email: `\u212Aate-${suffix}@example.com`,
      sub: `k-${suffix}`,
      org: '',
    });
    const refused = await api('POST', '/v1/invitations/accept', { token: lookalike, body: { token } });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('EMAIL_MISMATCH');
    const kate = await tokenFor({ email: `Kate-${suffix}@Example.com`, sub: `kate-${suffix}`, org: '' });
    expect((await api('POST', '/v1/invitations/accept', { token: kate, body: { token } })).status).toBe(201);
  });
});

describe('bidi controls in names', () => {
  it('never reach the file name of a downloaded or emailed profile', async () => {
    const { admin, learnerEmail, learnerId, profileId } = await adminWithLearner(
      'Mallory\u202Efdp.exe',
      'mallory',
    );
    const path = `/v1/learners/${learnerId}/profiles/${profileId}`;

    const download = await api('GET', `${path}/download`, { token: admin });
    expect(download.status).toBe(200);
    const file = await fetch(download.body.url);
    expect(file.status).toBe(200);
    const disposition = file.headers.get('content-disposition')!;
    expect(disposition).toContain(
      "filename*=UTF-8''Profile%20-%20Malloryfdp.exe%20-%202026-03-01%20(en).pdf",
    );
    expect(disposition).not.toContain('%E2%80%AE');

    expect(
      (await api('POST', `${path}/shares`, { token: admin, body: { delivery: 'attachment' } })).status,
    ).toBe(202);
    const sent = await emailTo(learnerEmail);
    expect(sent.attachments.map((a) => a.filename)).toEqual([
      'Profile - Malloryfdp.exe - 2026-03-01 (en).pdf',
    ]);
  });

  it("never reach an invitation's subject through the inviter's name", async () => {
    const org = newOrg('holes');
    const token = await tokenFor({
      email: 'pat@practice.example',
      name: 'Pat\u202Egnihsihp',
      org,
      roles: ['practitioner'],
    });
    const preview = await api('POST', '/v1/invitations/preview', {
      token,
      body: { email: 'ivy@example.com', product: 'expert' },
    });
    expect(preview.status).toBe(200);
    expect(preview.body.subject).toBe('Patgnihsihp invited you to complete your Expert Profile');
  });
});
