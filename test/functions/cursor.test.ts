import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../domain/errors.ts';
import { cursorCodec, type CursorScope } from '../../functions/shared/http/cursor.ts';

const codec = cursorCodec(randomBytes(32));
const scope: CursorScope = {
  org: 'org-7f3c9a21',
  userId: 'user-5be0d4e8',
  list: 'GET /v1/groups/01JDKQ8Z/members /v1/groups/01JDKQ8Z/members',
};
const position = {
  PK: 'ORG#org-7f3c9a21',
  SK: 'MEMBER#01JDKQ8Z#user-5be0d4e8',
  GSI1PK: 'ASSIGNEE#user-5be0d4e8',
  GSI1SK: 'JOINED#2026-11-30',
};

const cursorFor = (at = scope) => codec.encode(at, position)!;

/**
 * Every readable way a cursor could give its content away: as sent, and its bytes base64url-decoded
 * (whole and in any '.'-separated parts, as a payload.signature cursor would be).
 */
function readings(cursor: string): string[] {
  return [
    cursor,
    ...[cursor, ...cursor.split('.')].flatMap((part) => {
      const bytes = Buffer.from(part, 'base64url');
      return [bytes.toString('utf8'), bytes.toString('latin1')];
    }),
  ];
}
/** At least four characters each, so random ciphertext cannot spell one by chance in a test run. */
const mustNotShow = [
  scope.org,
  scope.userId,
  '"PK"',
  '"SK"',
  'GSI1',
  'ORG#',
  'MEMBER#',
  '01JDKQ8Z',
  'user-',
  'org-',
];

function refused(decode: () => unknown) {
  try {
    decode();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe('VALIDATION_FAILED');
    return;
  }
  expect.unreachable('the cursor was accepted');
}

describe('list cursors', () => {
  it('opens a cursor it sealed, under the same scope, to the same position', () => {
    expect(codec.decode(scope, cursorFor())).toEqual(position);
  });

  it('answers no cursor for no next position, and no position for no cursor', () => {
    expect(codec.encode(scope, undefined)).toBeNull();
    expect(codec.decode(scope, undefined)).toBeUndefined();
  });

  it('reveals neither the organisation, the user, the key names nor the key values', () => {
    const cursor = cursorFor();
    for (const text of readings(cursor)) for (const shown of mustNotShow) expect(text).not.toContain(shown);
  });

  it('seals the same position differently every time (a fresh IV), so cursors cannot be compared', () => {
    expect(cursorFor()).not.toBe(cursorFor());
  });

  it('gives cursors whose length does not follow each character of the ids inside', () => {
    const short = codec.encode(scope, { PK: 'ORG#a', SK: 'GROUP#b' })!;
    const longer = codec.encode(scope, { PK: 'ORG#ab', SK: 'GROUP#bc' })!;
    expect(longer.length).toBe(short.length);
  });

  it('refuses a cursor with any one byte changed', () => {
    const bytes = Buffer.from(cursorFor(), 'base64url');
    for (let i = 0; i < bytes.length; i += 1) {
      const edited = Buffer.from(bytes);
      edited[i] = edited[i]! ^ 0x01;
      refused(() => codec.decode(scope, edited.toString('base64url')));
    }
  });

  it('refuses a cursor cut short or lengthened', () => {
    const cursor = cursorFor();
    refused(() => codec.decode(scope, cursor.slice(0, -4)));
    refused(() => codec.decode(scope, `${cursor}AAAA`));
  });

  it.each([
    ['made up', 'made-up'],
    ['not base64url', 'a.b.c'],
    ['padded base64', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=='],
    ['empty', ''],
    ['random bytes of a plausible length', randomBytes(60).toString('base64url')],
  ])('refuses a cursor that is %s', (_, cursor) => {
    refused(() => codec.decode(scope, cursor));
  });

  it.each([
    ["another organisation's", { ...scope, org: 'org-other' }],
    ["another user's", { ...scope, userId: 'user-other' }],
    ["another list's", { ...scope, list: 'GET /v1/learners /v1/learners' }],
  ])('refuses %s cursor', (_, other) => {
    refused(() => codec.decode(scope, cursorFor(other)));
  });

  it('refuses a cursor whose scope parts were only regrouped (org "a\\nb", user "c" is not org "a", user "b\\nc")', () => {
    const first = { org: 'a\nb', userId: 'c', list: 'l' };
    const regrouped = { org: 'a', userId: 'b\nc', list: 'l' };
    refused(() => codec.decode(regrouped, codec.encode(first, position)!));
  });

  it('refuses a cursor sealed under another secret (another deployment)', () => {
    refused(() => cursorCodec(randomBytes(32)).decode(scope, cursorFor()));
  });
});
