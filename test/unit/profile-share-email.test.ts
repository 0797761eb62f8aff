import { describe, expect, it } from 'vitest';
import { profileShareEmail } from '../../domain/documents/emails/profile-share-email.ts';
import { documentLanguages } from '../../domain/documents/languages.ts';
import { chooseShareChannel } from '../../domain/learning/share-policy.ts';
import { profileFileName } from '../../domain/learning/use-cases.ts';

describe('how a profile reaches the learner', () => {
  const limit = 1000;
  it.each([
    [
      'a digital profile, whatever was asked',
      { format: 'digital', requested: 'attachment', pdfBytes: 10 },
      'digital-link',
    ],
    [
      'a PDF asked as attachment that fits',
      { format: 'pdf', requested: 'attachment', pdfBytes: 1000 },
      'attachment',
    ],
    [
      'a PDF asked as attachment that is too large',
      { format: 'pdf', requested: 'attachment', pdfBytes: 1001 },
      'download-link',
    ],
    ['a PDF asked as a link', { format: 'pdf', requested: 'link', pdfBytes: 10 }, 'download-link'],
  ] as const)('sends %s as %s', (_label, input, expected) => {
    expect(chooseShareChannel({ ...input, attachmentLimitBytes: limit })).toBe(expected);
  });
});

describe('the profile share email', () => {
  const link = {
    kind: 'link' as const,
    url: 'https://api.example.com/v1/links/abc',
    expiresAt: '2026-12-01T00:00:00Z',
    fellBackFromAttachment: false,
  };

  it('says so when the PDF was too large to attach and carries the link instead', () => {
    const email = profileShareEmail({
      name: 'Ana',
      language: 'en',
      delivery: { ...link, fellBackFromAttachment: true },
      support: 'help@example.com',
    });
    expect(email.text).toContain('too large to attach');
    expect(email.text).toContain(link.url);
    expect(email.html).toContain(`href="${link.url}"`);
    expect(email.text).toContain('December 1, 2026');
  });

  it.each(documentLanguages)('is written in %s', (language) => {
    const email = profileShareEmail({ name: 'Ana', language, delivery: link, support: 'help@example.com' });
    expect(email.html).toContain(`lang="${language}"`);
    if (language !== 'en') expect(email.subject).not.toBe('Your profile is ready');
  });

  it('falls back to English for a language it does not speak', () => {
    expect(
      profileShareEmail({ name: 'Ana', language: 'ja', delivery: { kind: 'attachment' }, support: 's' })
        .subject,
    ).toBe('Your profile is ready');
  });

  it('never lets the name become markup', () => {
    const email = profileShareEmail({
      name: '<img src=x onerror=alert(1)>',
      language: 'en',
      delivery: { kind: 'attachment' },
      support: 's',
    });
    expect(email.html).not.toContain('<img');
    expect(email.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('the file name of a profile', () => {
  it('keeps the person’s own name and drops characters no file system accepts', () => {
    expect(profileFileName('Łukasz Żółć', '2026-03-01T10:00:00Z', 'pl')).toBe(
      'Profile - Łukasz Żółć - 2026-03-01 (pl).pdf',
    );
    expect(profileFileName('a/b:c*?', '2026-03-01T10:00:00Z', 'en')).toBe(
      'Profile - a b c - 2026-03-01 (en).pdf',
    );
  });
});
