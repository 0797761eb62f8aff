/**
 * Comparing email addresses and domains without being fooled by lookalikes.
 *
 * `String.prototype.toLowerCase` is the trap: it applies Unicode's full case mapping, so the Kelvin
 * sign `\u212A` becomes an ASCII `k` and `a@uni.ac.u\u212A` would pass for `a@uni.ac.uk` (NFC and
 * NFKC fold it into `K` too, and so does the UTS #46 mapping behind `new URL` and
 * `domainToASCII`). Addresses are compared case-insensitively as the contract says, but only ASCII
 * letters change case; any other character stays exactly as sent, so a lookalike never becomes the
 * letter it imitates.
 */

/**
 * Lower-cases every letter except those whose lower case is ASCII while they are not: `Ü` → `ü` and
 * `Ω` → `ω`, but the Kelvin sign (→ `k`) and the dotted capital I (→ `i` + a combining dot) keep
 * their own form, so a lookalike never becomes the ASCII letter it imitates.
 */
export const lowerCaseWithoutLookalikes = (text: string): string =>
  text.replace(/\p{Lu}|\p{Lt}/gu, (letter) => {
    const lower = letter.toLowerCase();
    if (letter.charCodeAt(0) < 0x80) return lower;
    return /\p{ASCII}/u.test(lower) ? letter : lower;
  });

/** The form addresses are stored and compared in (`Pat@Uni.AC.uk` → `pat@uni.ac.uk`). */
export const normaliseEmail = (email: string): string => lowerCaseWithoutLookalikes(email.trim());

/** The domain of an email address, ASCII-lower-cased (`a@Uni.ac.uk` → `uni.ac.uk`). */
export const emailDomain = (email: string): string =>
  lowerCaseWithoutLookalikes(email.slice(email.lastIndexOf('@') + 1));

/**
 * A domain in the ASCII form DNS uses (IDNA A-labels): each label holding a character outside
 * ASCII is Punycode-encoded as it is (`münchen.de` → `xn--mnchen-3ya.de`), so a domain written with
 * its Unicode letters matches the same domain written in `xn--` form. No IDNA mapping is applied
 * first (that mapping is what folds the Kelvin sign into `k`): a label with a lookalike encodes to
 * an `xn--` label of its own (`u\u212A` → `xn--u-...`), which is never the ASCII label it imitates.
 */
export function asciiDomain(domain: string): string {
  return lowerCaseWithoutLookalikes(domain)
    .split('.')
    .map((label) => (/^\p{ASCII}*$/u.test(label) ? label : `xn--${punycode(label)}`))
    .join('.');
}

/** Whether two domains are the same domain: equal in their ASCII form. */
export const sameDomain = (a: string, b: string): boolean => asciiDomain(a) === asciiDomain(b);

// Punycode (RFC 3492), encoding only: the parameters and the algorithm of section 6.3.
const base = 36;
const tMin = 1;
const tMax = 26;
const skew = 38;
const damp = 700;
const initialBias = 72;
const initialN = 128;

function adapt(delta: number, points: number, first: boolean): number {
  let d = first ? Math.floor(delta / damp) : Math.floor(delta / 2);
  d += Math.floor(d / points);
  let k = 0;
  while (d > ((base - tMin) * tMax) / 2) {
    d = Math.floor(d / (base - tMin));
    k += base;
  }
  return k + Math.floor(((base - tMin + 1) * d) / (d + skew));
}

const digit = (d: number) => String.fromCharCode(d < 26 ? d + 97 : d + 22);

function punycode(label: string): string {
  const points = Array.from(label, (c) => c.codePointAt(0)!);
  let output = points
    .filter((p) => p < 0x80)
    .map((p) => String.fromCharCode(p))
    .join('');
  const basic = output.length;
  if (basic > 0) output += '-';
  let n = initialN;
  let delta = 0;
  let bias = initialBias;
  for (let handled = basic; handled < points.length;) {
    const m = Math.min(...points.filter((p) => p >= n));
    delta += (m - n) * (handled + 1);
    n = m;
    for (const p of points) {
      if (p < n) delta += 1;
      if (p !== n) continue;
      let q = delta;
      for (let k = base; ; k += base) {
        const t = k <= bias ? tMin : k >= bias + tMax ? tMax : k - bias;
        if (q < t) break;
        output += digit(t + ((q - t) % (base - t)));
        q = Math.floor((q - t) / (base - t));
      }
      output += digit(q);
      bias = adapt(delta, handled + 1, handled === basic);
      delta = 0;
      handled += 1;
    }
    delta += 1;
    n += 1;
  }
  return output;
}
