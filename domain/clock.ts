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
