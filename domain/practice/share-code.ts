import { emailDomain, sameDomain } from '../email-address.ts';
import type { RandomBytes } from '../kernel.ts';

/**
 * Shareable codes like `SP-7KQ2-XM9D-4TJH`: 12 symbols from a 32-symbol alphabet without the
 * look-alikes 0/O and 1/I, so 60 bits of randomness (guessing one among even a million live codes
 * takes ~10^12 tries) while staying easy to read aloud and type.
 */
export const codeAlphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const symbols = 12;
export const codeEntropyBits = symbols * Math.log2(codeAlphabet.length);

export function generateShareCode(random: RandomBytes): string {
  // 32 symbols = 5 bits each; a byte mod 32 is unbiased because 256 is a multiple of 32.
  const bytes = random(symbols);
  let raw = '';
  for (let i = 0; i < symbols; i += 1) raw += codeAlphabet[bytes[i]! % codeAlphabet.length];
  return `SP-${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}`;
}

/**
 * What people type: any case, spaces or missing dashes. Returns the canonical form, or undefined
 * when it cannot be a code (so lookups of junk never reach the database).
 */
export function normaliseShareCode(input: string): string | undefined {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  const body = compact.startsWith('SP') ? compact.slice(2) : compact;
  if (body.length !== symbols || [...body].some((c) => !codeAlphabet.includes(c))) return undefined;
  return `SP-${body.slice(0, 4)}-${body.slice(4, 8)}-${body.slice(8, 12)}`;
}

/**
 * An allow-list matches the email's domain exactly, case-insensitively: `uni.ac.uk` admits
 * `a@Uni.ac.uk` but neither `a@evil-uni.ac.uk` nor `a@mail.uni.ac.uk`. Both sides are compared in
 * their ASCII (IDNA A-label) form with only A–Z lower-cased, so a lookalike (`a@uni.ac.u\u212A`, a
 * Kelvin sign; fullwidth or Cyrillic letters) is another domain, never the one it imitates.
 */
export function emailDomainAllowed(email: string, allowedDomains: readonly string[]): boolean {
  if (allowedDomains.length === 0) return true;
  const domain = emailDomain(email);
  return allowedDomains.some((allowed) => sameDomain(allowed, domain));
}

/**
 * A code as the audit trail shows it: a code is a bearer capability, so only its last group is
 * kept, enough to tell codes apart (`SP-7KQ2-XM9D-4TJH` → `SP-••••-••••-4TJH`). Showing two
 * groups would leave 20 bits to guess, a million tries; hiding eight symbols leaves 40 bits. Text
 * that is not a code is hidden whole; a masked code stays as it is.
 */
export function maskedShareCode(code: string): string {
  if (/^SP-••••-••••-[2-9A-HJ-NP-Z]{4}$/.test(code)) return code;
  const canonical = normaliseShareCode(code);
  return canonical ? `SP-••••-••••-${canonical.slice(-4)}` : '••••';
}

const productNames = { introductory: 'Introductory Profile', expert: 'Expert Profile' } as const;

/** The ready-to-paste message a practitioner copies into an email. */
export function shareText(input: {
  code: string;
  groupName: string;
  product: keyof typeof productNames;
  includeCareerGuide: boolean;
  allowedEmailDomains: readonly string[];
  expiresAt?: string | undefined;
  appUrl: string;
}): string {
  const lines = [
    `You have been invited to complete an ${productNames[input.product]}${input.includeCareerGuide ? ' with the Career Guide' : ''} (${input.groupName}).`,
    '',
    `1. Go to ${input.appUrl}/redeem and sign in or create an account.`,
    `2. Enter the code ${input.code}`,
  ];
  if (input.allowedEmailDomains.length > 0) {
    lines.push(
      `Please sign in with your ${input.allowedEmailDomains.map((d) => `@${d}`).join(' or ')} email address.`,
    );
  }
  if (input.expiresAt) lines.push(`The code can be used until ${input.expiresAt.slice(0, 10)}.`);
  return lines.join('\n');
}
