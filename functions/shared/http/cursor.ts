import { createHmac, timingSafeEqual } from 'node:crypto';
import { ValidationError } from '../../../domain/errors.ts';

/**
 * Opaque, tamper-proof list cursors. A cursor is the DynamoDB position, base64url JSON, plus an
 * HMAC over its scope (organisation, user and list) and that JSON: a cursor edited by hand, made
 * up, issued to another organisation or user, or taken from another list fails the check and
 * answers 400, so a raw LastEvaluatedKey is never trusted (nor handed to the wrong query).
 */
export type PagePosition = Record<string, unknown>;

export interface CursorCodec {
  encode(scope: string, position: PagePosition | undefined): string | null;
  decode(scope: string, cursor: string | undefined): PagePosition | undefined;
}

const badCursor = () =>
  new ValidationError('The cursor is not valid for this list.', [
    { path: 'cursor', message: 'is not a cursor this API issued to your organisation' },
  ]);

export function cursorCodec(secret: Buffer): CursorCodec {
  const sign = (org: string, payload: string) =>
    createHmac('sha256', secret).update(`${org}\n${payload}`).digest();
  return {
    encode(scope, position) {
      if (!position) return null;
      const payload = Buffer.from(JSON.stringify(position)).toString('base64url');
      return `${payload}.${sign(scope, payload).toString('base64url')}`;
    },
    decode(scope, cursor) {
      if (cursor === undefined) return undefined;
      const [payload, signature, ...rest] = cursor.split('.');
      if (!payload || !signature || rest.length > 0) throw badCursor();
      const expected = sign(scope, payload);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw badCursor();
      try {
        const position: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
        if (typeof position !== 'object' || position === null || Array.isArray(position)) throw badCursor();
        return position as PagePosition;
      } catch {
        throw badCursor();
      }
    },
  };
}
