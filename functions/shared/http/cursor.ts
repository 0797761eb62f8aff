import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { ValidationError } from '../../../domain/errors.ts';
import type { PagePosition } from '../../../domain/kernel.ts';

/**
 * Opaque, tamper-proof list cursors. A cursor is the list's position (a JSON object the store chose,
 * such as the DynamoDB key of the last item shown) sealed with AES-256-GCM: a random 96-bit IV, the
 * ciphertext and the 128-bit tag, base64url. The scope (organisation, user and list) is the
 * additional authenticated data, so a cursor edited by hand, made up, issued to another
 * organisation or user, or taken from another list fails to open and answers 400; and unlike a
 * signed cursor, it shows nothing of what is inside (key names, organisation or user ids).
 */

/** Whose list, and which one: a cursor opens only under the scope it was sealed under. */
export interface CursorScope {
  org: string;
  userId: string;
  /** The list itself (route and path), so a cursor from one list is refused by another. */
  list: string;
}

export interface CursorCodec {
  encode(scope: CursorScope, position: PagePosition | undefined): string | null;
  decode(scope: CursorScope, cursor: string | undefined): PagePosition | undefined;
}

const ivBytes = 12;
const tagBytes = 16;
/** Plaintexts are padded to a multiple of this, so a cursor's length says little about its ids. */
const padTo = 32;
const base64url = /^[A-Za-z0-9_-]+$/;

const badCursor = () =>
  new ValidationError('The cursor is not valid for this list.', [
    { path: 'cursor', message: 'is not a cursor this API issued to you for this list' },
  ]);

/**
 * The scope as bytes: every part length-prefixed, so no two scopes share a spelling (an
 * organisation `a\nb` with user `c` is not organisation `a` with user `b\nc`).
 */
function associatedData(scope: CursorScope): Buffer {
  return Buffer.concat(
    ['list-cursor/v1', scope.org, scope.userId, scope.list].flatMap((part) => {
      const bytes = Buffer.from(part, 'utf8');
      const length = Buffer.alloc(4);
      length.writeUInt32BE(bytes.length);
      return [length, bytes];
    }),
  );
}

/**
 * The codec for one secret (the table's `cursor` signing secret). The encryption key is derived
 * from it with HKDF-SHA256 under its own label, so the stored secret is never used directly as a
 * key and the same secret could key another purpose without the two meeting.
 */
export function cursorCodec(secret: Buffer): CursorCodec {
  const key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'list-cursor/aes-256-gcm/v1', 32));
  return {
    encode(scope, position) {
      if (!position) return null;
      const json = JSON.stringify(position);
      // JSON ignores trailing whitespace, so spaces pad it without changing what it reads as.
      const plaintext = Buffer.from(json.padEnd(Math.ceil((json.length + 1) / padTo) * padTo, ' '), 'utf8');
      const iv = randomBytes(ivBytes);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: tagBytes });
      cipher.setAAD(associatedData(scope));
      const sealed = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
    },
    decode(scope, cursor) {
      if (cursor === undefined) return undefined;
      if (!base64url.test(cursor)) throw badCursor();
      const bytes = Buffer.from(cursor, 'base64url');
      if (bytes.length <= ivBytes + tagBytes) throw badCursor();
      let position: unknown;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, ivBytes), {
          authTagLength: tagBytes,
        });
        decipher.setAAD(associatedData(scope));
        decipher.setAuthTag(bytes.subarray(bytes.length - tagBytes));
        const plaintext = Buffer.concat([
          decipher.update(bytes.subarray(ivBytes, bytes.length - tagBytes)),
          decipher.final(),
        ]);
        position = JSON.parse(plaintext.toString('utf8'));
      } catch {
        // A failed tag (edited, made up, another scope) or, never for our own cursors, bad JSON.
        throw badCursor();
      }
      if (typeof position !== 'object' || position === null || Array.isArray(position)) throw badCursor();
      return position as PagePosition;
    },
  };
}
