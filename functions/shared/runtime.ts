import { randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import type { Clock, IdGenerator, RandomBytes } from '../../domain/kernel.ts';

/** The real clock, id generator and randomness the domain is given in production. */
export const systemClock: Clock = { now: () => new Date() };
export const ulidIds: IdGenerator = { next: () => ulid() };
export const secureRandom: RandomBytes = (size) => randomBytes(size);
