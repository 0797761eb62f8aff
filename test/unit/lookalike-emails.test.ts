import { domainToASCII } from 'node:url';
import { describe, expect, it } from 'vitest';
import { asciiDomain, normaliseEmail, sameDomain } from '../../domain/email-address.ts';
import { emailDomainAllowed } from '../../domain/practice/share-code.ts';

describe('email domain restrictions against lookalikes', () => {
  it('refuses a lookalike email domain written with the Kelvin sign', () => {
    expect(emailDomainAllowed('a@uni.ac.u\u212A', ['uni.ac.uk'])).toBe(false);
    expect(emailDomainAllowed('a@UNI.AC.U\u212A', ['uni.ac.uk'])).toBe(false);
  });

  it('refuses lookalike domains written with fullwidth or Cyrillic letters', () => {
    expect(emailDomainAllowed('a@\uff55\uff4e\uff49.ac.uk', ['uni.ac.uk'])).toBe(false);
    // Cyrillic к (U+043A) and its capital К (U+041A) for the k of uk.
    expect(emailDomainAllowed('a@uni.ac.u\u043a', ['uni.ac.uk'])).toBe(false);
    expect(emailDomainAllowed('a@uni.ac.u\u041a', ['uni.ac.uk'])).toBe(false);
  });

  it('still admits the genuine domain in any ASCII case, and no other', () => {
    expect(emailDomainAllowed('a@Uni.AC.uk', ['uni.ac.uk'])).toBe(true);
    expect(emailDomainAllowed('a@uni.ac.uk', ['Uni.Ac.UK'])).toBe(true);
    expect(emailDomainAllowed('a@evil-uni.ac.uk', ['uni.ac.uk'])).toBe(false);
    expect(emailDomainAllowed('a@mail.uni.ac.uk', ['uni.ac.uk'])).toBe(false);
    expect(emailDomainAllowed('a@anything.example', [])).toBe(true);
  });

  it('matches an internationalised domain written in Unicode or in its xn-- form', () => {
    expect(emailDomainAllowed('a@münchen.de', ['xn--mnchen-3ya.de'])).toBe(true);
    expect(emailDomainAllowed('a@xn--mnchen-3ya.de', ['münchen.de'])).toBe(true);
    expect(sameDomain('bücher.example', 'xn--bcher-kva.example')).toBe(true);
  });

  it('compares internationalised domains case-insensitively too, capitals of any script included', () => {
    expect(emailDomainAllowed('a@MÜNCHEN.DE', ['münchen.de'])).toBe(true);
    expect(emailDomainAllowed('a@ΠΑΡΆΔΕΙΓΜΑ.gr', ['παράδειγμα.gr'])).toBe(true);
    expect(sameDomain('ПРИМЕР.РФ', 'xn--e1afmkfd.xn--p1ai')).toBe(true);
  });

  it('encodes valid internationalised labels exactly as IDNA does (checked against Node)', () => {
    for (const domain of [
      'münchen.de',
      'bücher.example',
      '例え.テスト',
      'пример.рф',
      'ドメイン名例.jp',
      'café.fr',
    ]) {
      expect(asciiDomain(domain)).toBe(domainToASCII(domain));
    }
  });

  it('keeps a lookalike its own label instead of mapping it onto the letter it imitates', () => {
    // Node's domainToASCII applies the UTS #46 mapping, which is exactly the fold to refuse.
    expect(domainToASCII('uni.ac.u\u212A')).toBe('uni.ac.uk');
    expect(asciiDomain('uni.ac.u\u212A')).toMatch(/^uni\.ac\.xn--/);
    expect(asciiDomain('uni.ac.u\u212A')).not.toBe('uni.ac.uk');
  });
});

describe('email addresses compared case-insensitively', () => {
  it('lower-cases letters but never into an ASCII lookalike, so a Kelvin sign never becomes k', () => {
    expect('\u212Aate@x.com'.toLowerCase()).toBe('kate@x.com'); // the trap
    expect(normaliseEmail('\u212Aate@x.com')).not.toBe('kate@x.com');
    expect(normaliseEmail('Kate@X.COM')).toBe('kate@x.com');
    expect(normaliseEmail('\u0130@x.com')).not.toBe('i@x.com'); // dotted capital I is no i
    expect(normaliseEmail('Jürgen@MÜNCHEN.de')).toBe('jürgen@münchen.de');
  });
});
