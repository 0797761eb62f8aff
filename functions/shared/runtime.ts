import { randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import type { Clock, IdGenerator, RandomBytes } from '../../domain/kernel.ts';
import { drawn } from './once-context.ts';

/**
 * The real clock, id generator and randomness the domain is given in production. Inside a "do once"
 * context (once-context.ts) every value drawn before the work commits is journalled, and a replay of
 * committed work gets the same values back: the same ids, timestamps and tokens as the first run.
 */
export const systemClock: Clock = {
  now: () =>
    drawn(
      'clock',
      () => new Date(),
      (date) => date.toISOString(),
      (stored) => new Date(stored as string),
    ),
};
export const ulidIds: IdGenerator = {
  next: () =>
    drawn(
      'id',
      () => ulid(),
      (id) => id,
      (stored) => stored as string,
    ),
};
export const secureRandom: RandomBytes = (size) =>
  drawn(
    'random',
    () => new Uint8Array(randomBytes(size)),
    (bytes) => Buffer.from(bytes).toString('base64'),
    (stored) => new Uint8Array(Buffer.from(stored as string, 'base64')),
  );
