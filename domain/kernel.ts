/**
 * The shared kernel: the few shapes every bounded context speaks in (who acts, how lists page, where
 * time, ids and randomness come from). Each is stated here once; contexts import them, never redefine.
 */

/** Who does something: the signed-in user acting for their organisation. Every use case takes this. */
export interface Actor {
  org: string;
  userId: string;
  email: string;
  name?: string | undefined;
}

/** Where a list continues; opaque to the domain (the HTTP layer seals it into a cursor). */
export type PagePosition = Record<string, unknown>;
export interface PageRequest {
  limit: number;
  after?: PagePosition | undefined;
}
export interface Page<T> {
  items: T[];
  next?: PagePosition | undefined;
}

/** Time and identity come in from outside, so tests control them (design.md). */
export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  /** A new sortable unique id (ULID). */
  next(): string;
}

/** Cryptographically strong random bytes; the domain never reaches for a global source. */
export type RandomBytes = (size: number) => Uint8Array;
