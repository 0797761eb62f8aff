import { describe, expect, it } from 'vitest';
import { withoutBidiControls } from '../../domain/documents/safe-text.ts';
import { invitationEmail } from '../../domain/documents/emails/invitation-emails.ts';
import { profileFileName } from '../../domain/learning/use-cases.ts';

const bidiControls = [
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e', // embeddings, overrides, pop
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069', // isolates
  '\u200e',
  '\u200f',
  '\u061c', // marks
];

describe('text that goes into file names and email headers', () => {
  it.each(bidiControls.map((c) => [c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0'), c]))(
    'removes the bidi control U+%s',
    (_name, control) => {
      expect(withoutBidiControls(`Mallory${control}fdp.exe`)).toBe('Malloryfdp.exe');
    },
  );

  it('keeps every other character, right-to-left letters included', () => {
    const text = 'Łukasz Żółć שלום مرحبا 😀 Zoë';
    expect(withoutBidiControls(text)).toBe(text);
  });

  it('never names a profile file so that it shows as another extension', () => {
    const name = profileFileName('Mallory\u202Efdp.exe', '2026-03-01T10:00:00Z', 'en');
    expect(name).toBe('Profile - Malloryfdp.exe - 2026-03-01 (en).pdf');
    for (const control of bidiControls) {
      expect(profileFileName(`A${control}B`, '2026-03-01T10:00:00Z', 'en')).not.toContain(control);
    }
  });

  it('puts no bidi control of an inviter’s name into the invitation subject', () => {
    const email = invitationEmail({
      inviterName: 'Pat\u202Egnihsihp',
      product: 'expert',
      includeCareerGuide: false,
      withhold: false,
      acceptUrl: 'https://app.test/accept?token=t',
      invitedEmail: 'a@b.c',
      support: 'help@test',
    });
    expect(email.subject).toBe('Patgnihsihp invited you to complete your Expert Profile');
  });
});
