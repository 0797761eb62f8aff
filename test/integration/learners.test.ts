import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { dynamoLinkStore } from '../../functions/adapters/dynamo/link-store.ts';
import { renderedProfileKey } from '../../functions/adapters/s3/profile-documents.ts';
import { envNames } from '../../functions/shared/env-names.ts';
import { api, eventually, mailbox, stack } from '../support/api.ts';
import { emailTo, linkIn, rawEmail } from '../support/mail.ts';
import { learnerWithProfile, sampleResults as results, teamAdmin as admin } from '../support/people.ts';
import { pdfText } from '../support/pdf-text.ts';
import { expectError } from '../support/contract.ts';

const s3 = new S3Client({ forcePathStyle: true });
const sqs = new SQSClient({});
describe('learners and their profiles', () => {
  it('keeps a learner’s profiles newest first, and a team shows each member’s latest', async () => {
    const { token } = await admin();
    const learner = await api('POST', '/v1/learners', {
      token,
      body: { name: 'Ana Souza', email: 'Ana@Example.com', preferredLanguage: 'es' },
    });
    expect(learner.body).toMatchObject({
      name: 'Ana Souza',
      email: 'ana@example.com',
      preferredLanguage: 'es',
      profiles: [],
    });
    const id = learner.body.id;
    for (const completedAt of ['2025-01-10T09:00:00Z', '2026-02-01T09:00:00Z', '2025-06-01T09:00:00Z']) {
      await api('POST', `/v1/learners/${id}/profiles`, {
        token,
        body: { product: 'discovery', completedAt, format: 'pdf', results },
      });
    }
    const fetched = await api('GET', `/v1/learners/${id}`, { token });
    expect(fetched.body.profiles.map((p: { completedAt: string }) => p.completedAt)).toEqual([
      '2026-02-01T09:00:00.000Z',
      '2025-06-01T09:00:00.000Z',
      '2025-01-10T09:00:00.000Z',
    ]);
    const other = await api('POST', '/v1/learners', {
      token,
      body: { name: 'Bo Berg', email: 'bo@example.com', preferredLanguage: 'nl' },
    });
    const team = await api('POST', '/v1/teams', { token, body: { name: 'Sales' } });
    const withMembers = await api('POST', `/v1/teams/${team.body.id}/members`, {
      token,
      body: { learnerIds: [id, other.body.id] },
    });
    expect(withMembers.status).toBe(200);
    const shown = await api('GET', `/v1/teams/${team.body.id}`, { token });
    expect(
      shown.body.members.map((m: any) => [m.learner.name, m.latestProfile?.completedAt ?? null]),
    ).toEqual([
      ['Ana Souza', '2026-02-01T09:00:00.000Z'],
      ['Bo Berg', null],
    ]);
    expect((await api('GET', '/v1/teams', { token })).body.items.map((t: { id: string }) => t.id)).toEqual([
      team.body.id,
    ]);
  });

  it('adds many learners to a team at once, more than one write batch', async () => {
    const { token } = await admin();
    const ids = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const created = await api('POST', '/v1/learners', {
          token,
          body: {
            name: `Learner ${String(i).padStart(2, '0')}`,
            email: `l${i}@example.com`,
            preferredLanguage: 'en',
          },
        });
        return created.body.id as string;
      }),
    );
    const team = await api('POST', '/v1/teams', { token, body: { name: 'Everyone' } });
    const added = await api('POST', `/v1/teams/${team.body.id}/members`, {
      token,
      body: { learnerIds: [...ids, ids[0]] },
    });
    expect(added.status).toBe(200);
    expect(added.body.members).toHaveLength(30);
  });

  it('refuses unknown learners in a team and unsupported languages with 400', async () => {
    const { token } = await admin();
    const team = await api('POST', '/v1/teams', { token, body: { name: 'Ops' } });
    expect(
      (await api('POST', `/v1/teams/${team.body.id}/members`, { token, body: { learnerIds: ['nobody'] } }))
        .status,
    ).toBe(400);
    const answer = await api('POST', '/v1/learners', {
      token,
      body: { name: 'X', email: 'x@example.com', preferredLanguage: 'xx' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.details[0].path).toBe('preferredLanguage');
  });

  it("answers another organisation's learner 404", async () => {
    const owner = await admin();
    const { learnerId, profileId } = await learnerWithProfile(owner.token, {
      name: 'Private Person',
      email: 'p@example.com',
      preferredLanguage: 'en',
    });
    const stranger = await admin();
    expect((await api('GET', `/v1/learners/${learnerId}`, { token: stranger.token })).status).toBe(404);
    expect(
      (
        await api('GET', `/v1/learners/${learnerId}/profiles/${profileId}/download`, {
          token: stranger.token,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await api('POST', `/v1/learners/${learnerId}/profiles/${profileId}/shares`, {
          token: stranger.token,
          body: { delivery: 'link' },
        })
      ).status,
    ).toBe(404);
  });
});

describe('downloading a profile', () => {
  it('renders the PDF in the asked language, and a second download renders nothing', async () => {
    const { org, token } = await admin();
    const { learnerId, profileId } = await learnerWithProfile(token, {
      name: 'Łukasz Żółć',
      email: 'lukasz@example.com',
      preferredLanguage: 'pl',
    });
    const first = await api('GET', `/v1/learners/${learnerId}/profiles/${profileId}/download?language=de`, {
      token,
    });
    expect(first.status).toBe(200);
    expect(Date.parse(first.body.expiresAt)).toBeGreaterThan(Date.now());
    const pdf = await fetch(first.body.url);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-disposition')).toContain(
      "filename*=UTF-8''Profile%20-%20%C5%81ukasz%20%C5%BB%C3%B3%C5%82%C4%87",
    );
    const { text, pages } = await pdfText(new Uint8Array(await pdf.arrayBuffer()));
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(text).toContain('Łukasz Żółć');
    for (const score of results.scores) expect(text).toContain(score.label);

    const key = renderedProfileKey(org, profileId, 'de');
    const renderedAt = async () =>
      (await s3.send(new HeadObjectCommand({ Bucket: stack().env.BUCKET_PROFILES, Key: key }))).Metadata?.[
        'rendered-at'
      ];
    const before = await renderedAt();
    expect(
      (await api('GET', `/v1/learners/${learnerId}/profiles/${profileId}/download?language=de`, { token }))
        .status,
    ).toBe(200);
    expect(await renderedAt()).toBe(before);
    const audit = await api('GET', '/v1/audit?limit=100', { token });
    expect(audit.body.items.filter((e: { action: string }) => e.action === 'profile.download')).toHaveLength(
      2,
    );
  });
});

/** A new learner with one profile, and the answer to sharing that profile with them. */
async function requestedShare(
  token: string,
  learner: { name: string; email: string; preferredLanguage: string },
  delivery: 'link' | 'attachment',
  format: 'pdf' | 'digital' = 'pdf',
) {
  const { learnerId, profileId } = await learnerWithProfile(token, learner, format);
  const share = await api('POST', `/v1/learners/${learnerId}/profiles/${profileId}/shares`, {
    token,
    body: { delivery },
  });
  expect(share.status).toBe(202);
  return { learnerId, profileId, share };
}

/** A learner's profile shared and emailed: the share's answer, its status URL and the email sent. */
async function emailedShare(
  token: string,
  learner: { name: string; email: string; preferredLanguage: string },
  delivery: 'link' | 'attachment',
) {
  const { share } = await requestedShare(token, learner, delivery);
  const shareUrl = share.headers.get('location')!;
  const sent = await emailTo(learner.email);
  await eventually(async () =>
    (await api('GET', shareUrl, { token })).body.status === 'emailed' ? true : undefined,
  );
  return { share, shareUrl, sent };
}

describe('sharing one profile', () => {
  it('emails the learner a link that, followed like a browser, downloads the PDF; the first opening is recorded', async () => {
    const { token } = await admin();
    const email = `link-${Date.now()}@example.com`;
    const { share: answer } = await requestedShare(
      token,
      { name: 'Camille Dupont', email, preferredLanguage: 'fr' },
      'link',
    );
    expect(answer.headers.get('location')).toContain(answer.body.id);

    const sent = await emailTo(email);
    expect(sent.subject).toBe('Votre profil est prêt');
    const status = await eventually(async () => {
      const job = await api('GET', answer.headers.get('location')!, { token });
      return job.body.status === 'emailed' ? job.body : undefined;
    });
    expect(status).toMatchObject({
      id: answer.body.id,
      channel: 'download-link',
      delivery: 'link',
      language: 'fr',
    });
    const url = linkIn(sent.body.text)!;
    expect(url).toBeDefined();
    expect(sent.body.html).toContain(url);

    const redirect = await fetch(url, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const download = await fetch(redirect.headers.get('location')!);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain('Camille Dupont');
    const { text } = await pdfText(new Uint8Array(await download.arrayBuffer()));
    expect(text).toContain('Camille Dupont');

    const links = dynamoLinkStore(stack().env.TABLE_NAME!);
    const token_ = url.split('/').pop()!;
    expect((await links.find(token_))?.openedAt).toEqual(expect.any(String));
    expect((await links.find(token_))?.recipient).toBe(email);
    const actions = (await api('GET', '/v1/audit?limit=100', { token })).body.items.map(
      (e: { action: string }) => e.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining(['learner.create', 'profile.import', 'profile.share', 'link.issue']),
    );
  });

  it('lets the sender withdraw a share sent as a link: the link then answers 410 LINK_REVOKED', async () => {
    const { token } = await admin();
    const { share, shareUrl, sent } = await emailedShare(
      token,
      { name: 'Pia Berg', email: `revoke-${Date.now()}@example.com`, preferredLanguage: 'en' },
      'link',
    );
    const url = linkIn(sent.body.text)!;
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(302);

    // Another organisation's admin cannot see, let alone withdraw, the share.
    const stranger = await admin();
    expect((await api('DELETE', shareUrl, { token: stranger.token })).status).toBe(404);
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(302);

    expect((await api('DELETE', shareUrl, { token })).status).toBe(204);
    const revoked = await api('GET', `/v1/links/${url.split('/').pop()}`);
    expectError(revoked, 410, 'LINK_REVOKED');
    // Withdrawing again changes nothing and is no error.
    expect((await api('DELETE', shareUrl, { token })).status).toBe(204);
    const revocations = (await api('GET', '/v1/audit?limit=100', { token })).body.items.filter(
      (e: { action: string; subject: string }) =>
        e.action === 'link.revoke' && e.subject === `share:${share.body.id}`,
    );
    expect(revocations).toHaveLength(1);
  });

  it('answers 409 SHARE_NOT_REVOCABLE for a share that went out as an attachment', async () => {
    const { token } = await admin();
    const { shareUrl } = await emailedShare(
      token,
      { name: 'Ola Nordmann', email: `attached-${Date.now()}@example.com`, preferredLanguage: 'en' },
      'attachment',
    );
    const refused = await api('DELETE', shareUrl, { token });
    expectError(refused, 409, 'SHARE_NOT_REVOCABLE');
  });

  it('answers an expired link 410 LINK_EXPIRED and an unknown one 404', async () => {
    const links = dynamoLinkStore(stack().env.TABLE_NAME!);
    const file = {
      bucket: 'profiles' as const,
      key: 'rendered/none.pdf',
      filename: 'x.pdf',
      contentType: 'application/pdf',
      org: 'o',
      recipient: 'r@example.com',
      subject: 'test',
    };
    const expired = await links.issue(
      { ...file, createdAt: '2026-01-01T00:00:00.000Z', expiresAt: '2026-01-08T00:00:00.000Z' },
      'tester',
    );
    const expiredAnswer = await api('GET', `/v1/links/${expired}`);
    expectError(expiredAnswer, 410, 'LINK_EXPIRED');
    expect((await api('GET', `/v1/links/${'A'.repeat(43)}`)).status).toBe(404);
  });

  it('mails the same single link however often the share job is delivered', async () => {
    const { org, token } = await admin();
    const email = `redelivered-${Date.now()}@example.com`;
    const { learnerId, profileId, share } = await requestedShare(
      token,
      { name: 'Rui Costa', email, preferredLanguage: 'en' },
      'link',
    );
    await emailTo(email);
    // The same job again, as SQS may deliver it.
    const message = {
      v: 1,
      type: 'profile.share',
      shareId: share.body.id,
      org,
      learnerId,
      profileId,
      delivery: 'link',
      language: 'en',
      requestedBy: 'admin',
    };
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: stack().env[envNames.queueUrl('documents')]!,
        MessageBody: JSON.stringify(message),
      }),
    );
    await new Promise((r) => setTimeout(r, 3000));
    expect((await mailbox()).filter((m) => m.destination.to.includes(email))).toHaveLength(1);
    const audit = await api('GET', '/v1/audit?limit=100', { token });
    expect(
      audit.body.items.filter(
        (e: { action: string; subject: string }) =>
          e.action === 'link.issue' && e.subject === `share:${share.body.id}`,
      ),
    ).toHaveLength(1);
  });

  it('emails the PDF as an attachment, in the learner’s language, readable by a real MIME parser', async () => {
    const { token } = await admin();
    const email = `attach-${Date.now()}@example.com`;
    await requestedShare(token, { name: 'Jonas Müller', email, preferredLanguage: 'de-AT' }, 'attachment');
    const sent = await emailTo(email);
    const parsed = await rawEmail(sent.messageId);
    expect(parsed.subject).toBe('Ihr Profil ist fertig');
    expect(parsed.text).toContain('Hallo Jonas Müller');
    expect(parsed.html).toContain('Hallo Jonas Müller');
    expect(parsed.attachments).toHaveLength(1);
    const [attachment] = parsed.attachments;
    expect(attachment!.contentType).toBe('application/pdf');
    expect(attachment!.filename).toBe('Profile - Jonas Müller - 2026-03-01 (de).pdf');
    // The emulator parsed our raw MIME with mailparser on arrival; its stored bytes are the PDF we
    // sent (its rebuilt .eml re-encodes attachment content lossily, so read the bytes from the store).
    const stored = Buffer.from(sent.attachments[0]!.content, 'base64');
    expect(stored.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await pdfText(new Uint8Array(stored))).text).toContain('Jonas Müller');
  });

  it('shares a digital profile as a link to the digital profile, not as a PDF', async () => {
    const { token } = await admin();
    const email = `digital-${Date.now()}@example.com`;
    const { profileId } = await requestedShare(
      token,
      { name: 'Sanne de Vries', email, preferredLanguage: 'nl' },
      'attachment',
      'digital',
    );
    const sent = await emailTo(email);
    expect(sent.attachments).toHaveLength(0);
    expect(sent.body.text).toContain(`${stack().env.APP_URL}/profiles/${profileId}/digital`);
    expect(linkIn(sent.body.text)).toBeUndefined();
  });

  it('escapes the learner’s name in the HTML email', async () => {
    const { token } = await admin();
    const email = `escape-${Date.now()}@example.com`;
    await requestedShare(
      token,
      { name: '<script>alert(1)</script> Eve', email, preferredLanguage: 'en' },
      'link',
    );
    const sent = await emailTo(email);
    expect(sent.body.html).not.toContain('<script>');
    expect(sent.body.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Eve');
  });
});
