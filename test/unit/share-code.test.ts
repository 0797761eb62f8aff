import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  codeAlphabet,
  codeEntropyBits,
  emailDomainAllowed,
  generateShareCode,
  normaliseShareCode,
  shareText,
} from '../../domain/practice/share-code.ts';

describe('share codes', () => {
  it('carry at least 60 bits of randomness', () => {
    expect(codeEntropyBits).toBeGreaterThanOrEqual(60);
  });

  it('use no symbols that are easy to confuse when read aloud (0/O, 1/I)', () => {
    for (const confusable of ['0', 'O', '1', 'I']) expect(codeAlphabet).not.toContain(confusable);
    for (let i = 0; i < 200; i += 1)
      expect(generateShareCode((n) => randomBytes(n))).toMatch(
        /^SP-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/,
      );
  });

  it('differ from one draw to the next', () => {
    const drawn = new Set(Array.from({ length: 1000 }, () => generateShareCode((n) => randomBytes(n))));
    expect(drawn.size).toBe(1000);
  });

  it('accept what people type: any case, spaces, missing dashes', () => {
    expect(normaliseShareCode('sp 7kq2 xm9d 4tjh')).toBe('SP-7KQ2-XM9D-4TJH');
    expect(normaliseShareCode('7KQ2XM9D4TJH')).toBe('SP-7KQ2-XM9D-4TJH');
    expect(normaliseShareCode('SP-7KQ2-XM9D-4TJ')).toBeUndefined();
    expect(normaliseShareCode('SP-7KQ2-XM9D-4TJ0')).toBeUndefined();
  });
});

describe('email domain restriction', () => {
  const allowed = ['uni.ac.uk'];

  it('admits the exact domain whatever its case', () => {
    expect(emailDomainAllowed('a@Uni.ac.uk', allowed)).toBe(true);
    expect(emailDomainAllowed('a@uni.ac.uk', ['UNI.AC.UK'])).toBe(true);
  });

  it('refuses a lookalike email domain', () => {
    expect(emailDomainAllowed('a@evil-uni.ac.uk', allowed)).toBe(false);
    expect(emailDomainAllowed('a@uni.ac.uk.evil.com', allowed)).toBe(false);
  });

  it('refuses a subdomain', () => {
    expect(emailDomainAllowed('a@mail.uni.ac.uk', allowed)).toBe(false);
  });

  it('admits anyone when there is no restriction', () => {
    expect(emailDomainAllowed('a@anywhere.org', [])).toBe(true);
  });
});

describe('share text', () => {
  it('is ready to paste: product, group, where to go, the code and the restriction', () => {
    const text = shareText({
      code: 'SP-7KQ2-XM9D-4TJH',
      groupName: 'Spring cohort',
      product: 'expert',
      includeCareerGuide: true,
      allowedEmailDomains: ['uni.ac.uk'],
      expiresAt: '2027-03-01T00:00:00.000Z',
      appUrl: 'https://app.example.com',
    });
    expect(text).toContain('Expert Profile with the Career Guide');
    expect(text).toContain('Spring cohort');
    expect(text).toContain('https://app.example.com/redeem');
    expect(text).toContain('SP-7KQ2-XM9D-4TJH');
    expect(text).toContain('@uni.ac.uk');
    expect(text).toContain('2027-03-01');
  });
});
