import * as z from 'zod/mini';

/**
 * What an email belongs to, written on the email as SES message tags when it is sent and read back
 * from the tags of every delivery event, so an event finds the record whose `email` status it moves
 * (delivery tracking). One definition for the producers (domain), the mail worker and the
 * ses-events worker.
 */
const id = z.string().check(z.minLength(1), z.maxLength(200));

export const emailSubject = z.discriminatedUnion('kind', [
  /** One learner's email of a bulk share export: its result row. */
  z.object({ kind: z.literal('export-learner'), org: id, job: id, learner: id }),
  /** The requester's email of an export (zip ready, share summary): not tracked per row. */
  z.object({ kind: z.literal('export-requester'), org: id, job: id }),
  /** A single profile share (`POST …/profiles/{profileId}/shares`). */
  z.object({ kind: z.literal('profile-share'), org: id, share: id }),
  /** An invitation's email, and its reminders (same address, same status). */
  z.object({ kind: z.literal('invitation'), org: id, invitation: id }),
  /** The invitee's "your results are ready" email after a withheld profile is released. */
  z.object({ kind: z.literal('release'), org: id, invitation: id }),
  z.object({ kind: z.literal('transfer'), org: id, transfer: id }),
  /**
   * A practitioner's reminder to a group member who has not finished: not tracked per record, so
   * its tags name no person (tags travel to EventBridge and CloudWatch; a user id may be an email).
   */
  z.object({ kind: z.literal('group-reminder'), org: id, group: id }),
  /** A course issued by a client to a supplier's staff member. */
  z.object({ kind: z.literal('course'), org: id, staff: id, assignment: id }),
]);

export type EmailSubject = z.output<typeof emailSubject>;

/**
 * SES allows only `[A-Za-z0-9_.@-]` in tag names and values. Ids are written through a reversible
 * escape (`.` and every other byte as `.HH`), so an id with any character survives the round trip
 * and ordinary ids (ULIDs, `org-1`) stay readable in the SES console.
 */
const plain = /[A-Za-z0-9_@-]/;

export function encodeTagValue(value: string): string {
  let out = '';
  for (const char of value) {
    if (plain.test(char)) out += char;
    else
      for (const byte of Buffer.from(char, 'utf8'))
        out += `.${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function decodeTagValue(value: string): string | undefined {
  if (!/^(?:[A-Za-z0-9_@-]|\.[0-9A-F]{2})*$/.test(value)) return undefined;
  const bytes: number[] = [];
  for (let i = 0; i < value.length;) {
    if (value[i] === '.') {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 3;
    } else {
      bytes.push(value.charCodeAt(i));
      i += 1;
    }
  }
  const decoded = new TextDecoder('utf-8', { fatal: true });
  try {
    return decoded.decode(Uint8Array.from(bytes));
  } catch {
    return undefined;
  }
}

/** SES's limit on a tag value. */
const maxTagValueLength = 256;

/**
 * The SES tags naming `subject`: `kind` plus each of its ids, escaped. An id that would not fit a
 * tag once escaped (an organisation id of ~30 CJK characters already does not: each UTF-8 byte takes
 * three) is never cut short, which would name another record or none: the email then carries its
 * kind and `tracking: off` only. It is still sent; its events name nothing and are dropped, so that
 * one email shows no delivery status. Refusing instead would fail every email such an organisation
 * sends.
 */
export function emailTags(subject: EmailSubject): Record<string, string> {
  const tags = Object.entries(subject).map(([name, value]) => [name, encodeTagValue(value)] as const);
  if (tags.some(([, value]) => value.length > maxTagValueLength))
    return { kind: subject.kind, tracking: 'off' };
  return Object.fromEntries(tags);
}

/**
 * The subject named by an event's tags (SES publishes each tag as a list of values), or undefined
 * when the tags name nothing we track (an email sent without them, or by something else).
 */
export function emailSubjectFromTags(
  tags: Readonly<Record<string, readonly string[] | string>>,
): EmailSubject | undefined {
  const decoded: Record<string, string> = {};
  for (const [name, values] of Object.entries(tags)) {
    const first = Array.isArray(values) ? values[0] : values;
    if (typeof first !== 'string' || name.startsWith('ses:')) continue;
    const value = decodeTagValue(first);
    if (value !== undefined) decoded[name] = value;
  }
  const parsed = emailSubject.safeParse(decoded);
  return parsed.success ? parsed.data : undefined;
}
