import { createHmac, timingSafeEqual } from 'node:crypto';
import { ValidationError } from '../../../domain/errors.ts';

/**
 * Opaque, tamper-proof list cursors. A cursor is the DynamoDB position, base64url JSON, plus an
 * HMAC over the organisation and that JSON: a cursor edited by hand, made up, or issued to another
 * organisation fails the check and answers 400, so a raw LastEvaluatedKey is never trusted.
 */
export type PagePosition = Record<string, unknown>;

export interface CursorCodec {
  encode(org: string, position: PagePosition | undefined): string | null;
  decode(org: string, cursor: string | undefined): PagePosition | undefined;
}

const badCursor = () =>
  new ValidationError('The cursor is not valid for this list.', [
    { path: 'cursor', message: 'is not a cursor this API issued to your organisation' },
  ]);

export function cursorCodec(secret: Buffer): CursorCodec {
  const sign = (org: string, payload: string) =>
    createHmac('sha256', secret).update(`${org}\n${payload}`).digest();
  return {
    encode(org, position) {
      if (!position) return null;
      const payload = Buffer.from(JSON.stringify(position)).toString('base64url');
      return `${payload}.${sign(org, payload).toString('base64url')}`;
    },
    decode(org, cursor) {
      if (cursor === undefined) return undefined;
      const [payload, signature, ...rest] = cursor.split('.');
      if (!payload || !signature || rest.length > 0) throw badCursor();
      const expected = sign(org, payload);
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
