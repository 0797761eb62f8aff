import { describe, expect, it } from 'vitest';
import { emailStrings } from '../../domain/documents/emails/translations/index.ts';
import { maxAttachmentBytes } from '../../events/email.ts';
import type { Learner, LearnerProfile } from '../../domain/learning/model.ts';
import type { EmailQueue } from '../../domain/learning/ports.ts';
import { shareProfile, type ProfileShareRequest } from '../../domain/learning/share-profile.ts';
import { linkUseCases, type LinkRecord } from '../../domain/links/use-cases.ts';

const learner: Learner = {
  id: 'l1',
  name: 'Łucja Żak',
  email: 'lucja@example.com',
  preferredLanguage: 'pl',
  createdAt: '2026-01-01T00:00:00.000Z',
  profiles: [],
};
const pdfProfile: LearnerProfile = {
  id: 'p1',
  learnerId: 'l1',
  product: 'discovery',
  completedAt: '2026-03-01T09:00:00.000Z',
  format: 'pdf',
  results: { scores: [] },
  importedAt: '2026-03-02T00:00:00.000Z',
};
const request: ProfileShareRequest = {
  org: 'o1',
  shareId: 's1',
  learnerId: 'l1',
  profileId: 'p1',
  delivery: 'attachment',
  language: 'pl',
  requestedBy: 'admin-1',
};
const sharedAt = new Date('2026-11-30T12:00:00.000Z');

/** The use case with in-memory ports; real link use cases over a fake link store, on the same clock. */
function setup({
  profile = pdfProfile as LearnerProfile | null,
  pdfBytes = 50_000,
  learnerKnown = true,
} = {}) {
  const queued: Parameters<EmailQueue['queue']>[0][] = [];
  const emailed: { org: string; shareId: string; channel: string; at: string }[] = [];
  const issued: { link: LinkRecord; issuedBy: string; once: string | undefined }[] = [];
  const rendered: string[] = [];
  /** The order in which the use case touched the outside world. */
  const steps: string[] = [];
  const clock = { now: () => sharedAt };
  const share = shareProfile({
    learners: {
      learner: async (org, id) => (learnerKnown && org === 'o1' && id === learner.id ? learner : undefined),
      profile: async (org, learnerId, id) =>
        org === 'o1' && profile && learnerId === profile.learnerId && id === profile.id ? profile : undefined,
      markShareEmailed: async (org, shareId, channel, at) =>
        void (steps.push('marked'), emailed.push({ org, shareId, channel, at })),
    },
    documents: {
      ensureRendered: async (org, rendering, name, language) => {
        rendered.push(`${org}/${rendering.id}/${name}/${language}`);
        return { key: `rendered/${org}/${rendering.id}/${language}.pdf`, bytes: pdfBytes };
      },
    },
    links: linkUseCases({
      store: {
        issue: async (link, issuedBy, once) => (issued.push({ link, issuedBy, once }), 'tok'),
        find: async () => undefined,
        markOpened: async () => undefined,
        revokeIssued: async () => false,
      },
      clock,
      apiUrl: 'https://api.test',
    }),
    emails: { queue: async (email) => void (steps.push('queued'), queued.push(email)) },
    clock,
    appUrl: 'https://app.test',
    support: 'help@test',
  });
  return { share, queued, emailed, issued, rendered, steps };
}

describe('emailing a learner one profile', () => {
  it('attaches a PDF that fits, as a reference to the rendered file, named for the learner', async () => {
    const { share, queued, issued, rendered } = setup();
    await expect(share(request)).resolves.toEqual({ outcome: 'emailed', channel: 'attachment' });
    expect(rendered).toEqual(['o1/p1/Łucja Żak/pl']);
    expect(issued).toEqual([]);
    expect(queued).toHaveLength(1);
    expect(queued[0]!.attachments).toEqual([
      {
        bucket: 'profiles',
        key: 'rendered/o1/p1/pl.pdf',
        filename: 'Profile - Łucja Żak - 2026-03-01 (pl).pdf',
        contentType: 'application/pdf',
      },
    ]);
  });

  it('sends a download link instead when the PDF is too large to attach, and says why', async () => {
    const { share, queued, issued } = setup({ pdfBytes: maxAttachmentBytes + 1 });
    await expect(share(request)).resolves.toEqual({ outcome: 'emailed', channel: 'download-link' });
    expect(issued).toHaveLength(1);
    expect(queued[0]!.attachments).toEqual([]);
    expect(queued[0]!.text).toContain('https://api.test/v1/links/tok');
    expect(queued[0]!.text).toContain(emailStrings.pl.profileShare.tooLargeForAttachment);
  });

  it('issues the download link once per share, in the requester’s name, expiring with the clock', async () => {
    const { share, issued, queued } = setup();
    await expect(share({ ...request, delivery: 'link' })).resolves.toEqual({
      outcome: 'emailed',
      channel: 'download-link',
    });
    expect(issued).toEqual([
      {
        link: {
          bucket: 'profiles',
          key: 'rendered/o1/p1/pl.pdf',
          filename: 'Profile - Łucja Żak - 2026-03-01 (pl).pdf',
          contentType: 'application/pdf',
          org: 'o1',
          recipient: 'lucja@example.com',
          subject: 'share:s1',
          createdAt: sharedAt.toISOString(),
          expiresAt: '2026-12-07T12:00:00.000Z',
        },
        issuedBy: 'admin-1',
        once: 'share:s1',
      },
    ]);
    expect(queued[0]!.attachments).toEqual([]);
    expect(queued[0]!.text).not.toContain(emailStrings.pl.profileShare.tooLargeForAttachment);
  });

  it('links a digital profile to the web app and renders no PDF, whatever was asked', async () => {
    const { share, queued, issued, rendered } = setup({ profile: { ...pdfProfile, format: 'digital' } });
    await expect(share(request)).resolves.toEqual({ outcome: 'emailed', channel: 'digital-link' });
    expect(rendered).toEqual([]);
    expect(issued).toEqual([]);
    expect(queued[0]!.text).toContain('https://app.test/profiles/p1/digital');
    expect(queued[0]!.attachments).toEqual([]);
  });

  it('queues the email to the learner under the share’s dedupe key, tagged with the share', async () => {
    const { share, queued } = setup();
    await share(request);
    expect(queued).toEqual([
      expect.objectContaining({
        dedupeKey: 'share:s1',
        to: ['lucja@example.com'],
        tags: { kind: 'profile-share', org: 'o1', share: 's1' },
        subject: expect.any(String),
        html: expect.stringContaining('lang="pl"'),
      }),
    ]);
  });

  it('marks the share emailed, with its channel, at the clock’s time, after the email is queued', async () => {
    const { share, emailed, steps } = setup();
    await share(request);
    expect(emailed).toEqual([
      { org: 'o1', shareId: 's1', channel: 'attachment', at: sharedAt.toISOString() },
    ]);
    expect(steps).toEqual(['queued', 'marked']);
  });

  it.each([
    ['the learner', { learnerKnown: false }],
    ['the profile', { profile: null }],
  ])('does nothing when %s no longer exists', async (_label, options) => {
    const { share, queued, emailed, issued, rendered } = setup(options);
    await expect(share(request)).resolves.toEqual({ outcome: 'gone' });
    expect([queued, emailed, issued, rendered]).toEqual([[], [], [], []]);
  });
});
