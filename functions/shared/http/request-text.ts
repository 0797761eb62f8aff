import { HttpError } from './errors.ts';

/**
 * Checks on the parts of a request no schema sees: path parameters (API Gateway decodes them, so
 * `%00` or an escape of half a surrogate pair arrives as the character itself) and the
 * `Idempotency-Key` header. Odd input is the caller's error, answered 400 in the contract's shape,
 * never a failure deeper down (DynamoDB refuses a key holding a lone surrogate, and a 500 follows).
 */

/** C0 controls, DEL, C1 controls and lone surrogates: never part of an id, a code or a token. */
const controlOrLoneSurrogate = /[\p{Cc}\p{Cs}]/u;

export function refuseOddPathParameters(
  parameters: Readonly<Record<string, string | undefined>> | undefined,
) {
  const details = Object.entries(parameters ?? {})
    .filter(([, value]) => value !== undefined && controlOrLoneSurrogate.test(value))
    .map(([name]) => ({ path: name, message: 'must not contain control characters or lone surrogates' }));
  if (details.length > 0) {
    throw new HttpError(400, 'VALIDATION_FAILED', 'Some path parameters are not valid.', details);
  }
}

/**
 * An Idempotency-Key is 1 to `maxLength` printable ASCII characters. A header value is bytes: Node
 * reads bytes above 0x7f as Latin-1 and other hosts as UTF-8, so a key outside ASCII would not
 * be the same key everywhere; a control character in it is a client bug worth telling apart.
 */
export function refuseOddIdempotencyKey(key: string, maxLength: number) {
  if (key.length === 0 || key.length > maxLength) {
    throw new HttpError(400, 'VALIDATION_FAILED', 'The Idempotency-Key header is not valid.', [
      { path: 'Idempotency-Key', message: `must be 1 to ${maxLength} characters` },
    ]);
  }
  if (!/^[\x20-\x7e]+$/.test(key)) {
    throw new HttpError(400, 'VALIDATION_FAILED', 'The Idempotency-Key header is not valid.', [
      { path: 'Idempotency-Key', message: 'must be printable ASCII characters (no control characters)' },
    ]);
  }
}
